package dev.meridian.proxy;

import io.vertx.core.MultiMap;
import java.util.Map;
import java.util.Set;

/** Which headers cross the gateway in each direction. */
final class Headers {

  /** RFC 9110 hop-by-hop headers, plus the ones Meridian sets itself. */
  private static final HeaderNames HOP_BY_HOP =
      names(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "trailers",
          "transfer-encoding",
          "upgrade",
          "host",
          "content-length");

  /** Client credentials and things the upstream must not see or must not choose. */
  private static final HeaderNames NOT_UPSTREAM =
      names("authorization", "api-key", "x-api-key", "cookie", "accept-encoding", "x-request-id");

  /** Upstream details a client must not see: account ids, the provider's own limits, cookies. */
  private static final HeaderNames NOT_DOWNSTREAM =
      names(
          "set-cookie",
          "server",
          "x-request-id",
          "openai-organization",
          "openai-project",
          "alt-svc",
          "via",
          "date");

  private Headers() {}

  private static HeaderNames names(String... names) {
    return new HeaderNames(Set.of(names));
  }

  static void copyToUpstream(MultiMap from, MultiMap to) {
    for (Map.Entry<String, String> h : from) {
      String name = h.getKey();
      if (!HOP_BY_HOP.contains(name) && !NOT_UPSTREAM.contains(name)) {
        to.add(name, h.getValue());
      }
    }
  }

  static void copyToClient(MultiMap from, MultiMap to) {
    for (Map.Entry<String, String> h : from) {
      String name = h.getKey();
      if (!HOP_BY_HOP.contains(name)
          && !NOT_DOWNSTREAM.contains(name)
          && !startsWithIgnoreCase(name, "x-ratelimit-")
          && !startsWithIgnoreCase(name, "cf-")) {
        to.add(name, h.getValue());
      }
    }
  }

  private static boolean startsWithIgnoreCase(String s, String prefix) {
    return s.regionMatches(true, 0, prefix, 0, prefix.length());
  }
}
