package dev.meridian.sim;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simulated provider over real HTTP: answers, usage, streams, tools and every steering knob.
 */
class SimProviderIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT = "/chat/completions";
  private static final String USER_HI =
      "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi there!\"}]}";
  private static final String USER_HI_STREAM =
      "{\"model\":\"gpt-test\",\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi there!\"}]}";
  private static final String TOOLS =
      "\"tools\":["
          + "{\"type\":\"function\",\"function\":{\"name\":\"first\",\"parameters\":{"
          + "\"type\":\"object\",\"properties\":{"
          + "\"city\":{\"type\":\"string\"},"
          + "\"days\":{\"type\":\"integer\"},"
          + "\"metric\":{\"type\":\"boolean\"}}}}},"
          + "{\"type\":\"function\",\"function\":{\"name\":\"second\",\"parameters\":{"
          + "\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}}}}}]";

  private static final List<SimProvider> sims = new CopyOnWriteArrayList<>();
  private static Vertx vertx;
  private static HttpClient http;

  /** Shared by the tests that never steer it in code. */
  private static SimProvider sim;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    sim = newSim("alpha", "eu-west");
  }

  @AfterAll
  static void stop() throws Exception {
    for (SimProvider s : sims) {
      join(s.close());
    }
    if (vertx != null) {
      join(vertx.close());
    }
  }

  private static <T> T join(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, SECONDS);
  }

  /** A fresh provider, for tests that steer it in code or count its requests. */
  private static SimProvider newSim(String name, String region) throws Exception {
    SimProvider s = join(SimProvider.start(vertx, name, region));
    sims.add(s);
    return s;
  }

  private static HttpRequest.Builder post(
      SimProvider target, String path, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
            .timeout(Duration.ofSeconds(10))
            .header("content-type", "application/json")
            .POST(BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b;
  }

  private static HttpResponse<String> send(
      SimProvider target, String path, String body, String... headers) throws Exception {
    return http.send(post(target, path, body, headers).build(), BodyHandlers.ofString());
  }

  private static JsonNode ok(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    return JSON.readTree(response.body());
  }

  private static JsonNode assertOpenAiError(HttpResponse<String> response, int status)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertThat(error).isNotNull();
    assertThat(error.fieldNames()).toIterable().containsExactly("message", "type", "param", "code");
    assertThat(error.get("message").asText()).isNotBlank();
    return error;
  }

  /**
   * The payloads of a complete server-sent event stream, each event checked to be one data line.
   */
  private static List<String> events(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
    List<String> out = new ArrayList<>();
    for (String event : response.body().split("\n\n")) {
      if (event.isBlank()) {
        continue;
      }
      assertThat(event).startsWith("data: ").doesNotContain("\n");
      out.add(event.substring("data: ".length()));
    }
    assertThat(response.body()).endsWith("data: [DONE]\n\n");
    return out;
  }

  /** The JSON chunks of a stream: every event but the final {@code [DONE]}. */
  private static List<JsonNode> chunks(HttpResponse<String> response) throws Exception {
    List<String> events = events(response);
    assertThat(events).last().isEqualTo("[DONE]");
    assertThat(events.subList(0, events.size() - 1)).doesNotContain("[DONE]");
    List<JsonNode> out = new ArrayList<>();
    for (String e : events.subList(0, events.size() - 1)) {
      out.add(JSON.readTree(e));
    }
    return out;
  }

  private static String contentOf(List<JsonNode> chunks) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode c : chunks) {
      for (JsonNode choice : c.path("choices")) {
        sb.append(choice.path("delta").path("content").asText(""));
      }
    }
    return sb.toString();
  }

  private static String chatText(String body, String... headers) throws Exception {
    return ok(send(sim, CHAT, body, headers)).at("/choices/0/message/content").asText();
  }

  // --- chat completions ---

  @Test
  void answersAChatCompletionWithItsNameRegionAndUsageMatchingTheText() throws Exception {
    String body =
        "{\"model\":\"gpt-test\",\"messages\":["
            + "{\"role\":\"system\",\"content\":\"You are terse.\"},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Look at this:\"},"
            + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x.example/a.png\"}}]},"
            + "{\"role\":\"user\",\"content\":\"Hi there, sim!\"}]}";

    HttpResponse<String> r = send(sim, CHAT, body, "authorization", "Bearer sk-test-123");

    JsonNode root = ok(r);
    assertThat(r.headers().firstValue("x-sim-node")).hasValue("alpha");
    assertThat(root.get("object").asText()).isEqualTo("chat.completion");
    assertThat(root.get("model").asText()).isEqualTo("gpt-test");
    assertThat(root.get("id").asText()).isNotBlank();
    JsonNode choice = root.at("/choices/0");
    assertThat(root.get("choices")).hasSize(1);
    assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
    assertThat(choice.at("/message/role").asText()).isEqualTo("assistant");
    String content = choice.at("/message/content").asText();
    assertThat(content).startsWith("Hello from alpha in eu-west");
    JsonNode usage = root.get("usage");
    assertThat(usage.get("completion_tokens").asInt()).isEqualTo(SimTokens.count(content));
    assertThat(usage.get("prompt_tokens").asInt())
        .isEqualTo(SimTokens.count("You are terse. Look at this: Hi there, sim!"));
    assertThat(usage.get("total_tokens").asInt())
        .isEqualTo(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt());
    assertThat(sim.lastModel()).isEqualTo("gpt-test");
    assertThat(sim.lastAuthorization()).isEqualTo("Bearer sk-test-123");
  }

  @Test
  void recordsTheModelAndAuthorizationOfTheLastRequest() throws Exception {
    ok(send(sim, CHAT, USER_HI.replace("gpt-test", "model-one"), "authorization", "Bearer k1"));
    assertThat(sim.lastModel()).isEqualTo("model-one");
    assertThat(sim.lastAuthorization()).isEqualTo("Bearer k1");

    ok(send(sim, CHAT, USER_HI.replace("gpt-test", "model-two")));
    assertThat(sim.lastModel()).isEqualTo("model-two");
    assertThat(sim.lastAuthorization()).isNull();
  }

  @Test
  void wordsHeaderSetsHowManyWordsFollowTheGreeting() throws Exception {
    String none = chatText(USER_HI, "x-sim-words", "0");
    String three = chatText(USER_HI, "x-sim-words", "3");
    String usual = chatText(USER_HI);

    assertThat(three).startsWith(none);
    assertThat(three.substring(none.length()).trim().split(" ")).hasSize(3);
    assertThat(SimTokens.count(three)).isEqualTo(SimTokens.count(none) + 3);
    assertThat(SimTokens.count(usual)).isGreaterThan(SimTokens.count(three));
    JsonNode root = ok(send(sim, CHAT, USER_HI, "x-sim-words", "3"));
    assertThat(root.at("/usage/completion_tokens").asInt()).isEqualTo(SimTokens.count(three));
  }

  // --- chat streams ---

  @Test
  void streamsChatAsDataEventsEndingWithDoneAndNoUsage() throws Exception {
    HttpResponse<String> r = send(sim, CHAT, USER_HI_STREAM);

    List<JsonNode> chunks = chunks(r);
    assertThat(r.body()).doesNotContain("usage");
    assertThat(chunks).hasSizeGreaterThan(2);
    assertThat(chunks)
        .allSatisfy(
            c -> {
              assertThat(c.get("object").asText()).isEqualTo("chat.completion.chunk");
              assertThat(c.get("model").asText()).isEqualTo("gpt-test");
              assertThat(c.has("usage")).isFalse();
            });
    assertThat(chunks.stream().map(c -> c.get("id").asText()).distinct()).hasSize(1);
    assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    assertThat(chunks.get(chunks.size() - 1).at("/choices/0/finish_reason").asText())
        .isEqualTo("stop");
    assertThat(contentOf(chunks)).isEqualTo(chatText(USER_HI));
  }

  @Test
  void streamsUsageInAFinalChunkOnlyWhenAsked() throws Exception {
    String body =
        USER_HI_STREAM.replace(
            "\"stream\":true,", "\"stream\":true,\"stream_options\":{\"include_usage\":true},");

    HttpResponse<String> r = send(sim, CHAT, body);

    List<String> events = events(r);
    List<JsonNode> chunks = chunks(r);
    for (String e : events.subList(0, events.size() - 2)) {
      assertThat(e).contains("\"usage\":null");
    }
    JsonNode last = chunks.get(chunks.size() - 1);
    assertThat(last.get("object").asText()).isEqualTo("chat.completion.chunk");
    assertThat(last.get("choices")).isEmpty();
    List<JsonNode> deltas = chunks.subList(0, chunks.size() - 1);
    assertThat(deltas).allSatisfy(c -> assertThat(c.get("usage").isNull()).isTrue());
    long contentDeltas =
        deltas.stream().filter(c -> !c.at("/choices/0/delta/content").asText("").isEmpty()).count();
    JsonNode usage = last.get("usage");
    assertThat(usage.get("completion_tokens").asLong()).isEqualTo(contentDeltas);
    assertThat(usage.get("completion_tokens").asInt())
        .isEqualTo(SimTokens.count(contentOf(deltas)));
    assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(SimTokens.count("Hi there!"));
    assertThat(usage.get("total_tokens").asInt())
        .isEqualTo(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt());
    assertThat(deltas.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
  }

  // --- tool calls ---

  private static String withTools(String extra, String messages) {
    return "{\"model\":\"gpt-test\"," + TOOLS + extra + ",\"messages\":" + messages + "}";
  }

  private static final String ASK_WEATHER = "[{\"role\":\"user\",\"content\":\"Weather?\"}]";

  @Test
  void callsTheFirstToolWithSampleArgumentsOfEachType() throws Exception {
    JsonNode root = ok(send(sim, CHAT, withTools("", ASK_WEATHER)));

    JsonNode choice = root.at("/choices/0");
    assertThat(choice.get("finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(choice.at("/message/content").isNull()).isTrue();
    JsonNode calls = choice.at("/message/tool_calls");
    assertThat(calls).hasSize(1);
    JsonNode call = calls.get(0);
    assertThat(call.get("id").asText()).isNotBlank();
    assertThat(call.get("type").asText()).isEqualTo("function");
    assertThat(call.at("/function/name").asText()).isEqualTo("first");
    String arguments = call.at("/function/arguments").asText();
    assertThat(JSON.readTree(arguments))
        .isEqualTo(JSON.readTree("{\"city\":\"sample\",\"days\":1,\"metric\":true}"));
    assertThat(root.at("/usage/completion_tokens").asInt()).isEqualTo(SimTokens.count(arguments));
  }

  @Test
  void toolChoiceNoneAnswersWithText() throws Exception {
    JsonNode root = ok(send(sim, CHAT, withTools(",\"tool_choice\":\"none\"", ASK_WEATHER)));

    JsonNode choice = root.at("/choices/0");
    assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
    assertThat(choice.at("/message/content").asText()).startsWith("Hello from alpha in eu-west");
    assertThat(choice.get("message").has("tool_calls")).isFalse();
  }

  @Test
  void toolChoiceNamingAFunctionCallsThatFunction() throws Exception {
    String choice = ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"second\"}}";

    JsonNode call =
        ok(send(sim, CHAT, withTools(choice, ASK_WEATHER))).at("/choices/0/message/tool_calls/0");

    assertThat(call.at("/function/name").asText()).isEqualTo("second");
    assertThat(JSON.readTree(call.at("/function/arguments").asText()))
        .isEqualTo(JSON.readTree("{\"query\":\"sample\"}"));
  }

  @Test
  void answersAToolResultWithText() throws Exception {
    String messages =
        "[{\"role\":\"user\",\"content\":\"Weather?\"},"
            + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
            + "\"type\":\"function\",\"function\":{\"name\":\"first\",\"arguments\":\"{}\"}}]},"
            + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"Sunny, 21 C\"}]";

    JsonNode root = ok(send(sim, CHAT, withTools("", messages)));

    JsonNode choice = root.at("/choices/0");
    assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
    assertThat(choice.get("message").has("tool_calls")).isFalse();
    assertThat(choice.at("/message/content").asText()).contains("The tool result arrived.");
    assertThat(root.at("/usage/prompt_tokens").asInt())
        .isEqualTo(SimTokens.count("Weather? Sunny, 21 C"));
  }

  @Test
  void streamsToolCallArgumentsInFragmentsThatJoinToTheSameArguments() throws Exception {
    String expected =
        ok(send(sim, CHAT, withTools("", ASK_WEATHER)))
            .at("/choices/0/message/tool_calls/0/function/arguments")
            .asText();

    List<JsonNode> chunks = chunks(send(sim, CHAT, withTools(",\"stream\":true", ASK_WEATHER)));

    List<JsonNode> fragments = new ArrayList<>();
    for (JsonNode c : chunks) {
      JsonNode calls = c.at("/choices/0/delta/tool_calls");
      if (calls.isArray()) {
        assertThat(calls).hasSize(1);
        fragments.add(calls.get(0));
      }
    }
    assertThat(fragments).hasSizeGreaterThan(2);
    JsonNode first = fragments.get(0);
    assertThat(first.get("id").asText()).isNotBlank();
    assertThat(first.get("type").asText()).isEqualTo("function");
    assertThat(first.at("/function/name").asText()).isEqualTo("first");
    assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    StringBuilder joined = new StringBuilder();
    for (JsonNode f : fragments) {
      assertThat(f.get("index").asInt()).isZero();
      joined.append(f.at("/function/arguments").asText());
    }
    for (JsonNode f : fragments.subList(1, fragments.size())) {
      assertThat(f.has("id")).isFalse();
      assertThat(f.has("type")).isFalse();
      assertThat(f.get("function").has("name")).isFalse();
    }
    assertThat(joined.toString()).isEqualTo(expected);
    assertThat(chunks.get(chunks.size() - 1).at("/choices/0/finish_reason").asText())
        .isEqualTo("tool_calls");
  }

  // --- legacy completions ---

  private static final String PROMPT = "{\"model\":\"davinci-sim\",\"prompt\":\"Say hi, please.\"";

  @Test
  void answersALegacyCompletion() throws Exception {
    JsonNode root = ok(send(sim, "/completions", PROMPT + "}"));

    assertThat(root.get("object").asText()).isEqualTo("text_completion");
    assertThat(root.get("model").asText()).isEqualTo("davinci-sim");
    JsonNode choice = root.at("/choices/0");
    String text = choice.get("text").asText();
    assertThat(text).startsWith("Hello from alpha in eu-west");
    assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
    assertThat(root.at("/usage/prompt_tokens").asInt())
        .isEqualTo(SimTokens.count("Say hi, please."));
    assertThat(root.at("/usage/completion_tokens").asInt()).isEqualTo(SimTokens.count(text));
    assertThat(root.at("/usage/total_tokens").asInt())
        .isEqualTo(SimTokens.count("Say hi, please.") + SimTokens.count(text));
  }

  @Test
  void streamsALegacyCompletionWithUsageWhenAsked() throws Exception {
    String text = ok(send(sim, "/completions", PROMPT + "}")).at("/choices/0/text").asText();

    List<JsonNode> plain = chunks(send(sim, "/completions", PROMPT + ",\"stream\":true}"));
    List<JsonNode> withUsage =
        chunks(
            send(
                sim,
                "/completions",
                PROMPT + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}"));

    StringBuilder joined = new StringBuilder();
    for (JsonNode c : plain) {
      assertThat(c.get("object").asText()).isEqualTo("text_completion");
      assertThat(c.has("usage")).isFalse();
      joined.append(c.at("/choices/0/text").asText());
    }
    assertThat(joined.toString()).isEqualTo(text);
    assertThat(plain.get(plain.size() - 1).at("/choices/0/finish_reason").asText())
        .isEqualTo("stop");
    JsonNode last = withUsage.get(withUsage.size() - 1);
    assertThat(last.get("choices")).isEmpty();
    assertThat(last.at("/usage/completion_tokens").asInt()).isEqualTo(SimTokens.count(text));
    assertThat(last.at("/usage/prompt_tokens").asInt())
        .isEqualTo(SimTokens.count("Say hi, please."));
  }

  // --- embeddings ---

  private static float[] floats(JsonNode embedding) {
    float[] v = new float[embedding.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) embedding.get(i).asDouble();
    }
    return v;
  }

  private static double norm(float[] v) {
    double sum = 0;
    for (float f : v) {
      sum += (double) f * f;
    }
    return Math.sqrt(sum);
  }

  private static JsonNode embed(String fields) throws Exception {
    return ok(send(sim, "/embeddings", "{\"model\":\"embed-sim\"," + fields + "}"));
  }

  @Test
  void embedsTextAsANormalizedVectorOfEightFloats() throws Exception {
    JsonNode root = embed("\"input\":\"The quick brown fox.\"");

    assertThat(root.get("object").asText()).isEqualTo("list");
    assertThat(root.get("model").asText()).isEqualTo("embed-sim");
    assertThat(root.get("data")).hasSize(1);
    JsonNode item = root.at("/data/0");
    assertThat(item.get("object").asText()).isEqualTo("embedding");
    assertThat(item.get("index").asInt()).isZero();
    JsonNode embedding = item.get("embedding");
    assertThat(embedding.isArray()).isTrue();
    assertThat(embedding).hasSize(8).allSatisfy(n -> assertThat(n.isNumber()).isTrue());
    assertThat(norm(floats(embedding))).isCloseTo(1.0, within(1e-4));
    assertThat(root.at("/usage/prompt_tokens").asInt())
        .isEqualTo(SimTokens.count("The quick brown fox."));
    assertThat(root.at("/usage/total_tokens").asInt())
        .isEqualTo(root.at("/usage/prompt_tokens").asInt());
  }

  @Test
  void embedsTheSameTextToTheSameVector() throws Exception {
    JsonNode a = embed("\"input\":\"same text\"").at("/data/0/embedding");
    JsonNode b = embed("\"input\":\"same text\"").at("/data/0/embedding");
    JsonNode c = embed("\"input\":\"other text\"").at("/data/0/embedding");

    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }

  @Test
  void embedsWithTheRequestedDimensions() throws Exception {
    JsonNode embedding = embed("\"input\":\"short\",\"dimensions\":4").at("/data/0/embedding");

    assertThat(embedding).hasSize(4);
    assertThat(norm(floats(embedding))).isCloseTo(1.0, within(1e-4));
  }

  @Test
  void base64EmbeddingDecodesToTheFloatVector() throws Exception {
    float[] expected = floats(embed("\"input\":\"encode me\"").at("/data/0/embedding"));

    JsonNode encoded =
        embed("\"input\":\"encode me\",\"encoding_format\":\"base64\"").at("/data/0/embedding");

    assertThat(encoded.isTextual()).isTrue();
    FloatBuffer fb =
        ByteBuffer.wrap(Base64.getDecoder().decode(encoded.asText()))
            .order(ByteOrder.LITTLE_ENDIAN)
            .asFloatBuffer();
    float[] decoded = new float[fb.remaining()];
    fb.get(decoded);
    assertThat(decoded).containsExactly(expected, within(1e-6f));
  }

  @Test
  void embedsEachItemOfAnArrayInputAtItsIndex() throws Exception {
    JsonNode root = embed("\"input\":[\"one item\",\"two, items\",\"three\"]");

    JsonNode data = root.get("data");
    assertThat(data).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(data.get(i).get("index").asInt()).isEqualTo(i);
      assertThat(data.get(i).get("embedding")).hasSize(8);
    }
    assertThat(data.get(1).get("embedding"))
        .isEqualTo(embed("\"input\":\"two, items\"").at("/data/0/embedding"));
    int tokens =
        SimTokens.count("one item") + SimTokens.count("two, items") + SimTokens.count("three");
    assertThat(root.at("/usage/prompt_tokens").asInt()).isEqualTo(tokens);
    assertThat(root.at("/usage/total_tokens").asInt()).isEqualTo(tokens);
  }

  // --- steering ---

  @Test
  void statusHeaderAnswersWithAnOpenAiErrorAndRetryAfter() throws Exception {
    HttpResponse<String> r = send(sim, CHAT, USER_HI, "x-sim-status", "503");

    JsonNode error = assertOpenAiError(r, 503);
    assertThat(error.get("type").asText()).isEqualTo("server_error");
    assertThat(r.headers().firstValue("retry-after")).isPresent();
  }

  @ParameterizedTest
  @CsvSource({
    "429, rate_limit_error, rate_limit_exceeded",
    "500, server_error, server_error",
    "400, invalid_request_error, invalid_request"
  })
  void statusHeaderSetsTheErrorTypeAndCode(int status, String type, String code) throws Exception {
    JsonNode error =
        assertOpenAiError(send(sim, CHAT, USER_HI, "x-sim-status", "" + status), status);

    assertThat(error.get("type").asText()).isEqualTo(type);
    assertThat(error.get("code").asText()).isEqualTo(code);
  }

  @Test
  void errorMessageHeaderSetsTheMessageOfTheError() throws Exception {
    JsonNode error =
        assertOpenAiError(
            send(
                sim,
                CHAT,
                USER_HI,
                "x-sim-status",
                "500",
                "x-sim-error-message",
                "The sky fell on node 7."),
            500);

    assertThat(error.get("message").asText()).isEqualTo("The sky fell on node 7.");
  }

  @Test
  void failsTheNextNRequestsThenRecovers() throws Exception {
    SimProvider s = newSim("beta", "us-east");
    s.failNext(2, 500);

    assertOpenAiError(send(s, CHAT, USER_HI), 500);
    assertOpenAiError(send(s, CHAT, USER_HI), 500);
    JsonNode root = ok(send(s, CHAT, USER_HI));

    assertThat(root.at("/choices/0/message/content").asText()).startsWith("Hello from beta");
    assertThat(s.requests()).isEqualTo(3);
  }

  @Test
  void endpointBehaviourAppliesToEveryRequestUntilReplaced() throws Exception {
    SimProvider s = newSim("gamma", "ap-south");
    s.behavior(SimBehavior.NORMAL.withStatus(429));

    assertThat(s.behavior().status()).isEqualTo(429);
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r = send(s, CHAT, USER_HI);
      assertThat(assertOpenAiError(r, 429).get("type").asText()).isEqualTo("rate_limit_error");
      assertThat(r.headers().firstValue("retry-after")).isPresent();
    }
    ok(send(s, "/embeddings", "{\"input\":\"x\"}", "x-sim-status", "200"));

    s.behavior(SimBehavior.NORMAL);

    ok(send(s, CHAT, USER_HI));
    assertThat(s.requests()).isEqualTo(5);
  }

  @Test
  void endpointWordsApplyUnlessAHeaderOverridesThem() throws Exception {
    SimProvider s = newSim("delta", "eu-north");
    s.behavior(SimBehavior.NORMAL.withWords(0));

    String bare = ok(send(s, CHAT, USER_HI)).at("/choices/0/message/content").asText();
    String two =
        ok(send(s, CHAT, USER_HI, "x-sim-words", "2")).at("/choices/0/message/content").asText();

    assertThat(bare).isEqualTo("Hello from delta in eu-north as gpt-test.");
    assertThat(SimTokens.count(two)).isEqualTo(SimTokens.count(bare) + 2);
  }

  @Test
  void htmlHeaderAnswersWithAnHtmlPageAs502() throws Exception {
    HttpResponse<String> r = send(sim, CHAT, USER_HI, "x-sim-html", "true");

    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(r.headers().firstValue("content-type")).hasValue("text/html");
    assertThat(r.body()).startsWith("<html>").contains("</html>");
  }

  @Test
  void htmlHeaderKeepsAnExplicitStatus() throws Exception {
    HttpResponse<String> r = send(sim, CHAT, USER_HI, "x-sim-html", "true", "x-sim-status", "503");

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("content-type")).hasValue("text/html");
    assertThat(r.body()).startsWith("<html>");
  }

  @Test
  void garbageHeaderAnswers200WithABodyThatIsNotJson() throws Exception {
    HttpResponse<String> r = send(sim, CHAT, USER_HI, "x-sim-garbage", "true");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isNotEmpty();
    assertThatThrownBy(() -> JSON.readTree(r.body())).isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void dropAfterZeroClosesTheConnectionWithoutAnAnswer() throws Exception {
    SimProvider s = newSim("epsilon", "sa-east");

    assertThatThrownBy(() -> send(s, CHAT, USER_HI, "x-sim-drop-after", "0"))
        .isInstanceOf(IOException.class);

    assertThat(s.requests()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> s.cancelled() == 1);
    ok(send(s, CHAT, USER_HI));
  }

  @Test
  void dropAfterTwoDeliversTwoStreamEventsThenBreaks() throws Exception {
    SimProvider s = newSim("zeta", "me-central");
    AtomicInteger status = new AtomicInteger();
    List<String> lines = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> ended = new CompletableFuture<>();
    // Lines are pushed as they are decoded, so none is lost when the connection breaks.
    Flow.Subscriber<String> subscriber =
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(String line) {
            lines.add(line);
          }

          @Override
          public void onError(Throwable t) {
            ended.complete(null);
          }

          @Override
          public void onComplete() {
            ended.complete(null);
          }
        };

    http.sendAsync(
        post(s, CHAT, USER_HI_STREAM, "x-sim-drop-after", "2").build(),
        info -> {
          status.set(info.statusCode());
          return BodySubscribers.fromLineSubscriber(subscriber);
        });
    ended.get(10, SECONDS);

    assertThat(status.get()).isEqualTo(200);
    List<String> events =
        lines.stream()
            .filter(l -> l.startsWith("data: "))
            .map(l -> l.substring("data: ".length()))
            .collect(Collectors.toList());
    assertThat(events).hasSize(2).doesNotContain("[DONE]");
    for (String e : events) {
      assertThat(JSON.readTree(e).get("object").asText()).isEqualTo("chat.completion.chunk");
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> s.cancelled() == 1);
  }

  @Test
  void hangHeaderNeverAnswersAndCountsTheCancelledRequest() throws Exception {
    SimProvider s = newSim("eta", "af-south");
    HttpRequest request =
        post(s, CHAT, USER_HI, "x-sim-hang", "true").timeout(Duration.ofSeconds(1)).build();

    assertThatThrownBy(() -> http.send(request, BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);

    assertThat(s.requests()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> s.cancelled() == 1);
  }

  @Test
  void completedRequestsAreNotCountedAsCancelled() throws Exception {
    SimProvider s = newSim("theta", "ca-central");

    ok(send(s, CHAT, USER_HI));
    events(send(s, CHAT, USER_HI_STREAM));
    assertOpenAiError(send(s, CHAT, USER_HI, "x-sim-status", "500"), 500);

    assertThat(s.requests()).isEqualTo(3);
    await().atMost(Duration.ofSeconds(10)).until(() -> s.inFlight() == 0);
    assertThat(s.cancelled()).isZero();
  }

  @Test
  void badLatencyHeaderIsRejectedWith400NamingIt() throws Exception {
    JsonNode error = assertOpenAiError(send(sim, CHAT, USER_HI, "x-sim-latency", "abc"), 400);

    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("message").asText()).contains("x-sim-latency").contains("abc");
  }

  @ParameterizedTest
  @CsvSource({
    "x-sim-ttft, 80-20",
    "x-sim-chunk-delay, -5",
    "x-sim-words, -1",
    "x-sim-words, many",
    "x-sim-status, teapot",
    "x-sim-drop-after, soon"
  })
  void badSteeringHeadersAreRejectedWith400(String header, String value) throws Exception {
    JsonNode error = assertOpenAiError(send(sim, CHAT, USER_HI, header, value), 400);

    assertThat(error.get("message").asText()).contains(header);
  }

  @ParameterizedTest
  @CsvSource({
    "x-sim-latency, 20-40",
    "x-sim-latency, exp:5",
    "x-sim-latency, 5",
    "x-sim-ttft, 10",
    "x-sim-ttft, 1-5",
    "x-sim-chunk-delay, 1",
    "x-sim-chunk-delay, exp:1"
  })
  void timingHeadersAreAcceptedAndLeaveTheAnswerUnchanged(String header, String value)
      throws Exception {
    String expected = chatText(USER_HI, "x-sim-words", "4");

    assertThat(chatText(USER_HI, "x-sim-words", "4", header, value)).isEqualTo(expected);
    assertThat(
            contentOf(chunks(send(sim, CHAT, USER_HI_STREAM, "x-sim-words", "4", header, value))))
        .isEqualTo(expected);
  }

  // --- bad requests ---

  @Test
  void unknownPathAnswers404WithAnOpenAiError() throws Exception {
    JsonNode error = assertOpenAiError(send(sim, "/nothing-here", "{\"model\":\"gpt-test\"}"), 404);

    assertThat(error.get("message").asText()).contains("/v1/nothing-here");
  }

  @Test
  void nonJsonBodyIsRejectedWith400() throws Exception {
    JsonNode error = assertOpenAiError(send(sim, CHAT, "{\"model\": \"gpt-test\", "), 400);

    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
  }

  @Test
  void jsonBodyThatIsNotAnObjectIsRejectedWith400() throws Exception {
    assertOpenAiError(send(sim, CHAT, "[1, 2, 3]"), 400);
  }

  @Test
  void inFlightReturnsToZeroAfterTheClientGivesUpOnAHungRequest() throws Exception {
    SimProvider s = join(SimProvider.start(vertx, "eta", "af-south"));
    try {
      HttpRequest request =
          post(s, CHAT, USER_HI, "x-sim-hang", "true").timeout(Duration.ofSeconds(1)).build();

      assertThatThrownBy(() -> http.send(request, BodyHandlers.ofString()))
          .isInstanceOf(HttpTimeoutException.class);

      await().atMost(Duration.ofSeconds(10)).until(() -> s.cancelled() == 1);
      await().atMost(Duration.ofSeconds(10)).until(() -> s.inFlight() == 0);
    } finally {
      join(s.close());
    }
  }

  @Test
  void inFlightReturnsToZeroAfterTheSimDropsTheConnection() throws Exception {
    SimProvider s = join(SimProvider.start(vertx, "epsilon", "sa-east"));
    try {
      assertThatThrownBy(
              () ->
                  http.send(
                      post(s, CHAT, USER_HI, "x-sim-drop-after", "0").build(),
                      BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);

      await().atMost(Duration.ofSeconds(10)).until(() -> s.cancelled() == 1);
      await().atMost(Duration.ofSeconds(10)).until(() -> s.inFlight() == 0);
    } finally {
      join(s.close());
    }
  }

  @Test
  void unknownPathWithoutABodyAnswers404() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/models"))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build(),
            BodyHandlers.ofString());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
    assertThat(new ObjectMapper().readTree(r.body()).at("/error/message").asText())
        .contains("/v1/models");
  }
}
