package dev.meridian.proxy;

import dev.meridian.error.ErrorRenderer;
import dev.meridian.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Writes complete responses that Meridian makes itself. */
final class Responses {

  private static final String JSON = "application/json";

  private Responses() {}

  static void error(HttpServerResponse response, GatewayException e) {
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(e.status()).putHeader("content-type", JSON);
    if (e.retryAfterSeconds() >= 0) {
      response.putHeader("retry-after", Long.toString(e.retryAfterSeconds()));
    }
    response.end(Buffer.buffer(ErrorRenderer.openAiBody(e)));
  }

  static void json(HttpServerResponse response, int status, Buffer body) {
    response.setStatusCode(status).putHeader("content-type", JSON).end(body);
  }
}
