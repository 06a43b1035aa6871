package dev.meridian.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.errors.UnexpectedStatusCodeException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import dev.meridian.sim.SimTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway driven by the official OpenAI Java SDK, against sim providers. */
class OpenAiSdkIT {

  private static Rig rig;
  private static OpenAIClient client;
  private static OpenAIClient scoped;
  private static OpenAIClient wrong;
  private static OpenAIClient v2;

  @BeforeAll
  static void start() throws Exception {
    rig =
        Rig.standard("upstream: { first-byte-timeout: 1s, idle-timeout: 1s, connect-timeout: 1s }");
    client = rig.client();
    scoped = rig.client(Rig.SCOPED_KEY);
    wrong = rig.client("mk-not-a-real-key");
    v2 =
        com.openai.client.okhttp.OpenAIOkHttpClient.builder()
            .baseUrl("http://127.0.0.1:" + rig.port() + "/v2")
            .apiKey(Rig.KEY)
            .maxRetries(0)
            .build();
  }

  @AfterAll
  static void stop() throws Exception {
    for (OpenAIClient c : List.of(client, scoped, wrong, v2)) {
      c.close();
    }
    rig.close();
  }

  private static ChatCompletionCreateParams.Builder chat(String model) {
    return ChatCompletionCreateParams.builder()
        .model(model)
        .addUserMessage("What is the weather like in Paris today?");
  }

  @Test
  void answersChatCompletionWithConsistentUsage() {
    HttpResponseFor<ChatCompletion> raw =
        client.chat().completions().withRawResponse().create(chat("gpt-4.1").build());
    ChatCompletion completion = raw.parse();

    String content = completion.choices().get(0).message().content().orElseThrow();
    assertThat(content).startsWith("Hello from sim-a in ap-southeast-1 as gpt-4.1.");
    assertThat(completion.model()).isEqualTo("gpt-4.1");
    var usage = completion.usage().orElseThrow();
    assertThat(usage.completionTokens()).isEqualTo(SimTokens.count(content));
    assertThat(usage.promptTokens())
        .isEqualTo(SimTokens.count("What is the weather like in Paris today?"));
    assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
    assertThat(raw.headers().values("x-meridian-endpoint")).containsExactly("sim-a");
    assertThat(raw.headers().values("x-request-id")).hasSize(1);
  }

  @Test
  void rewritesOnlyTheModelAndSendsTheProviderKeyNotTheClientKey() {
    ChatCompletion completion = client.chat().completions().create(chat("deepseek-v3.2").build());

    assertThat(completion.model()).isEqualTo("deepseek-chat");
    assertThat(rig.sim("sim-b").lastModel()).isEqualTo("deepseek-chat");
    assertThat(rig.sim("sim-b").lastAuthorization()).isEqualTo("Bearer " + Rig.PROVIDER_KEY);
  }

  @Test
  void streamsWithoutUsageUnlessAsked() {
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(chat("gpt-4.1").build())) {
      stream.stream().forEach(chunks::add);
    }

