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
        h.contains("x-sim-latency") ? Latency.parse(h.get("x-sim-latency")) : latency,
        h.contains("x-sim-ttft") ? Latency.parse(h.get("x-sim-ttft")) : ttft,
        h.contains("x-sim-chunk-delay") ? Latency.parse(h.get("x-sim-chunk-delay")) : chunkDelay,
        h.contains("x-sim-status") ? Integer.parseInt(h.get("x-sim-status").trim()) : status,
        h.contains("x-sim-hang") ? Boolean.parseBoolean(h.get("x-sim-hang")) : hang,
        h.contains("x-sim-drop-after")
            ? Integer.parseInt(h.get("x-sim-drop-after").trim())
            : dropAfterChunks,
        h.contains("x-sim-html") ? Boolean.parseBoolean(h.get("x-sim-html")) : html,
        h.contains("x-sim-garbage") ? Boolean.parseBoolean(h.get("x-sim-garbage")) : garbage,
        h.contains("x-sim-words") ? Integer.parseInt(h.get("x-sim-words").trim()) : words,
        h.contains("x-sim-error-message") ? h.get("x-sim-error-message") : errorMessage);
  }
}
