package dev.meridian.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A simulated OpenAI-compatible provider node: a real HTTP server on a free port, with a name and a
 * region, whose answers are steered per endpoint in code ({@link #behavior(SimBehavior)}, {@link
 * #failNext(int, int)}) and per request by {@code x-sim-*} headers ({@link SimBehavior}).
 */
public final class SimProvider {

  private final Vertx vertx;
  private final String name;
  private final String region;
  private final AtomicReference<SimBehavior> behavior;
  private final AtomicInteger failNext = new AtomicInteger();
  private final AtomicInteger failStatus = new AtomicInteger(503);
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong cancelled = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicReference<String> lastAuthorization = new AtomicReference<>();
  private final AtomicReference<String> lastModel = new AtomicReference<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong backpressured = new AtomicLong();
  private final Random random = new Random();
  private final SimSender send;
  private HttpServer server;

  private SimProvider(Vertx vertx, String name, String region, SimBehavior behavior) {
    this.vertx = vertx;
    this.name = name;
    this.region = region;
    this.behavior = new AtomicReference<>(behavior);
    this.send = new SimSender(vertx, random, backpressured);
  }

  /** Starts a provider on 127.0.0.1 and a free port. */
  public static Future<SimProvider> start(Vertx vertx, String name, String region) {
    return start(vertx, name, region, SimBehavior.NORMAL, 0);
  }

  public static Future<SimProvider> start(
      Vertx vertx, String name, String region, SimBehavior behavior, int port) {
    SimProvider sim = new SimProvider(vertx, name, region, behavior);
    return vertx
        .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
        .requestHandler(sim::handle)
        .listen()
        .map(
            s -> {
              sim.server = s;
              return sim;
            });
  }

  public String name() {
    return name;
  }

  public String region() {
    return region;
  }

  public int port() {
    return server.actualPort();
  }

  /** The OpenAI-style base URL, e.g. {@code http://127.0.0.1:41234/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  /** Replaces how this node answers from now on. */
  public void behavior(SimBehavior b) {
    behavior.set(b);
  }

  public SimBehavior behavior() {
    return behavior.get();
  }

  /** The next {@code n} requests fail with {@code status} and an OpenAI error body. */
  public void failNext(int n, int status) {
    failStatus.set(status);
    failNext.set(n);
  }

  /** Requests received since start. */
  public long requests() {
    return requests.get();
  }

  /** Requests whose connection closed before this node finished answering. */
  public long cancelled() {
    return cancelled.get();
  }

  /** How many times a stream had to wait because its connection's write queue was full. */
  public long backpressured() {
    return backpressured.get();
  }

  public int inFlight() {
    return inFlight.get();
  }

  /** The {@code Authorization} header of the last request, as received. */
  public String lastAuthorization() {
    return lastAuthorization.get();
  }

  /** The {@code model} of the last request, as received. */
  public String lastModel() {
    return lastModel.get();
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void handle(HttpServerRequest req) {
    requests.incrementAndGet();
    inFlight.incrementAndGet();
    lastAuthorization.set(req.getHeader("authorization"));
    HttpServerResponse resp = req.response();
    resp.putHeader("x-sim-node", name);
    resp.closeHandler(v -> connectionClosed(resp));
    resp.endHandler(v -> inFlight.decrementAndGet());
    SimBehavior b;
    try {
      b = behavior.get().withOverrides(req.headers());
    } catch (IllegalArgumentException e) {
      SimSender.error(resp, 400, "bad steering header: " + e.getMessage());
      return;
    }
    String path = req.path();
    if (!path.endsWith("/chat/completions")
        && !path.endsWith("/completions")
        && !path.endsWith("/embeddings")) {
      SimSender.error(resp, 404, "Unknown path " + path);
      return;
    }
    SimBehavior effective = b;
    req.body().onSuccess(body -> answer(req, effective, body));
  }

  private void connectionClosed(HttpServerResponse resp) {
    // Vert.x also runs the end handler on an early close, which is where inFlight goes down.
    if (!resp.ended()) {
      cancelled.incrementAndGet();
    }
  }

  private void answer(HttpServerRequest req, SimBehavior b, Buffer body) {
    if (b.hang()) {
      return;
    }
    if (b.dropAfterChunks() == 0) {
      req.connection().close();
      return;
    }
    send.later(b.latency(), () -> respond(req, b, body));
  }

  private void respond(HttpServerRequest req, SimBehavior b, Buffer body) {
    HttpServerResponse resp = req.response();
    if (resp.closed()) {
      return;
    }
    int forced = failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0 ? failStatus.get() : b.status();
    if (b.html()) {
      resp.setStatusCode(forced > 0 ? forced : 502)
          .putHeader("content-type", "text/html")
          .end(
              "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>"
                  + "<p>upstream host internal-lb-7.provider.example:8443 said no</p></body></html>");
      return;
    }
    if (forced > 0 && forced != 200) {
      if (forced == 429 || forced == 503) {
        resp.putHeader("retry-after", "1");
      }
      SimSender.error(resp, forced, b.errorMessage());
      return;
    }
    if (b.garbage()) {
      resp.putHeader("content-type", "application/json").end("this is not json \u0001\u0002");
      return;
    }
    JsonNode request;
    try {
      request = SimAnswers.JSON.readTree(body.getBytes());
    } catch (IOException e) {
      SimSender.error(resp, 400, "We could not parse the JSON body of your request.");
      return;
    }
    if (request == null || !request.isObject()) {
      SimSender.error(resp, 400, "The body must be a JSON object.");
      return;
    }
    String model = request.path("model").asText("sim-model");
    lastModel.set(model);
    String path = req.path();
    if (path.endsWith("/chat/completions")) {
      chat(resp, b, request, model);
    } else if (path.endsWith("/completions")) {
      completion(resp, b, request, model);
    } else {
      send.json(resp, b, SimAnswers.embeddings(request, model));
    }
  }

  private void chat(HttpServerResponse resp, SimBehavior b, JsonNode request, String model) {
    long seq = ids.incrementAndGet();
    String id = "chatcmpl-sim" + seq;
    long created = System.currentTimeMillis() / 1000;
    JsonNode messages = request.path("messages");
    boolean afterTool =
        messages.isArray()
            && !messages.isEmpty()
            && "tool".equals(messages.get(messages.size() - 1).path("role").asText());
    SimAnswers.ToolCall call = SimAnswers.toolCall(request, seq);
    String text = SimAnswers.answerText(name, region, model, b.words(), afterTool);
    int prompt = SimTokens.count(SimAnswers.promptText(request));
    int completion = call == null ? SimTokens.count(text) : SimTokens.count(call.arguments());
    ObjectNode usage = SimAnswers.usage(prompt, completion);
    if (!request.path("stream").asBoolean(false)) {
      send.json(resp, b, SimAnswers.chatCompletion(id, model, created, text, call, usage));
      return;
    }
    List<ObjectNode> chunks =
        SimAnswers.chatChunks(id, model, created, SimTokens.split(text), call);
    if (request.path("stream_options").path("include_usage").asBoolean(false)) {
      chunks.forEach(c -> c.putNull("usage"));
      chunks.add(SimAnswers.usageChunk(id, "chat.completion.chunk", model, created, usage));
    }
    send.stream(resp, b, chunks);
  }

  private void completion(HttpServerResponse resp, SimBehavior b, JsonNode request, String model) {
    String id = "cmpl-sim" + ids.incrementAndGet();
    long created = System.currentTimeMillis() / 1000;
    String text = SimAnswers.answerText(name, region, model, b.words(), false);
    ObjectNode usage =
        SimAnswers.usage(SimTokens.count(SimAnswers.promptText(request)), SimTokens.count(text));
    if (!request.path("stream").asBoolean(false)) {
      send.json(resp, b, SimAnswers.textCompletion(id, model, created, text, "stop", usage));
      return;
    }
    List<ObjectNode> chunks = new java.util.ArrayList<>();
    for (String t : SimTokens.split(text)) {
      chunks.add(SimAnswers.textCompletion(id, model, created, t, null, null));
    }
    chunks.add(SimAnswers.textCompletion(id, model, created, "", "stop", null));
    if (request.path("stream_options").path("include_usage").asBoolean(false)) {
      chunks.add(SimAnswers.usageChunk(id, "text_completion", model, created, usage));
    }
    send.stream(resp, b, chunks);
  }
}
