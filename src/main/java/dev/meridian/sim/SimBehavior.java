package dev.meridian.sim;

import io.vertx.core.MultiMap;

/**
 * How a simulated provider answers. Set per endpoint in code; each field can be overridden per
 * request with the header named beside it.
 *
 * @param latency {@code x-sim-latency}: delay before the response headers (non-stream: the answer)
 * @param ttft {@code x-sim-ttft}: delay before the first stream chunk
 * @param chunkDelay {@code x-sim-chunk-delay}: delay between stream chunks
 * @param status {@code x-sim-status}: answer with this HTTP status and an OpenAI error body (0: ok)
 * @param hang {@code x-sim-hang}: accept the request and never answer
 * @param dropAfterChunks {@code x-sim-drop-after}: close the connection after this many chunks (-1:
 *     never; 0: before any answer)
 * @param html {@code x-sim-html}: answer with an HTML error page instead of JSON
 * @param garbage {@code x-sim-garbage}: answer 200 with a body that is not JSON
 * @param words {@code x-sim-words}: how many generated words an answer has
 * @param errorMessage {@code x-sim-error-message}: the message inside error bodies
 */
public record SimBehavior(
    Latency latency,
    Latency ttft,
    Latency chunkDelay,
    int status,
    boolean hang,
    int dropAfterChunks,
    boolean html,
    boolean garbage,
    int words,
    String errorMessage) {

  public static final SimBehavior NORMAL =
      new SimBehavior(
          Latency.ZERO, Latency.ZERO, Latency.ZERO, 0, false, -1, false, false, 12, null);

  public SimBehavior {
    if (words < 0) {
      throw new IllegalArgumentException("words: " + words + " (expected: >= 0)");
    }
  }

  public SimBehavior withLatency(Latency l) {
    return new SimBehavior(
        l, ttft, chunkDelay, status, hang, dropAfterChunks, html, garbage, words, errorMessage);
  }

  public SimBehavior withStreamTiming(Latency firstToken, Latency betweenChunks) {
    return new SimBehavior(
        latency,
        firstToken,
        betweenChunks,
        status,
        hang,
        dropAfterChunks,
        html,
        garbage,
        words,
        errorMessage);
  }

  public SimBehavior withStatus(int s) {
    return new SimBehavior(
        latency, ttft, chunkDelay, s, hang, dropAfterChunks, html, garbage, words, errorMessage);
  }

  public SimBehavior withHang(boolean h) {
    return new SimBehavior(
        latency, ttft, chunkDelay, status, h, dropAfterChunks, html, garbage, words, errorMessage);
  }

  public SimBehavior withWords(int w) {
    return new SimBehavior(
        latency, ttft, chunkDelay, status, hang, dropAfterChunks, html, garbage, w, errorMessage);
  }

  /** This behaviour with the request's {@code x-sim-*} headers applied. */
  SimBehavior withOverrides(MultiMap h) {
    return new SimBehavior(
        latencyHeader(h, "x-sim-latency", latency),
        latencyHeader(h, "x-sim-ttft", ttft),
        latencyHeader(h, "x-sim-chunk-delay", chunkDelay),
        intHeader(h, "x-sim-status", status, 0),
        boolHeader(h, "x-sim-hang", hang),
        intHeader(h, "x-sim-drop-after", dropAfterChunks, -1),
        boolHeader(h, "x-sim-html", html),
        boolHeader(h, "x-sim-garbage", garbage),
        intHeader(h, "x-sim-words", words, 0),
        h.contains("x-sim-error-message") ? h.get("x-sim-error-message") : errorMessage);
  }

  private static Latency latencyHeader(MultiMap h, String name, Latency fallback) {
    String v = h.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Latency.parse(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  private static int intHeader(MultiMap h, String name, int fallback, int min) {
    String v = h.get(name);
    if (v == null) {
      return fallback;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": \"" + v + "\" is not a whole number", e);
    }
    if (parsed < min) {
      throw new IllegalArgumentException(name + ": " + parsed + " (expected: >= " + min + ")");
    }
    return parsed;
  }

  private static boolean boolHeader(MultiMap h, String name, boolean fallback) {
    String v = h.get(name);
    if (v == null) {
      return fallback;
    }
    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException(name + ": \"" + v + "\" (expected: true or false)");
    }
    return Boolean.parseBoolean(v);
  }
}
