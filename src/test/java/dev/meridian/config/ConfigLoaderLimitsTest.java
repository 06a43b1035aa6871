package dev.meridian.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

class ConfigLoaderLimitsTest {

  private static String minimal(String... extra) {
    return String.join(
        "\n",
        "providers:",
        "  openai: { type: openai }",
        "endpoints:",
        "  - { id: e1, provider: openai, region: us-east-1, url: \"https://a.example\" }",
        "models:",
        "  m: { endpoints: [e1] }",
        String.join("\n", extra),
        "");
  }

  private static ConfigException failure(String text) {
    Throwable t = catchThrowable(() -> ConfigLoader.parse(text, "meridian.yaml", name -> null));
    assertThat(t).isInstanceOf(ConfigException.class);
    return (ConfigException) t;
  }

  @Test
  void rejectsDurationTooLargeNamingItsPath() {
    ConfigException e = failure(minimal("upstream: { idle-timeout: 9999999999999999h }"));

    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0)).startsWith("upstream.idle-timeout: ");
  }

  @Test
  void rejectsBodySizeTooLargeToRepresent() {
    ConfigException e = failure(minimal("server: { max-body-size: 17179869185GiB }"));

    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0)).startsWith("server.max-body-size: ");
  }

  @Test
  void reportsModelEndpointsThatAreNotAListOnce() {
    ConfigException e = failure(minimal().replace("endpoints: [e1]", "endpoints: e1"));

    assertThat(e.problems()).containsExactly("models.m.endpoints: expected a list, got \"e1\"");
  }
}
