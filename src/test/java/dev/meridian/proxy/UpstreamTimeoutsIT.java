package dev.meridian.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connect deadlines: with one pooled connection per endpoint held by a hung request, the next
 * request cannot get a connection in time; it moves to the next endpoint, or gets a 504.
 */
class UpstreamTimeoutsIT {

  private static final String BODY =
      "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
  private static Rig rig;
  private static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    rig =
        Rig.start(
            Map.of("slow", "us-east-1", "spare", "eu-west-1"),
            String.join(
                "\n",
                "server: { host: 127.0.0.1, port: 0, event-loops: 1 }",
                "upstream: { connect-timeout: 300ms, first-byte-timeout: 5s, max-connections: 1 }",
                "providers: { sim: { type: openai } }",
                "endpoints:",
                "  - { id: slow, provider: sim, region: us-east-1, url: \"{url:slow}\" }",
                "  - { id: spare, provider: sim, region: eu-west-1, url: \"{url:spare}\" }",
                "models:",
                "  with-spare: { endpoints: [slow, spare] }",
                "  alone: { endpoints: [slow] }",
                "keys: [ { name: t, key: " + Rig.KEY + " } ]",
                ""));
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stop() throws Exception {
    rig.close();
  }

  private static HttpRequest request(String model, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(rig.baseUrl() + "/chat/completions"))
            .timeout(Duration.ofSeconds(20))
            .header("authorization", "Bearer " + Rig.KEY)
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(String.format(BODY, model)));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  @Test
  void waitsNoLongerThanTheConnectTimeoutForAPooledConnection() throws Exception {
    // Occupies the only connection to "slow" until the first-byte timeout ends it.
    CompletableFuture<HttpResponse<String>> hung =
        http.sendAsync(
            request("alone", "x-sim-hang", "true"), HttpResponse.BodyHandlers.ofString());
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> rig.sim("slow").inFlight() == 1);

    HttpResponse<String> moved =
        http.send(request("with-spare"), HttpResponse.BodyHandlers.ofString());
    assertThat(moved.statusCode()).isEqualTo(200);
    assertThat(moved.headers().firstValue("x-meridian-endpoint")).hasValue("spare");

    HttpResponse<String> alone = http.send(request("alone"), HttpResponse.BodyHandlers.ofString());
    assertThat(alone.statusCode()).isEqualTo(504);
    assertThat(new ObjectMapper().readTree(alone.body()).at("/error/code").asText())
        .isEqualTo("upstream_timeout");

    assertThat(hung.get().statusCode()).isEqualTo(504);
    HttpResponse<String> after = http.send(request("alone"), HttpResponse.BodyHandlers.ofString());
    assertThat(after.statusCode())
        .as("the pool recovers once the hung request ends")
        .isEqualTo(200);
  }
}
