package dev.meridian.error;

import java.util.regex.Pattern;

/** Removes what must never reach a client or a log line from text that came from elsewhere. */
public final class Redaction {

  private static final Pattern SECRET =
      Pattern.compile(
          "(?i)(bearer\\s+[A-Za-z0-9._~+/=-]{6,})"
              + "|\\b((sk|mk|rk|pk|sess|key|AIza)[-_][A-Za-z0-9._-]{5,}[A-Za-z0-9_-])"
              + "|\\bAIza[A-Za-z0-9_-]{20,}");
  private static final Pattern URL = Pattern.compile("(?i)\\b(https?|wss?)://[^\\s\"'<>]+");
  private static final Pattern HOST_PORT =
      Pattern.compile("\\b(\\d{1,3}(\\.\\d{1,3}){3}|[a-z0-9-]+(\\.[a-z0-9-]+)+):\\d{2,5}\\b");
  private static final int MAX_LENGTH = 500;

  private Redaction() {}

  /** Text safe to show a client: no secrets, URLs or host:port pairs, at most 500 characters. */
  public static String clean(String text) {
    if (text == null) {
      return null;
    }
    String out = SECRET.matcher(text).replaceAll("[redacted]");
    out = URL.matcher(out).replaceAll("[url]");
    out = HOST_PORT.matcher(out).replaceAll("[host]");
    if (out.length() > MAX_LENGTH) {
      out = out.substring(0, MAX_LENGTH) + "...";
    }
    return out;
  }
}
