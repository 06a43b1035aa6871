package dev.meridian.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.error.ErrorType;
import dev.meridian.error.GatewayException;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiErrorsTest {

  private static final MultiMap NO_HEADERS = MultiMap.caseInsensitiveMultiMap();

  private static Buffer error(String message, String param, String code) {
    return Buffer.buffer(
        "{\"error\":{\"message\":"
            + quote(message)
            + ",\"type\":\"invalid_request_error\",\"param\":"
            + quote(param)
            + ",\"code\":"
            + quote(code)
            + "}}");
  }

  private static String quote(String s) {
    return s == null ? "null" : "\"" + s.replace("\"", "\\\"") + "\"";
  }

  private static MultiMap retryAfter(String value) {
    return MultiMap.caseInsensitiveMultiMap().add("Retry-After", value);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 422})
  void clientErrorsKeepStatusMessageParamAndCode(int status) {
    GatewayException e =
        OpenAiErrors.map(
            status,
            NO_HEADERS,
            error("Invalid value for 'temperature': 3 > 2.", "temperature", "invalid_value"));

    assertThat(e.status()).isEqualTo(status);
    assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
    assertThat(e.getMessage()).isEqualTo("Invalid value for 'temperature': 3 > 2.");
    assertThat(e.param()).isEqualTo("temperature");
    assertThat(e.code()).isEqualTo("invalid_value");
  }

  @Test
  void clientErrorWithoutParamOrCodeGetsDefaults() {
    GatewayException e =
        OpenAiErrors.map(
            400, NO_HEADERS, error("This model's maximum context length is 8k.", null, null));

    assertThat(e.getMessage()).isEqualTo("This model's maximum context length is 8k.");
    assertThat(e.param()).isNull();
    assertThat(e.code()).isEqualTo("invalid_request");
  }

  @Test
  void clientErrorRedactsAProviderKey() {
    GatewayException e =
        OpenAiErrors.map(
            400,
            NO_HEADERS,
            error("Incorrect API key provided: sk-live-abcdef123456.", null, null));

    assertThat(e.getMessage()).doesNotContain("sk-live-abcdef123456").contains("[redacted]");
  }

  @Test
  void clientErrorRedactsAnInternalUrl() {
    GatewayException e =
        OpenAiErrors.map(
            400, NO_HEADERS, error("Fetch of https://internal.example/x failed", null, null));

    assertThat(e.getMessage()).doesNotContain("internal.example").contains("[url]");
  }

  @Test
  void clientErrorRedactsAnInternalHostAndPort() {
    GatewayException e =
        OpenAiErrors.map(
            400, NO_HEADERS, error("backend 10.0.0.7:8443 refused the request", null, null));

    assertThat(e.getMessage()).doesNotContain("10.0.0.7").doesNotContain("8443");
  }

  @Test
  void clientErrorRedactsTheCode() {
    GatewayException e =
        OpenAiErrors.map(400, NO_HEADERS, error("bad", null, "key_sk-live-abcdef123456"));

    assertThat(e.code()).doesNotContain("sk-live-abcdef123456");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<html><body><h1>400 Bad Request</h1><p>nginx at 10.0.0.7:8443</p></body></html>",
        "Bad Request",
        "",
        "{\"error\":\"just a string\"}",
        "{\"detail\":\"pydantic says no\"}",
        "{\"error\":{\"message\":42}}",
        "{not json"
      })
  void clientErrorWithoutAnOpenAiBodyGetsAGenericMessage(String body) {
    GatewayException e = OpenAiErrors.map(400, NO_HEADERS, Buffer.buffer(body));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("The provider rejected the request.");
    assertThat(e.code()).isEqualTo("invalid_request");
    assertThat(e.param()).isNull();
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403, 404, 500, 502, 418, 599})
  void providerTroubleBecomesBadGateway(int status) {
    GatewayException e =
        OpenAiErrors.map(
            status, NO_HEADERS, error("Incorrect API key sk-live-abcdef123456", null, null));

    assertThat(e.status()).isEqualTo(502);
    assertThat(e.type()).isEqualTo(ErrorType.UPSTREAM);
    assertThat(e.code()).isEqualTo("bad_upstream_response");
    assertThat(e.getMessage()).doesNotContain("sk-live").doesNotContain("Incorrect");
  }

  @ParameterizedTest
  @ValueSource(ints = {503, 529})
  void overloadBecomesServiceUnavailableWithRetryAfter(int status) {
    GatewayException e = OpenAiErrors.map(status, retryAfter("7"), Buffer.buffer("overloaded"));

    assertThat(e.status()).isEqualTo(503);
    assertThat(e.type()).isEqualTo(ErrorType.SERVICE_UNAVAILABLE);
    assertThat(e.retryAfterSeconds()).isEqualTo(7);
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 504})
  void timeoutsBecomeGatewayTimeout(int status) {
    GatewayException e = OpenAiErrors.map(status, NO_HEADERS, Buffer.buffer());

    assertThat(e.status()).isEqualTo(504);
    assertThat(e.type()).isEqualTo(ErrorType.TIMEOUT);
    assertThat(e.code()).isEqualTo("upstream_timeout");
  }

  @Test
  void rateLimitKeepsStatusAndRetryAfter() {
    GatewayException e =
        OpenAiErrors.map(
            429, retryAfter(" 12 "), error("Rate limit reached for org-abc on tokens", null, null));

    assertThat(e.status()).isEqualTo(429);
    assertThat(e.type()).isEqualTo(ErrorType.RATE_LIMIT);
    assertThat(e.code()).isEqualTo("rate_limit_exceeded");
    assertThat(e.retryAfterSeconds()).isEqualTo(12);
    assertThat(e.getMessage()).doesNotContain("org-abc");
  }

  @Test
  void rateLimitWithoutRetryAfterGivesNoAdvice() {
    assertThat(OpenAiErrors.map(429, NO_HEADERS, Buffer.buffer()).retryAfterSeconds())
        .isEqualTo(-1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "-5", "3601", "Wed, 21 Oct 2015 07:28:00 GMT", "1.5"})
  void ignoresRetryAfterThatIsNotSecondsWithinAnHour(String value) {
    assertThat(OpenAiErrors.map(503, retryAfter(value), Buffer.buffer()).retryAfterSeconds())
        .isEqualTo(-1);
  }

  @Test
  void requestTooLargeKeepsItsStatus() {
    GatewayException e = OpenAiErrors.map(413, NO_HEADERS, Buffer.buffer("<html>too big</html>"));

    assertThat(e.status()).isEqualTo(413);
    assertThat(e.code()).isEqualTo("request_too_large");
    assertThat(e.getMessage()).doesNotContain("html");
  }

  @Test
  void clientErrorRedactsTheParam() {
    Buffer body =
        Buffer.buffer(
            "{\"error\":{\"message\":\"bad\",\"param\":\"sk-live-abcdef123456 at 10.0.0.7:8443\","
                + "\"code\":null}}");

    GatewayException e = OpenAiErrors.map(400, MultiMap.caseInsensitiveMultiMap(), body);

    assertThat(e.param()).doesNotContain("sk-live-abcdef123456").doesNotContain("10.0.0.7");
  }
}
