package dev.meridian.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorRendererTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode parse(byte[] body) throws Exception {
    return JSON.readTree(body);
  }

  @Test
  void bodyHasTheOpenAiShapeWithAllFourKeys() throws Exception {
    GatewayException e = GatewayException.modelNotFound("gpt-9");

    JsonNode root = parse(ErrorRenderer.openAiBody(e));

    assertThat(root.size()).isEqualTo(1);
    JsonNode error = root.get("error");
    assertThat(error.isObject()).isTrue();
    assertThat(iterable(error)).containsExactly("message", "type", "param", "code");
    assertThat(error.get("message").asText())
        .isEqualTo("The model 'gpt-9' does not exist or you do not have access to it.");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("param").asText()).isEqualTo("model");
    assertThat(error.get("code").asText()).isEqualTo("model_not_found");
  }

  @Test
  void absentParamAndCodeAreJsonNull() throws Exception {
    GatewayException e = GatewayException.of(500, ErrorType.SERVER, null, null, "boom");

    JsonNode error = parse(ErrorRenderer.openAiBody(e)).get("error");

    assertThat(error.has("param")).isTrue();
    assertThat(error.get("param").isNull()).isTrue();
    assertThat(error.has("code")).isTrue();
    assertThat(error.get("code").isNull()).isTrue();
    assertThat(error.get("type").asText()).isEqualTo("server_error");
  }

  @Test
  void escapesTheMessage() throws Exception {
    String message = "quote \" backslash \\ newline \n tab \t unicode é 世界 control \u0001";
    GatewayException e = GatewayException.invalidRequest("messages[0]", message);

    JsonNode error = parse(ErrorRenderer.openAiBody(e)).get("error");

    assertThat(error.get("message").asText()).isEqualTo(message);
    assertThat(error.get("param").asText()).isEqualTo("messages[0]");
  }

  @Test
  void bodyIsUtf8() {
    GatewayException e = GatewayException.invalidRequest(null, "héllo");

    String body = new String(ErrorRenderer.openAiBody(e), StandardCharsets.UTF_8);

    assertThat(body)
        .isEqualTo(
            "{\"error\":{\"message\":\"héllo\",\"type\":\"invalid_request_error\","
                + "\"param\":null,\"code\":\"invalid_request\"}}");
  }

  @Test
  void streamEventIsOneSseDataEventWithTheSameBody() throws Exception {
    GatewayException e = GatewayException.upstreamTimeout("The provider timed out.");
    byte[] body = ErrorRenderer.openAiBody(e);

    byte[] event = ErrorRenderer.openAiStreamEvent(e);

    String text = new String(event, StandardCharsets.UTF_8);
    assertThat(text).startsWith("data: ").endsWith("\n\n");
    assertThat(text.indexOf('\n')).isEqualTo(text.length() - 2);
    assertThat(Arrays.copyOfRange(event, 6, event.length - 2)).isEqualTo(body);
    assertThat(parse(Arrays.copyOfRange(event, 6, event.length)).at("/error/code").asText())
        .isEqualTo("upstream_timeout");
  }

  @Test
  void streamEventKeepsNewlinesInTheMessageEscaped() {
    GatewayException e = GatewayException.badUpstream("line one\nline two");

    String text = new String(ErrorRenderer.openAiStreamEvent(e), StandardCharsets.UTF_8);

    assertThat(text.split("\n", -1)).hasSize(3);
  }

  private static Iterable<String> iterable(JsonNode node) {
    return node::fieldNames;
  }
}
