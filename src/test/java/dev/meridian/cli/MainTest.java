package dev.meridian.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  private static final String VALID =
      String.join(
          "\n",
          "server: { host: 127.0.0.1, port: 0, region: eu-west-1 }",
          "providers:",
          "  openai: { type: openai, api-key: sk-test-abcdef }",
          "endpoints:",
          "  - { id: a, provider: openai, region: us-east-1, url: \"https://a.example/v1\" }",
          "  - { id: b, provider: openai, region: us-west-2, url: \"https://b.example/v1\" }",
          "  - { id: c, provider: openai, region: eu-west-1, url: \"https://c.example/v1\" }",
          "  - { id: d, provider: openai, region: eu-west-2, url: \"https://d.example/v1\" }",
          "models:",
          "  gpt-4.1: { endpoints: [a, b] }",
          "keys:",
          "  - { name: ci, key: mk-ci-0123456789 }",
          "");

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    try (PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true)) {
      return Main.run(o, e, args);
    }
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void versionPrintsMeridianAndExitsZero() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("meridian ").contains("Java ");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void helpListsTheCommandsAndExitsZero() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Usage: meridian").contains("serve").contains("demo");
  }

  @Test
  void noArgumentsIsAUsageError() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("Missing a command");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(run("--frobnicate")).isEqualTo(2);
    assertThat(err.toString()).contains("--frobnicate");
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertThat(run("launch")).isEqualTo(2);
    assertThat(err.toString()).contains("launch");
  }

  @Test
  void serveWithoutConfigIsAUsageError() {
    assertThat(run("serve")).isEqualTo(2);
    assertThat(err.toString()).contains("--config");
  }

  @Test
  void serveWithAMissingFileNamesIt() {
    Path missing = dir.resolve("absent.yaml");

    assertThat(run("serve", "--config", missing.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(missing.toString()).contains("file not found");
  }

  @Test
  void serveWithABadRegionNamesTheFileAndThePath() throws IOException {
    Path config = file("meridian.yaml", VALID.replace("region: eu-west-2", "region: eu-wst-1"));

    assertThat(run("serve", "--config", config.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains(config.toString())
        .contains("endpoints[3].region: unknown region \"eu-wst-1\"")
        .contains("eu-west-1")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void serveCheckValidatesWithoutServing() throws IOException {
    Path config = file("meridian.yaml", VALID);

    assertThat(run("serve", "--check", "--config", config.toString())).isZero();
    assertThat(out.toString()).contains(config.toString()).contains("configuration is valid");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void serveCheckAcceptsTheShortOption() throws IOException {
    Path config = file("meridian.yaml", VALID);

    assertThat(run("serve", "-c", config.toString(), "--check")).isZero();
  }

  @Test
  void serveCheckWithABadFileIsAUsageError() throws IOException {
    Path config = file("meridian.yaml", "server: { port: 99999 }\n");

    assertThat(run("serve", "--check", "--config", config.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("server.port: 99999 (expected: 0..65535)");
    assertThat(out.toString()).doesNotContain("configuration is valid");
  }

  @Test
  void demoRejectsAPortOutOfRange() {
    assertThat(run("demo", "--port", "70000")).isEqualTo(2);
    assertThat(err.toString()).contains("--port: 70000 (expected: 0..65535)");
  }

  @Test
  void demoRejectsANonNumericPort() {
    assertThat(run("demo", "--port", "http")).isEqualTo(2);
  }
}
