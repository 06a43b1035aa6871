package dev.meridian.config;

import java.time.Duration;

/**
 * How Meridian talks to provider endpoints.
 *
 * @param connectTimeout time to open a TCP (and TLS) connection
 * @param firstByteTimeout time from sending the request to the response headers
 * @param idleTimeout longest silence between two chunks of a response
 * @param maxConnections pooled keep-alive connections per endpoint
 */
public record UpstreamConfig(
    Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout, int maxConnections) {

  public static final UpstreamConfig DEFAULTS =
      new UpstreamConfig(
          Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofSeconds(60), 512);

  public UpstreamConfig {
    requirePositive("connect-timeout", connectTimeout);
    requirePositive("first-byte-timeout", firstByteTimeout);
    requirePositive("idle-timeout", idleTimeout);
    if (maxConnections <= 0) {
      throw new IllegalArgumentException("max-connections: " + maxConnections + " (expected: > 0)");
    }
  }

  private static void requirePositive(String name, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + ": " + d.toMillis() + "ms (expected: > 0)");
    }
  }
}
