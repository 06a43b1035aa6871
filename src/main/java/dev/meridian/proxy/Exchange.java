package dev.meridian.proxy;

import dev.meridian.api.openai.RequestHead;
import dev.meridian.common.Ticker;
import dev.meridian.config.UpstreamConfig;
import dev.meridian.error.ErrorRenderer;
import dev.meridian.error.GatewayException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client request on its way through an upstream: endpoint attempts, timeouts, the relay of the
 * answer chunk by chunk, and cancellation when the client leaves. Lives on one event loop.
 */
final class Exchange {

  private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final Vertx vertx;
  private final Ticker ticker;
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
  private Throwable lastConnectFailure;
  private HttpClientRequest upstreamRequest;
  private HttpClientResponse upstreamResponse;
  private Buffer errorBody;
  private long firstByteTimer = -1;
  private long idleTimer = -1;
  private long lastActivity;
  private boolean finished;
  private boolean bodyChecked;

  Exchange(
      Vertx vertx,
      Ticker ticker,
      UpstreamConfig timeouts,
      HttpServerRequest request,
      String requestId,
      RequestHead head,
      Buffer body,
      String upstreamModel,
      List<Upstream> upstreams) {
    this.vertx = vertx;
    this.ticker = ticker;
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
          lastConnectFailure instanceof TimeoutException
              ? GatewayException.upstreamTimeout(
                  "No provider endpoint for '" + head.model() + "' accepted a connection in time.")
              : GatewayException.upstreamUnreachable(head.model()));
      return;
    }
    current = upstreams.get(attempt++);
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setURI(current.endpoint().basePath() + current.adapter().path(head.operation()))
            .setConnectTimeout(timeouts.connectTimeout().toMillis());
    current.client().request(options).onSuccess(this::send).onFailure(this::connectFailed);
  }

  private void connectFailed(Throwable cause) {
    LOG.debug(
        "{} endpoint {}: connect failed: {}", requestId, current.endpoint().id(), cause.toString());
    lastConnectFailure = cause;
    if (!finished) {
      tryNextEndpoint();
    }
  }

  private void send(HttpClientRequest req) {
    if (finished) {
      req.reset();
      return;
    }
    upstreamRequest = req;
    Headers.copyToUpstream(request.headers(), req.headers());
    current.adapter().authenticate(req.headers());
    req.putHeader("content-type", "application/json");
    req.putHeader("x-request-id", requestId);
    firstByteTimer =
        vertx.setTimer(timeouts.firstByteTimeout().toMillis(), this::firstByteTimedOut);
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

  private void onResponse(HttpClientResponse resp) {
    cancelTimer(firstByteTimer);
    if (finished) {
      return;
    }
    upstreamResponse = resp;
    resp.exceptionHandler(this::upstreamBroke);
    int status = resp.statusCode();
    if (status < 200 || status > 299) {
      errorBody = Buffer.buffer();
      resp.handler(this::collectError);
      resp.endHandler(this::errorComplete);
    } else if (!acceptableContentType(resp.getHeader("content-type"))) {
      fail(GatewayException.badUpstream("The provider answered with an unexpected content type."));
    } else {
      relay(resp);
    }
  }

  private static boolean acceptableContentType(String contentType) {
    return contentType != null
        && (contentType.startsWith("application/json")
            || contentType.startsWith("text/event-stream"));
  }

  private void collectError(Buffer chunk) {
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

  private void relay(HttpClientResponse resp) {
    lastActivity = ticker.read();
    armIdleTimer(timeouts.idleTimeout().toMillis());
    resp.handler(this::relayChunk);
    resp.endHandler(this::upstreamEnded);
  }

  /** Sends the status line and headers, once the first bytes of the answer look right. */
  private void writeHead() {
    HttpClientResponse resp = upstreamResponse;
    response.setStatusCode(resp.statusCode());
    Headers.copyToClient(resp.headers(), response.headers());
    response.putHeader("x-request-id", requestId);
    response.putHeader("x-meridian-endpoint", current.endpoint().id());
    String length = resp.getHeader("content-length");
    if (length != null && !head.stream()) {
      response.putHeader("content-length", length);
    } else {
      response.setChunked(true);
    }
  }

  private void relayChunk(Buffer chunk) {
    lastActivity = ticker.read();
    if (!bodyChecked && !checkFirstBytes(chunk)) {
      return;
    }
    response.write(chunk);
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
    finished = true;
    cancelTimer(idleTimer);
    response.end();
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

  private void firstByteTimedOut(long timerId) {
    firstByteTimer = -1;
    fail(
        GatewayException.upstreamTimeout(
            "The provider did not answer within "
                + timeouts.firstByteTimeout().toMillis()
                + " ms."));
  }

  private void armIdleTimer(long delayMillis) {
    idleTimer = vertx.setTimer(Math.max(1, delayMillis), this::idleCheck);
  }

  private void idleCheck(long timerId) {
    idleTimer = -1;
    if (finished) {
      return;
    }
    long idleNanos = TimeUnit.MILLISECONDS.toNanos(timeouts.idleTimeout().toMillis());
    long silent = ticker.read() - lastActivity;
    if (silent >= idleNanos) {
      fail(
          GatewayException.upstreamTimeout(
              "The provider sent nothing for " + timeouts.idleTimeout().toMillis() + " ms."));
    } else {
      armIdleTimer(TimeUnit.NANOSECONDS.toMillis(idleNanos - silent) + 1);
    }
  }

  private void clientClosed(Void ignored) {
    if (finished) {
      return;
    }
    finished = true;
    LOG.debug("{}: client went away; cancelling the upstream request", requestId);
    cancelTimer(firstByteTimer);
    cancelTimer(idleTimer);
    if (upstreamRequest != null) {
      upstreamRequest.reset();
    }
  }

  /** Ends the exchange with {@code error}: an HTTP error if nothing was sent yet, else in-band. */
  private void fail(GatewayException error) {
    if (finished) {
      return;
    }
    finished = true;
    cancelTimer(firstByteTimer);
    cancelTimer(idleTimer);
    if (upstreamRequest != null) {
      upstreamRequest.reset();
    }
    if (!response.headWritten()) {
      Responses.error(response, error);
    } else if (head.stream()) {
      response.end(Buffer.buffer(ErrorRenderer.openAiStreamEvent(error)));
    } else {
      request.connection().close();
    }
  }

  private void cancelTimer(long id) {
    if (id >= 0) {
      vertx.cancelTimer(id);
    }
  }
}
