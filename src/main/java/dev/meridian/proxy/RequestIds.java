package dev.meridian.proxy;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Request ids: a random per-process prefix and a counter, cheap and unique. */
final class RequestIds {

  private static final String PREFIX =
      "req_" + Long.toHexString(new SecureRandom().nextLong() >>> 16);
  private static final AtomicLong NEXT = new AtomicLong();
  private static final int MAX_CLIENT_ID_LENGTH = 128;

  private RequestIds() {}

  /** The client's id when it sent a sensible one, else a new one. */
  static String choose(String fromClient) {
    if (fromClient != null
        && !fromClient.isEmpty()
        && fromClient.length() <= MAX_CLIENT_ID_LENGTH
        && printable(fromClient)) {
      return fromClient;
    }
    return PREFIX + Long.toHexString(NEXT.incrementAndGet());
  }

  private static boolean printable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