    String text =
        chunks.stream()
            .flatMap(c -> c.choices().stream())
            .map(c -> c.delta().content().orElse(""))
            .collect(Collectors.joining());
    assertThat(text).startsWith("Hello from sim-a");
    assertThat(chunks).allSatisfy(c -> assertThat(c.usage()).isEmpty());
    assertThat(chunks.get(chunks.size() - 1).choices().get(0).finishReason())
        .hasValue(ChatCompletionChunk.Choice.FinishReason.STOP);
  }

  @Test
  void streamsUsageInALastChunkWhenIncludeUsageIsSet() {
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    ChatCompletionCreateParams params =
        chat("gpt-4.1")
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
            .build();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params)) {
      stream.stream().forEach(chunks::add);
    }

    ChatCompletionChunk last = chunks.get(chunks.size() - 1);
    assertThat(last.choices()).isEmpty();
    var usage = last.usage().orElseThrow();
    long contentChunks =
        chunks.stream()
            .flatMap(c -> c.choices().stream())
            .filter(c -> c.delta().content().filter(s -> !s.isEmpty()).isPresent())
            .count();
    assertThat(usage.completionTokens()).isEqualTo(contentChunks);
    assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
  }

  @Test
  void completesAToolCallRoundTrip() {
    FunctionDefinition weather =
        FunctionDefinition.builder()
            .name("get_weather")
            .description("Current weather")
            .parameters(
                FunctionParameters.builder()
                    .putAdditionalProperty("type", JsonValue.from("object"))
                    .putAdditionalProperty(
                        "properties", JsonValue.from(Map.of("location", Map.of("type", "string"))))
                    .build())
            .build();
    ChatCompletion first =
        client.chat().completions().create(chat("gpt-4.1").addFunctionTool(weather).build());

    var message = first.choices().get(0).message();
    assertThat(first.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    ChatCompletionMessageFunctionToolCall call =
        message.toolCalls().orElseThrow().get(0).asFunction();
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(call.function().arguments()).isEqualTo("{\"location\":\"sample\"}");

    ChatCompletion second =
        client
            .chat()
            .completions()
            .create(
                chat("gpt-4.1")
                    .addFunctionTool(weather)
                    .addMessage(message)
                    .addMessage(
                        ChatCompletionToolMessageParam.builder()
                            .toolCallId(call.id())
                            .content("{\"temp_c\":18}")
                            .build())
                    .build());
    assertThat(second.choices().get(0).message().content().orElseThrow())
        .contains("The tool result arrived.");
  }

  @Test
  void streamsAToolCallThatTheSdkCanAccumulate() {
    FunctionDefinition lookup =
        FunctionDefinition.builder()
            .name("lookup")
            .parameters(
                FunctionParameters.builder()
                    .putAdditionalProperty("type", JsonValue.from("object"))
                    .putAdditionalProperty(
                        "properties",
                        JsonValue.from(
                            Map.of(
                                "city",
                                Map.of("type", "string"),
                                "days",
                                Map.of("type", "integer"))))
                    .build())
            .build();
    ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> stream =
        client
            .chat()
            .completions()
            .createStreaming(chat("gpt-4.1").addFunctionTool(lookup).build())) {
      stream.stream().forEach(acc::accumulate);
    }

    var call =
        acc.chatCompletion()
            .choices()
            .get(0)
            .message()
            .toolCalls()
            .orElseThrow()
            .get(0)
            .asFunction();
    assertThat(call.function().name()).isEqualTo("lookup");
    assertThat(call.function().arguments()).contains("\"city\":\"sample\"").contains("\"days\":1");
  }

  @Test
  void createsEmbeddings() {
    CreateEmbeddingResponse response =
        client
            .embeddings()
            .create(
                EmbeddingCreateParams.builder()
                    .model("text-embedding-3-small")
                    .input("the quick brown fox")
                    .build());

    assertThat(response.data()).hasSize(1);
    assertThat(response.data().get(0).embedding()).hasSize(8);
    assertThat(response.usage().promptTokens()).isEqualTo(4);
  }

  @Test
  void createsLegacyCompletions() {
    Completion completion =
        client
            .completions()
            .create(CompletionCreateParams.builder().model("gpt-4.1").prompt("Say hello").build());

    assertThat(completion.choices().get(0).text()).startsWith("Hello from sim-a");
    assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(2);
  }

  @Test
  void listsOnlyTheModelsAKeyMayUse() {
    List<String> all = new ArrayList<>();
    client.models().list().autoPager().forEach(m -> all.add(m.id()));
    assertThat(all).contains("gpt-4.1", "deepseek-v3.2", "text-embedding-3-small");

    List<String> visible = new ArrayList<>();
    scoped.models().list().autoPager().forEach(m -> visible.add(m.id()));
    assertThat(visible).containsExactly("deepseek-v3.2");
    Model one = scoped.models().retrieve("deepseek-v3.2");
    assertThat(one.id()).isEqualTo("deepseek-v3.2");
    assertThatThrownBy(() -> scoped.models().retrieve("gpt-4.1"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void movesToTheNextEndpointWhenTheFirstRefusesTheConnection() {
    HttpResponseFor<ChatCompletion> raw =
        client.chat().completions().withRawResponse().create(chat("failover-model").build());

    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.headers().values("x-meridian-endpoint")).containsExactly("sim-b");
  }

  @Test
  void raisesBadRequestNamingTheFieldForAnEmptyMessageList() {
    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder().model("gpt-4.1").messages(List.of()).build();

    assertThatThrownBy(() -> client.chat().completions().create(params))
        .isInstanceOfSatisfying(
            BadRequestException.class, e -> assertThat(e.param()).hasValue("messages"));
  }

  @Test
  void raisesBadRequestNamingTheFieldForAWrongType() {
    ChatCompletionCreateParams params =
        chat("gpt-4.1").putAdditionalBodyProperty("stream", JsonValue.from("yes")).build();

    assertThatThrownBy(() -> client.chat().completions().create(params))
        .isInstanceOfSatisfying(
            BadRequestException.class, e -> assertThat(e.param()).hasValue("stream"));
  }

  @Test
  void raisesUnauthorizedForAWrongKey() {
    assertThatThrownBy(() -> wrong.chat().completions().create(chat("gpt-4.1").build()))
        .isInstanceOfSatisfying(
            UnauthorizedException.class, e -> assertThat(e.code()).hasValue("invalid_api_key"));
  }

  @Test
  void raisesNotFoundForAnUnknownModel() {
    assertThatThrownBy(() -> client.chat().completions().create(chat("gpt-9").build()))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.code()).hasValue("model_not_found"));
  }

  @Test
  void raisesNotFoundForAnUnknownPath() {
    assertThatThrownBy(() -> v2.chat().completions().create(chat("gpt-4.1").build()))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.code()).hasValue("unknown_url"));
  }

  @Test
  void raisesPermissionDeniedForAModelOutsideTheKeysScope() {
    assertThatThrownBy(() -> scoped.chat().completions().create(chat("gpt-4.1").build()))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void raises413ForABodyOverTheLimit() {
    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder()
            .model("gpt-4.1")
            .addUserMessage("x".repeat(70_000))
            .build();

    assertThatThrownBy(() -> client.chat().completions().create(params))
        .isInstanceOfSatisfying(
            UnexpectedStatusCodeException.class, e -> assertThat(e.statusCode()).isEqualTo(413));
    assertThat(client.chat().completions().create(chat("gpt-4.1").build()).choices()).hasSize(1);
  }

  @Test
  void raisesInternalServerErrorWith502WhenTheProviderFails() {
    ChatCompletionCreateParams params =
        chat("gpt-4.1").putAdditionalHeader("x-sim-status", "500").build();

    assertThatThrownBy(() -> client.chat().completions().create(params))
        .isInstanceOfSatisfying(
            InternalServerException.class, e -> assertThat(e.statusCode()).isEqualTo(502));
  }

  @Test
  void raises503WithRetryAfterWhenTheProviderIsOverloaded() {
    ChatCompletionCreateParams params =
        chat("gpt-4.1").putAdditionalHeader("x-sim-status", "503").build();

    assertThatThrownBy(() -> client.chat().completions().create(params))
        .isInstanceOfSatisfying(
            InternalServerException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(503);
              assertThat(e.headers().values("retry-after")).containsExactly("1");
            });
  }

  @Test
  void raisesRateLimitWhenTheProviderRateLimits() {
    ChatCompletionCreateParams params =
        chat("gpt-4.1").putAdditionalHeader("x-sim-status", "429").build();

    assertThatThrownBy(() -> client.chat().completions().create(params))
        .isInstanceOf(RateLimitException.class);
  }

  @Test
  void raises504WhenTheProviderNeverAnswers() {
    ChatCompletionCreateParams params =
        chat("gpt-4.1").putAdditionalHeader("x-sim-hang", "true").build();

    assertThatThrownBy(() -> client.chat().completions().create(params))
        .isInstanceOfSatisfying(
            InternalServerException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(504);
              assertThat(e.code()).hasValue("upstream_timeout");
            });
  }

  @Test
  void raises502WhenNoEndpointCanBeReached() {
    assertThatThrownBy(() -> client.chat().completions().create(chat("nowhere-model").build()))
        .isInstanceOfSatisfying(
            InternalServerException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(502);
              assertThat(e.code()).hasValue("upstream_unreachable");
            });
  }

  @Test
  void turnsHtmlGarbageAndSilenceFromTheProviderInto502() {
    for (String[] header :
        new String[][] {
          {"x-sim-html", "true"}, {"x-sim-garbage", "true"}, {"x-sim-drop-after", "0"}
        }) {
      ChatCompletionCreateParams params =
          chat("gpt-4.1").putAdditionalHeader(header[0], header[1]).build();
      assertThatThrownBy(() -> client.chat().completions().create(params))
          .as(header[0])
          .isInstanceOfSatisfying(
              InternalServerException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(502);
                assertThat(e.body().toString()).doesNotContain("<html", "not json", "internal-lb");
              });
    }
  }

  @Test
  void answers502WhenANonStreamAnswerBreaksBeforeAnyOfItReachedTheClient() {
    // One chunk arrives and is held (non-stream answers end in one write); nothing was sent yet.
    ChatCompletionCreateParams params =
        chat("gpt-4.1").putAdditionalHeader("x-sim-drop-after", "1").build();

    assertThatThrownBy(() -> client.chat().completions().create(params))
        .isInstanceOfSatisfying(
            InternalServerException.class,
            e -> assertThat(e.code()).hasValue("bad_upstream_response"));
  }

  @Test
  void cutsANonStreamAnswerThatBreaksMidwaySoTheClientNeverParsesAWrongOne() {
    ChatCompletionCreateParams params =
        chat("gpt-4.1").putAdditionalHeader("x-sim-drop-after", "3").build();

    // The SDK raises while reading the cut body; what it never gets is a complete-looking answer.
    assertThatThrownBy(() -> client.chat().completions().create(params))
        .isInstanceOf(OpenAIException.class)
        .hasRootCauseInstanceOf(java.io.IOException.class);
    assertThat(client.chat().completions().create(chat("gpt-4.1").build()).choices()).hasSize(1);
  }

  @Test
  void neverShowsSecretsOrHostsFromAProviderErrorMessage() {
    ChatCompletionCreateParams params =
        chat("gpt-4.1")
            .putAdditionalHeader("x-sim-status", "400")
            .putAdditionalHeader(
                "x-sim-error-message",
                "bad input for key sk-live-abcdefghijkl at http://10.1.2.3:8443/v1")
            .build();

    assertThatThrownBy(() -> client.chat().completions().create(params))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("bad input for key")
                    .doesNotContain("sk-live", "10.1.2.3", "8443"));
  }

  @Test
  void answersAStreamThatFailsBeforeItsFirstByteWithAPlainHttpError() {
    ChatCompletionCreateParams params =
        chat("gpt-4.1").putAdditionalHeader("x-sim-status", "500").build();

    assertThatThrownBy(
            () -> {
              try (StreamResponse<ChatCompletionChunk> s =
                  client.chat().completions().createStreaming(params)) {
                s.stream().forEach(c -> {});
              }
            })
        .isInstanceOfSatisfying(
            OpenAIServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(502));
  }

  @Test
  void endsAStreamThatBreaksMidwayWithAnErrorEventTheSdkRaises() {
    ChatCompletionCreateParams params =
        chat("gpt-4.1").putAdditionalHeader("x-sim-drop-after", "3").build();
    List<ChatCompletionChunk> received = new ArrayList<>();

    assertThatThrownBy(
            () -> {
              try (StreamResponse<ChatCompletionChunk> s =
                  client.chat().completions().createStreaming(params)) {
                s.stream().forEach(received::add);
              }
            })
        .isInstanceOf(OpenAIException.class)
        .hasMessageContaining("connection broke");
    assertThat(received).hasSize(3);
  }

  @Test
  void endsAStreamThatGoesSilentWithATimeoutEvent() {
    ChatCompletionCreateParams params =
        chat("gpt-4.1").putAdditionalHeader("x-sim-chunk-delay", "5000").build();

    assertThatThrownBy(
            () -> {
              try (StreamResponse<ChatCompletionChunk> s =
                  client.chat().completions().createStreaming(params)) {
                s.stream().forEach(c -> {});
              }
            })
        .isInstanceOf(OpenAIException.class)
        .hasMessageContaining("sent nothing");
  }

  @Test
  void serves50ConcurrentRequests() throws Exception {
    long before = rig.sim("sim-a").requests();
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      List<Future<ChatCompletion>> results = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        boolean stream = i % 2 == 0;
        results.add(
            pool.submit(
                () -> {
                  if (!stream) {
                    return client.chat().completions().create(chat("gpt-4.1").build());
                  }
                  ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
                  try (StreamResponse<ChatCompletionChunk> s =
                      client.chat().completions().createStreaming(chat("gpt-4.1").build())) {
                    s.stream().forEach(acc::accumulate);
                  }
                  return acc.chatCompletion();
                }));
      }
      for (Future<ChatCompletion> f : results) {
        assertThat(f.get().choices().get(0).message().content().orElseThrow())
            .startsWith("Hello from sim-a");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(rig.sim("sim-a").requests() - before).isEqualTo(50);
  }

  @Test
  void cancelsTheUpstreamWhenTheClientLeavesMidStreamAndKeepsServing() throws Exception {
    long cancelledBefore = rig.sim("sim-a").cancelled();
    String body =
        "{\"model\":\"gpt-4.1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", rig.port())) {
      String request =
          "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + "Authorization: Bearer "
              + Rig.KEY
              + "\r\n"
              + "Content-Type: application/json\r\nx-sim-chunk-delay: 200\r\n"
              + "Content-Length: "
              + body.length()
              + "\r\n\r\n"
              + body;
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      var reader =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  socket.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null && !line.startsWith("data:")) {
        // skip the status line and headers
      }
      assertThat(line).startsWith("data:");
    }

    await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> rig.sim("sim-a").cancelled() > cancelledBefore);
    assertThat(client.chat().completions().create(chat("gpt-4.1").build()).choices()).hasSize(1);
  }
}
