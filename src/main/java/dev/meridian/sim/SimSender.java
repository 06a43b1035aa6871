package dev.meridian.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** How a simulated provider's answers leave: whole, as a stream, in cut pieces, or late. */
final class SimSender {

  private final Vertx vertx;
  private final Random random;
  private final AtomicLong backpressured;

  SimSender(Vertx vertx, Random random, AtomicLong backpressured) {
    this.vertx = vertx;
    this.random = random;
    this.backpressured = backpressured;
  }

  void stream(HttpServerResponse resp, SimBehavior b, List<ObjectNode> chunks) {
    resp.setChunked(true)
        .putHeader("content-type", "text/event-stream")
        .putHeader("cache-control", "no-cache");
    later(b.ttft(), () -> sendChunk(resp, b, chunks, 0));
  }

  /**
   * Sends chunks from {@code i} on: back to back while there is no chunk delay and the connection
   * keeps up, waiting for it to drain when its write queue is full (as a real server would), and on
   * a timer when a chunk delay is set.
   */
  private void sendChunk(HttpServerResponse resp, SimBehavior b, List<ObjectNode> chunks, int i) {
    int next = i;
    while (true) {
      if (resp.closed()) {
        return;
      }
      if (b.dropAfterChunks() > 0 && next >= b.dropAfterChunks()) {
        resp.reset();
        return;
      }
      if (next == chunks.size()) {
        resp.end("data: [DONE]\n\n");
        return;
      }
      resp.write("data: " + chunks.get(next).toString() + "\n\n");
      int following = next + 1;
      if (resp.writeQueueFull()) {
        backpressured.incrementAndGet();
        resp.drainHandler(v -> later(b.chunkDelay(), () -> sendChunk(resp, b, chunks, following)));
        return;
      }
      long delay = b.chunkDelay().sample(random);
      if (delay > 0) {
        vertx.setTimer(delay, id -> sendChunk(resp, b, chunks, following));
        return;
      }
      next = following;
    }
  }

  void later(Latency delay, Runnable action) {
    long ms = delay.sample(random);
    if (ms <= 0) {
      action.run();
    } else {
      vertx.setTimer(ms, id -> action.run());
    }
  }

  /**
   * Sends a JSON answer. With {@code x-sim-drop-after: N} (N > 0) it goes out in 32-byte chunks and
   * the connection is cut after N of them, as when a provider dies mid-answer.
   */
  void json(HttpServerResponse resp, SimBehavior b, ObjectNode body) {
    if (resp.closed()) {
      return;
    }
    resp.putHeader("content-type", "application/json");
    if (b.dropAfterChunks() <= 0) {
      resp.end(body.toString());
      return;
    }
    byte[] bytes = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    resp.setChunked(true);
    sendPiece(resp, bytes, 0, b.dropAfterChunks());
  }

  private void sendPiece(HttpServerResponse resp, byte[] bytes, int piece, int dropAfter) {
    if (resp.closed()) {
      return;
    }
    if (piece >= dropAfter) {
      resp.reset();
      return;
    }
    int from = piece * 32;
    if (from >= bytes.length) {
      resp.end();
      return;
    }
    resp.write(
        Buffer.buffer(
            java.util.Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + 32))));
    // the next piece on a later turn of the event loop, so that each one leaves separately
    vertx.setTimer(1, id -> sendPiece(resp, bytes, piece + 1, dropAfter));
  }

  static void error(HttpServerResponse resp, int status, String message) {
    if (!resp.closed()) {
      resp.setStatusCode(status)
          .putHeader("content-type", "application/json")
          .end(SimAnswers.error(status, message).toString());
    }
  }
}
