package dev.meridian.proxy;

import dev.meridian.api.openai.Operation;
import dev.meridian.api.openai.RequestHead;
import dev.meridian.common.Ticker;
import dev.meridian.config.GatewayConfig;
import dev.meridian.config.StaticKey;
import dev.meridian.error.GatewayException;
import dev.meridian.keys.KeyRing;
import dev.meridian.routing.RouteTable;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door: picks the operation from the path, checks method, key, content type and size,
 * reads the body within its limit and hands the request to an {@link Exchange}.
 */
public final class GatewayHandler implements Handler<HttpServerRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayHandler.class);
  private static final Buffer HEALTHY = Buffer.buffer("{\"status\":\"ok\"}");
  private static final Buffer READY = Buffer.buffer("{\"status\":\"ready\"}");

  private final GatewayConfig config;
  private final Deadlines deadlines;
  private final long sweepTimer;
  private final Vertx vertx;
  private final KeyRing keys;
  private final RouteTable routes;
  private final Map<String, List<Upstream>> plans;
  private final ModelsResource models;

  public GatewayHandler(Vertx vertx, Ticker ticker, GatewayConfig config, Upstreams upstreams) {
    this.vertx = vertx;
    this.config = config;
    this.deadlines = new Deadlines(ticker);
    this.sweepTimer = vertx.setPeriodic(sweepPeriodMillis(config), id -> deadlines.sweep());
    this.keys = new KeyRing(config.keys());
    this.routes = RouteTable.of(config);
    Map<String, List<Upstream>> byModel = new HashMap<>();
    for (String model : config.models().keySet()) {
      List<Upstream> plan = new ArrayList<>();
      routes.route(model).orElseThrow().endpoints().forEach(e -> plan.add(upstreams.get(e.id())));
      byModel.put(model, List.copyOf(plan));
    }
    this.plans = Map.copyOf(byModel);
    this.models = new ModelsResource(config);
  }

  /** A tenth of the shortest timeout, between 10 ms and 100 ms: the precision of every deadline. */
  static long sweepPeriodMillis(GatewayConfig config) {
    long shortest =
        Math.min(
            config.upstream().connectTimeout().toMillis(),
            Math.min(
                config.upstream().firstByteTimeout().toMillis(),
                config.upstream().idleTimeout().toMillis()));
    return Math.max(10, Math.min(100, shortest / 10));
  }

  /**
   * Answers a request the HTTP decoder could not read (bad request line, URI or headers too long)
   * with an OpenAI error instead of Vert.x's empty default, then closes the connection.
   */
  public void handleInvalid(HttpServerRequest req) {
    Throwable cause = req.decoderResult().cause();
    GatewayException error;
    if (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
      error = GatewayException.malformedHttp(414, "The request line is too long.");
    } else if (cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
      error = GatewayException.malformedHttp(431, "The request headers are too large.");
    } else {
      error = GatewayException.malformedHttp(400, "The HTTP request could not be parsed.");
    }
    req.response().putHeader("x-request-id", RequestIds.choose(null));
    req.response().putHeader("connection", "close");
    Responses.error(req.response(), error);
  }

  /** Stops this event loop's deadline sweep. */
  public void close() {
    vertx.cancelTimer(sweepTimer);
  }

  @Override
  public void handle(HttpServerRequest req) {
    String requestId = RequestIds.choose(req.getHeader("x-request-id"));
    req.response().putHeader("x-request-id", requestId);
    try {
      dispatch(req, requestId);
    } catch (GatewayException e) {
      Responses.error(req.response(), e);
    } catch (RuntimeException e) {
      LOG.error("{}: unexpected failure on {}: {}", requestId, req.path(), e.toString());
      Responses.error(req.response(), GatewayException.internal());
    }
  }

  private void dispatch(HttpServerRequest req, String requestId) {
    String path = req.path();
    switch (path) {
      case "/healthz":
        requireMethod(req, HttpMethod.GET);
        Responses.json(req.response(), 200, HEALTHY);
        return;
      case "/readyz":
        requireMethod(req, HttpMethod.GET);
        Responses.json(req.response(), 200, READY);
        return;
      default:
        break;
    }
    String api = path.startsWith("/v1/") ? path.substring(3) : path;
    switch (api) {
      case "/chat/completions":
        post(req, requestId, Operation.CHAT_COMPLETIONS);
        return;
      case "/completions":
        post(req, requestId, Operation.COMPLETIONS);
        return;
      case "/embeddings":
        post(req, requestId, Operation.EMBEDDINGS);
        return;
      case "/models":
        requireMethod(req, HttpMethod.GET);
        models.list(req.response(), keys.authenticate(req.getHeader("authorization")));
        return;
      default:
        if (api.startsWith("/models/")) {
          requireMethod(req, HttpMethod.GET);
          StaticKey key = keys.authenticate(req.getHeader("authorization"));
          models.retrieve(req.response(), key, api.substring("/models/".length()));
          return;
        }
        throw GatewayException.unknownPath(req.method().name(), path);
    }
  }

  private static void requireMethod(HttpServerRequest req, HttpMethod allowed) {
    if (!req.method().equals(allowed)) {
      req.response().putHeader("allow", allowed.name());
      throw GatewayException.methodNotAllowed(req.method().name(), req.path(), allowed.name());
    }
  }

  private void post(HttpServerRequest req, String requestId, Operation op) {
    requireMethod(req, HttpMethod.POST);
    StaticKey key = keys.authenticate(req.getHeader("authorization"));
    String contentType = req.getHeader("content-type");
    if (contentType != null && !isJson(contentType)) {
      throw GatewayException.unsupportedMediaType(contentType);
    }
    long limit = config.server().maxBodyBytes();
    String declared = req.getHeader("content-length");
    if (declared != null && parseLength(declared) > limit) {
      req.response().putHeader("connection", "close");
      throw GatewayException.bodyTooLarge(limit);
    }
    new BodyReader(req, limit, body -> forward(req, requestId, op, key, body)).start();
  }

  private static boolean isJson(String contentType) {
    String ct = contentType.trim();
    return ct.regionMatches(true, 0, "application/json", 0, 16)
        || (ct.regionMatches(true, 0, "application/", 0, 12)
            && ct.toLowerCase(java.util.Locale.ROOT).contains("+json"));
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void forward(
      HttpServerRequest req, String requestId, Operation op, StaticKey key, Buffer body) {
    try {
      byte[] bytes = body.getBytes();
      RequestHead head = RequestScanner.scan(op, bytes, bytes.length);
      RouteTable.ModelRoute route =
          routes
              .route(head.model())
              .orElseThrow(() -> GatewayException.modelNotFound(head.model()));
      if (!key.allows(head.model())) {
        throw GatewayException.modelNotAllowed(head.model());
      }
      List<Upstream> plan = plans.get(head.model());
      new Exchange(
              deadlines,
              config.upstream(),
              req,
              requestId,
              head,
              body,
              route.model().upstreamModel(),
              plan)
          .start();
    } catch (GatewayException e) {
      Responses.error(req.response(), e);
    } catch (RuntimeException e) {
      LOG.error("{}: unexpected failure on {}: {}", requestId, req.path(), e.toString());
      Responses.error(req.response(), GatewayException.internal());
    }
  }
}
