package dev.meridian.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What no SDK sends: wrong methods, broken JSON, odd bodies. Every answer is an OpenAI error. */
class RawHttpIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static Rig rig;
  private static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    rig = Rig.standard("upstream: { first-byte-timeout: 2s }");
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() throws Exception {
    rig.close();
  }

  private static HttpRequest.Builder post(String path, String body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rig.port() + path))
        .timeout(Duration.ofSeconds(10))
        .header("authorization", "Bearer " + Rig.KEY)
        .header("content-type", "application/json")
        .POST(BodyPublishers.ofString(body));
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, BodyHandlers.ofString());
  }

  private static JsonNode assertOpenAiError(HttpResponse<String> response, int status, String code)
      throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(response.headers().firstValue("x-request-id")).isPresent();
    JsonNode error = JSON.readTree(response.body()).get("error");
    Iterator<String> names = error.fieldNames();
    assertThat(names).toIterable().containsExactly("message", "type", "param", "code");
    assertThat(error.get("code").asText()).isEqualTo(code);
    assertThat(response.body()).doesNotContain("Exception", "\tat ");
    return error;
  }

  @Test
  void rejectsMalformedJsonWith400() throws Exception {
    JsonNode e =
        assertOpenAiError(
            send(post("/v1/chat/completions", "{\"model\": \"gpt-4.1\", ").build()),
            400,
            "invalid_json");
    assertThat(e.get("message").asText()).contains("line 1");
  }

  @Test
  void rejectsAnEmptyBodyWith400() throws Exception {
    assertOpenAiError(send(post("/v1/chat/completions", "").build()), 400, "invalid_json");
  }

  @Test
  void rejectsAMissingModelNamingIt() throws Exception {
    JsonNode e =
        assertOpenAiError(
            send(
                post(
                        "/v1/chat/completions",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                    .build()),
            400,
            "invalid_request");
    assertThat(e.get("param").asText()).isEqualTo("model");
  }

  @Test
  void rejectsAWrongMethodWith405AndAllow() throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + rig.port() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + Rig.KEY)
                .GET()
                .build());
    assertOpenAiError(r, 405, "method_not_allowed");
    assertThat(r.headers().firstValue("allow")).hasValue("POST");
  }

  @Test
  void rejectsAWrongContentTypeWith415() throws Exception {
    HttpResponse<String> r =
        send(
            post("/v1/chat/completions", "model=gpt-4.1")
                .setHeader("content-type", "application/x-www-form-urlencoded")
                .build());
    assertOpenAiError(r, 415, "unsupported_media_type");
  }

  @Test
  void rejectsAnUnknownPathWith404() throws Exception {
    assertOpenAiError(send(post("/v1/nothing-here", "{}").build()), 404, "unknown_url");
  }

  @Test
  void rejectsAMissingKeyWith401() throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rig.port() + "/v1/models"))
                .GET()
                .build());
    assertOpenAiError(r, 401, "missing_api_key");
  }

  @Test
  void rejectsAHugeChunkedBodyWith413() throws Exception {
    byte[] chunk = new byte[16 * 1024];
    java.util.Arrays.fill(chunk, (byte) 'x');
    Iterable<byte[]> chunks = () -> IntStream.range(0, 10).mapToObj(i -> chunk).iterator();
    HttpResponse<String> r =
        send(post("/v1/chat/completions", "").POST(BodyPublishers.ofByteArrays(chunks)).build());
    assertOpenAiError(r, 413, "request_too_large");
  }

  @Test
  void echoesTheClientsRequestId() throws Exception {
    HttpResponse<String> r =
        send(
            post(
                    "/v1/chat/completions",
                    "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .header("x-request-id", "client-id-42")
                .build());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().allValues("x-request-id")).containsExactly("client-id-42");
  }

  @Test
  void doesNotLeakUpstreamInternalHeaders() throws Exception {
    HttpResponse<String> r =
        send(
            post(
                    "/v1/chat/completions",
                    "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .build());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().map().keySet()).doesNotContain("set-cookie", "server");
  }

  @Test
  void relaysAStreamChunkByChunkAsItArrives() throws Exception {
    HttpResponse<InputStream> r =
        http.send(
            post(
                    "/v1/chat/completions",
                    "{\"model\":\"gpt-4.1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .header("x-sim-chunk-delay", "300")
                .header("x-sim-words", "3")
                .build(),
            BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/event-stream"));
    try (var reader =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(r.body(), java.nio.charset.StandardCharsets.UTF_8))) {
      // The first event is readable while the sim still holds the rest back (chunks 300 ms apart).
      String first = reader.readLine();
      assertThat(first).startsWith("data: {");
      assertThat(rig.sim("sim-a").inFlight()).isPositive();
      String last = null;
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isEmpty()) {
          last = line;
        }
      }
      assertThat(last).isEqualTo("data: [DONE]");
    }
  }

  @Test
  void passesAStreamingClientsBackpressureToTheProvider() throws Exception {
    int words = 120_000; // ~20 MB of events: more than every socket buffer on the way can hold
    String body =
        "{\"model\":\"gpt-4.1\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
    long before = rig.sim("sim-a").backpressured();
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.setReceiveBufferSize(8 * 1024);
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", rig.port()));
      socket.setSoTimeout(30_000);
      String request =
          "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
              + "Authorization: Bearer "
              + Rig.KEY
              + "\r\nContent-Type: application/json\r\nx-sim-words: "
              + words
              + "\r\nContent-Length: "
              + body.length()
              + "\r\n\r\n"
              + body;
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));

      // While this client reads nothing, the provider must be made to wait: the gateway holds
      // no more than its socket buffers and one write queue, so the provider cannot finish.
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> rig.sim("sim-a").backpressured() > before);
      org.awaitility.Awaitility.await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(5))
          .until(() -> rig.sim("sim-a").inFlight() == 1);

      var reader =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  dechunked(socket.getInputStream()), java.nio.charset.StandardCharsets.UTF_8));
      long contentEvents = 0;
      long completionTokens = -1;
      String last = null;
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("data: {")) {
          JsonNode event = JSON.readTree(line.substring(6));
          if (event.path("choices").path(0).path("delta").path("content").asText("").length() > 0) {
            contentEvents++;
          }
          if (event.path("usage").isObject()) {
            completionTokens = event.path("usage").path("completion_tokens").asLong();
          }
        }
        if (line.startsWith("data: ")) {
          last = line;
        }
      }
      assertThat(last).isEqualTo("data: [DONE]");
      assertThat(contentEvents).isGreaterThan(words).isEqualTo(completionTokens);
    }
  }

  /** The body of a chunked HTTP/1.1 response, after its head. */
  private static InputStream dechunked(InputStream raw) throws java.io.IOException {
    var in = new java.io.DataInputStream(new java.io.BufferedInputStream(raw));
    String line;
    while (!(line = asciiLine(in)).isEmpty()) {
      assertThat(line).doesNotStartWith("HTTP/1.1 5");
    }
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    int size;
    while ((size = Integer.parseInt(asciiLine(in).trim(), 16)) > 0) {
      byte[] chunk = new byte[size];
      in.readFully(chunk);
      body.write(chunk);
      asciiLine(in);
    }
    return new java.io.ByteArrayInputStream(body.toByteArray());
  }

  private static String asciiLine(java.io.DataInputStream in) throws java.io.IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  private static String rawExchange(String request) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", rig.port())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      return new String(
          socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void answersUnreadableHttpWithAnOpenAiErrorAndCloses() throws Exception {
    String garbage = rawExchange("NOT HTTP AT ALL\r\n\r\n");
    assertThat(garbage)
        .matches("(?s)HTTP/1\\.[01] 400 .*")
        .contains("x-request-id")
        .contains("\"code\":\"malformed_http_request\"");

    String hugeHeader =
        rawExchange(
            "GET /v1/models HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
    assertThat(hugeHeader)
        .startsWith("HTTP/1.1 431")
        .contains("\"type\":\"invalid_request_error\"");

    String longUri = rawExchange("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(longUri)
        .matches("(?s)HTTP/1\\.[01] 414 .*")
        .contains("\"code\":\"malformed_http_request\"");
  }

  @Test
  void servesHttp2ClientsAfterAnUpgradeIncludingErrors() throws Exception {
    HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    HttpResponse<String> upgraded =
        h2.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rig.port() + "/healthz"))
                .build(),
            BodyHandlers.ofString());
    assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_2);

    HttpResponse<String> tooLarge =
        h2.send(post("/v1/chat/completions", "x".repeat(70_000)).build(), BodyHandlers.ofString());
    assertThat(tooLarge.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertOpenAiError(tooLarge, 413, "request_too_large");

    HttpResponse<String> broken =
        h2.send(
            post(
                    "/v1/chat/completions",
                    "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .header("x-sim-drop-after", "0")
                .build(),
            BodyHandlers.ofString());
    assertOpenAiError(broken, 502, "bad_upstream_response");

    HttpResponse<String> ok =
        h2.send(
            post(
                    "/v1/chat/completions",
                    "{\"model\":\"gpt-4.1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .build(),
            BodyHandlers.ofString());
    assertThat(ok.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).endsWith("data: [DONE]\n\n");
  }

  @Test
  void cutsTheResponseWhenANonStreamAnswerBreaksAfterItsFirstBytesWentOut() throws Exception {
    HttpClient h1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        post(
                "/v1/chat/completions",
                "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
            .header("x-sim-drop-after", "3")
            .build();

    // Never a complete-looking 200 with half a body: the transfer itself fails.
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> h1.send(request, BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void answersHealthAndReadiness() throws Exception {
    for (String path : new String[] {"/healthz", "/readyz"}) {
      HttpResponse<String> r =
          send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rig.port() + path))
                  .GET()
                  .build());
      assertThat(r.statusCode()).as(path).isEqualTo(200);
    }
  }

  @Test
  void keepsServingAfterEveryKindOfBadInput() throws Exception {
    String[] bodies = {
      "",
      "{",
      "[]",
      "null",
      "{\"model\":1}",
      "{\"model\":\"gpt-4.1\",\"messages\":\"hi\"}",
      "\u0000\u0001garbage"
    };
    for (String b : bodies) {
      int status = send(post("/v1/chat/completions", b).build()).statusCode();
      assertThat(status).as(b).isEqualTo(400);
    }
    HttpResponse<String> ok =
        send(
            post(
                    "/v1/chat/completions",
                    "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .build());
    assertThat(ok.statusCode()).isEqualTo(200);
  }
}
