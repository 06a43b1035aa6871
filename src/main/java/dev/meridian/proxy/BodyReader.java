package dev.meridian.proxy;

import dev.meridian.error.GatewayException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/** Reads a request body up to a limit; past the limit it answers 413 and closes the connection. */
final class BodyReader {

  private final HttpServerRequest request;
  private final long limit;
  private final Handler<Buffer> onBody;
  private Buffer body;
  private boolean refused;

  BodyReader(HttpServerRequest request, long limit, Handler<Buffer> onBody) {
    this.request = request;
    this.limit = limit;
    this.onBody = onBody;
  }

  void start() {
    String declared = request.getHeader("content-length");
    int initial = 1024;
    if (declared != null) {
      try {
        initial = (int) Math.max(0, Math.min(Long.parseLong(declared.trim()), limit));
      } catch (NumberFormatException ignored) {
        // a malformed length is the HTTP codec's business; read what arrives
      }
    }
    body = Buffer.buffer(initial);
    request.handler(this::chunk);
    request.endHandler(this::end);
  }

  private void chunk(Buffer chunk) {
    if (refused) {
      return;
    }
    if (body.length() + (long) chunk.length() > limit) {
      refused = true;
      body = null;
      request.response().putHeader("connection", "close");
      Responses.error(request.response(), GatewayException.bodyTooLarge(limit));
      return;
    }
    body.appendBuffer(chunk);
  }

  private void end(Void ignored) {
    if (!refused) {
      onBody.handle(body);
    }
  }
}
