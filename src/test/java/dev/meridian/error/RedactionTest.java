package dev.meridian.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactionTest {

  @Test
  void keepsOrdinaryTextUnchanged() {
    String text = "Invalid value for 'temperature': 3 is greater than the maximum of 2.";

    assertThat(Redaction.clean(text)).isEqualTo(text);
  }

  @Test
  void passesNullThrough() {
    assertThat(Redaction.clean(null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sk-live-abcdef123456",
        "sk-proj-AbCdEf_123456-xyz",
        "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
        "mk-demo-0123456789ab",
        "rk_live_abcdefgh",
        "key-1234567890",
        "AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUv"
      })
  void redactsSecrets(String secret) {
    String out = Redaction.clean("Incorrect API key provided: " + secret + " (check it)");

    assertThat(out).isEqualTo("Incorrect API key provided: [redacted] (check it)");
  }

  @Test
  void redactsBearerTokensCaseInsensitively() {
    String out = Redaction.clean("header was 'BEARER eyJhbGciOi.J9xyz' and 'bearer abcdefgh'");

    assertThat(out).doesNotContain("eyJhbGciOi").doesNotContain("abcdefgh");
  }

  @Test
  void keepsShortKeyLikeWords() {
    assertThat(Redaction.clean("the sk-abc prefix")).isEqualTo("the sk-abc prefix");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://internal.example/x",
        "http://10.0.0.7:8443/v1/chat/completions?key=abc",
        "HTTPS://Api.Example.com",
        "wss://stream.example/socket"
      })
  void redactsUrls(String url) {
    assertThat(Redaction.clean("could not reach " + url + " in time"))
        .isEqualTo("could not reach [url] in time");
  }

  @Test
  void redactsUrlsInsideQuotesKeepingTheQuotes() {
    assertThat(Redaction.clean("fetch '\"https://a.example/x\"' failed"))
        .isEqualTo("fetch '\"[url]\"' failed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.7:8443", "inference-3.eu.internal:9000", "db.local:5432"})
  void redactsHostPortPairs(String hostPort) {
    assertThat(Redaction.clean("upstream " + hostPort + " refused"))
        .isEqualTo("upstream [host] refused");
  }

  @Test
  void keepsTimesAndRatios() {
    String text = "retry at 12:30, ratio 3:2";

    assertThat(Redaction.clean(text)).isEqualTo(text);
  }

  @Test
  void redactsEverythingInOneText() {
    String out =
        Redaction.clean("key sk-live-abcdef123456 at https://internal.example/x via 10.0.0.7:8443");

    assertThat(out).isEqualTo("key [redacted] at [url] via [host]");
  }

  @Test
  void capsTheLengthAt500Characters() {
    String out = Redaction.clean("x".repeat(2000));

    assertThat(out).hasSize(503).endsWith("...").startsWith("x".repeat(500));
  }

  @Test
  void keepsTextOfExactly500Characters() {
    String text = "y".repeat(500);

    assertThat(Redaction.clean(text)).isEqualTo(text);
  }

  @Test
  void redactsASecretThatStraddlesTheLengthCap() {
    String out = Redaction.clean("a".repeat(490) + " sk-live-abcdef123456");

    assertThat(out).doesNotContain("sk-live").doesNotContain("abcdef");
  }
}
