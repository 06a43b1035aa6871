package dev.meridian.config;

import java.net.URI;

/** One provider base URL in one region: a node that can serve models. */
public record EndpointConfig(String id, String provider, String region, URI url, int weight) {

  public EndpointConfig {
    if (weight <= 0) {
      throw new IllegalArgumentException("weight: " + weight + " (expected: > 0)");
    }
  }

  /** The base path of the URL without a trailing slash, e.g. {@code /v1}. */
  public String basePath() {
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  public boolean tls() {
    return "https".equalsIgnoreCase(url.getScheme());
  }

  public int port() {
    if (url.getPort() > 0) {
      return url.getPort();
    }
    return tls() ? 443 : 80;
  }
}
