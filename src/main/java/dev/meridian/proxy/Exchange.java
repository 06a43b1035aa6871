package dev.meridian.proxy;

import dev.meridian.api.openai.RequestHead;
import dev.meridian.config.UpstreamConfig;
import dev.meridian.error.ErrorRenderer;
import dev.meridian.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client request on its way through an upstream: endpoint attempts, deadlines, the relay of the
 * answer chunk by chunk, and cancellation when the client leaves. Lives on one event loop.
 */
final class Exchange extends Deadlines.Entry {

  private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);
  private static final int MAX_ERROR_BODY = 64 * 1024;

  /** What the armed deadline guards. */
  private enum Phase {
    CONNECT,
    FIRST_BYTE,
    IDLE
  }

  private final Deadlines deadlines;
  private final UpstreamConfig timeouts;
  private final HttpServerRequest request;
  private final HttpServerResponse response;
  private final String requestId;
  private final RequestHead head;
  private final Buffer body;
  private final String upstreamModel;
  private final List<Upstream> upstreams;

  private int attempt;
  private Upstream current;
  private boolean connectTimedOut;
  private Phase phase;
  private HttpClientRequest upstreamRequest;
  private HttpClientResponse upstreamResponse;
  private Buffer errorBody;
  private boolean finished;
  private boolean bodyChecked;
  private Buffer held;

  Exchange(
      Deadlines deadlines,
      UpstreamConfig timeouts,
      HttpServerRequest request,
      String requestId,
      RequestHead head,
      Buffer body,
      String upstreamModel,
      List<Upstream> upstreams) {
    this.deadlines = deadlines;
    this.timeouts = timeouts;
    this.request = request;
    this.response = request.response();
    this.requestId = requestId;
    this.head = head;
    this.body = body;
    this.upstreamModel = upstreamModel;
    this.upstreams = upstreams;
  }

  void start() {
    response.closeHandler(this::clientClosed);
    tryNextEndpoint();
  }

  private void tryNextEndpoint() {
    if (attempt >= upstreams.size()) {
      fail(
          connectTimedOut
              ? GatewayException.upstreamTimeout(
                  "No provider endpoint for '" + head.model() + "' accepted a connection in time.")
              : GatewayException.upstreamUnreachable(head.model()));
      return;
    }
    current = upstreams.get(attempt++);
    arm(Phase.CONNECT, timeouts.connectTimeout().toNanos());
    int thisAttempt = attempt;
    current
        .client()
        .request(current.requestOptions(head.operation()))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                connectFailed(thisAttempt, ar.cause());
              } else {
                send(thisAttempt, ar.result());
              }
            });
  }

  private void connectFailed(int failedAttempt, Throwable cause) {
    if (finished || failedAttempt != attempt) {
      return; // this attempt was already given up on
    }
    LOG.debug(
        "{} endpoint {}: connect failed: {}", requestId, current.endpoint().id(), cause.toString());
    if (cause instanceof io.netty.channel.ConnectTimeoutException
        || cause instanceof java.util.concurrent.TimeoutException) {
      connectTimedOut = true;
    }
    tryNextEndpoint();
  }

  private void send(int sentAttempt, HttpClientRequest req) {
    if (finished || sentAttempt != attempt) {
      req.reset(); // the client left, or this connection came after its deadline
      return;
    }
    upstreamRequest = req;
    Headers.copyToUpstream(request.headers(), req.headers());
    current.adapter().authenticate(req.headers());
    req.putHeader("content-type", "application/json");
    req.putHeader("x-request-id", requestId);
    arm(Phase.FIRST_BYTE, timeouts.firstByteTimeout().toNanos());
    Buffer out = current.adapter().body(head, body, upstreamModel);
    req.send(out).onSuccess(this::onResponse).onFailure(this::sendFailed);
  }

  private void sendFailed(Throwable cause) {
    if (!finished) {
      LOG.debug(
          "{} endpoint {}: no answer: {}", requestId, current.endpoint().id(), cause.toString());
      fail(GatewayException.badUpstream("The provider closed the connection without answering."));
    }
  }

  private void arm(Phase p, long timeoutNanos) {
    phase = p;
    deadlines.arm(this, deadlines.now() + timeoutNanos);
  }

  @Override
  void expired() {
    if (finished) {
      return;
    }
    switch (phase) {
      case CONNECT:
        // Give up on this endpoint; a connection that still comes for it is reset in send().
        LOG.debug("{} endpoint {}: connect timed out", requestId, current.endpoint().id());
        connectTimedOut = true;
        tryNextEndpoint();
        return;
      case FIRST_BYTE:
        fail(
            GatewayException.upstreamTimeout(
                "The provider did not answer within "
                    + timeouts.firstByteTimeout().toMillis()
                    + " ms."));
        return;
      default:
        fail(
            GatewayException.upstreamTimeout(
                "The provider sent nothing for " + timeouts.idleTimeout().toMillis() + " ms."));
    }
  }

  private void onResponse(HttpClientResponse resp) {
    if (finished) {
      return;
    }
    upstreamResponse = resp;
    arm(Phase.IDLE, timeouts.idleTimeout().toNanos());
    resp.exceptionHandler(this::upstreamBroke);
    int status = resp.statusCode();
    if (status < 200 || status > 299) {
      errorBody = Buffer.buffer();
      resp.handler(this::collectError);
      resp.endHandler(this::errorComplete);
    } else if (!acceptableContentType(resp.getHeader("content-type"))) {
      fail(GatewayException.badUpstream("The provider answered with an unexpected content type."));
    } else {
      resp.handler(this::relayChunk);
      resp.endHandler(this::upstreamEnded);
    }
  }

  private static boolean acceptableContentType(String contentType) {
    return contentType != null
        && (contentType.startsWith("application/json")
            || contentType.startsWith("text/event-stream"));
  }

  private void collectError(Buffer chunk) {
    deadline = deadlines.now() + timeouts.idleTimeout().toNanos();
    if (errorBody.length() < MAX_ERROR_BODY) {
      int room = MAX_ERROR_BODY - errorBody.length();
      errorBody.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
    }
  }

  private void errorComplete(Void ignored) {
    upstreamRequest = null; // the answer is complete; nothing to cancel
    fail(
        current
            .adapter()
            .error(upstreamResponse.statusCode(), upstreamResponse.headers(), errorBody));
  }

  /** Sends the status line and headers, once the first bytes of the answer look right. */
  private void writeHead() {
    HttpClientResponse resp = upstreamResponse;
    if (resp.statusCode() != 200) {
      response.setStatusCode(resp.statusCode());
    }
    Headers.copyToClient(resp.headers(), response.headers());
    response.putHeader("x-meridian-endpoint", current.endpoint().id());
    String length = resp.getHeader("content-length");
    if (length != null && !head.stream()) {
      response.putHeader("content-length", length);
    } else {
      response.setChunked(true);
    }
  }

  /**
   * Writes a chunk of the answer. A stream's chunks go out as they come. A non-stream answer's
   * latest chunk is held until the next one (or the end) arrives, so that the common one-chunk
   * answer leaves with the end of the response in one write instead of two; nothing more than that
   * one chunk is ever held.
   */
  private void relayChunk(Buffer chunk) {
    deadline = deadlines.now() + timeouts.idleTimeout().toNanos();
    if (!bodyChecked && !checkFirstBytes(chunk)) {
      return;
    }
    Buffer out = chunk;
    if (!head.stream()) {
      out = held;
      held = chunk;
      if (out == null) {
        return;
      }
    }
    response.write(out);
    if (response.writeQueueFull()) {
      upstreamResponse.pause();
      response.drainHandler(this::clientDrained);
    }
  }

  /**
   * Looks at the first non-blank byte of a 2xx answer before anything reaches the client: JSON must
   * open with '{' or '[', an event stream with a field name or a comment. An HTML page or garbage
   * becomes a clean 502 instead of a body the client's SDK cannot read.
   */
  private boolean checkFirstBytes(Buffer chunk) {
    for (int i = 0; i < chunk.length(); i++) {
      byte b = chunk.getByte(i);
      if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
        continue;
      }
      bodyChecked = true;
      boolean ok = head.stream() && isEventStream() ? isSseStart(b) : b == '{' || b == '[';
      if (ok) {
        writeHead();
      } else {
        fail(GatewayException.badUpstream("The provider's answer could not be read."));
      }
      return ok;
    }
    bodyChecked = true; // blank so far: nothing to judge, so relay it as it is
    writeHead();
    return true;
  }

  private boolean isEventStream() {
    String ct = upstreamResponse.getHeader("content-type");
    return ct != null && ct.startsWith("text/event-stream");
  }

  private static boolean isSseStart(byte b) {
    return b == 'd' || b == 'e' || b == 'i' || b == 'r' || b == ':';
  }

  private void clientDrained(Void ignored) {
    if (!finished) {
      upstreamResponse.resume();
    }
  }

  private void upstreamEnded(Void ignored) {
    if (finished) {
      return;
    }
    if (!bodyChecked) {
      upstreamRequest = null;
      fail(GatewayException.badUpstream("The provider's answer was empty."));
      return;
    }
    finish();
    if (held != null) {
      response.end(held);
    } else {
      response.end();
    }
  }

  private void upstreamBroke(Throwable cause) {
    if (!finished) {
      LOG.debug(
          "{} endpoint {}: response broke: {}",
          requestId,
          current.endpoint().id(),
          cause.toString());
      fail(GatewayException.badUpstream("The provider's connection broke during the response."));
    }
  }

  private void clientClosed(Void ignored) {
    if (finished) {
      return;
    }
    finish();
    LOG.debug("{}: client went away; cancelling the upstream request", requestId);
    if (upstreamRequest != null) {
      upstreamRequest.reset();
    }
  }

  private void finish() {
    finished = true;
    deadlines.disarm(this);
  }

  /** Ends the exchange with {@code error}: an HTTP error if nothing was sent yet, else in-band. */
  private void fail(GatewayException error) {
    if (finished) {
      return;
    }
    finish();
    if (upstreamRequest != null) {
      upstreamRequest.reset();
    }
    if (!response.headWritten()) {
      Responses.error(response, error);
    } else if (head.stream()) {
      response.end(Buffer.buffer(ErrorRenderer.openAiStreamEvent(error)));
    } else {
      // A non-stream body cannot carry an error: cut it (HTTP/1.x closes the connection, HTTP/2
      // resets only this stream), so the client sees a truncated answer, never a wrong one.
      response.reset();
    }
  }
}
