package dev.meridian.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as a user would run it. */
class MeridianJarIT {

  private static Path jar;

  @BeforeAll
  static void findJar() {
    jar = Paths.get("target", "meridian.jar").toAbsolutePath();
    assertThat(jar).as("run after 'package': the failsafe phase has the jar").exists();
  }

  private static Process start(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static Result run(String... args) throws Exception {
    Path log = Files.createTempFile("meridian-cli", ".log");
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean exited = p.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      p.destroyForcibly().waitFor();
    }
    String output = Files.readString(log);
    Files.delete(log);
    assertThat(exited).as("exited within 60 s: " + output).isTrue();
    return new Result(p.exitValue(), output);
  }

  private record Result(int exit, String output) {}

  @Test
  void printsItsVersion() throws Exception {
    Result r = run("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.output()).startsWith("meridian ");
  }

  @Test
  void exitsWith2AndNamesThePathForABadConfiguration(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("meridian.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "providers: { p: { type: openai, api-key: x } }",
            "endpoints:",
            "  - { id: a, provider: p, region: us-east-1, url: http://127.0.0.1:1/v1 }",
            "  - { id: b, provider: p, region: us-east-1, url: http://127.0.0.1:2/v1 }",
            "  - { id: c, provider: p, region: us-east-1, url: http://127.0.0.1:3/v1 }",
            "  - { id: d, provider: p, region: eu-wst-1, url: http://127.0.0.1:4/v1 }",
            ""));
    Result r = run("serve", "--config", config.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.output())
        .contains(config.toString())
        .contains("endpoints[3].region: unknown region \"eu-wst-1\"")
        .doesNotContain("\tat ");
  }

  @Test
  void exitsWith2ForBadUsage() throws Exception {
    assertThat(run("serve").exit()).isEqualTo(2);
    assertThat(run("--no-such-option").exit()).isEqualTo(2);
  }

  @Test
  void exitsWith1WhenThePortIsTaken(@TempDir Path dir) throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      Path config = dir.resolve("meridian.yaml");
      Files.writeString(
          config, "server: { host: 127.0.0.1, port: " + taken.getLocalPort() + " }\n");
      Result r = run("serve", "--config", config.toString());
      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.output())
          .contains("cannot serve on 127.0.0.1:" + taken.getLocalPort())
          .doesNotContain("\tat ");
    }
  }

  @Test
  void runsTheDemoWithoutProviderKeysAndAnswersTheCurlItPrints() throws Exception {
    Process demo = start("demo", "--port", "0");
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder banner = new StringBuilder();
      String line;
      while ((line = out.readLine()) != null) {
        banner.append(line).append('\n');
        if (line.contains("Press Ctrl+C")) {
          break;
        }
      }
      Matcher url = Pattern.compile("base URL\\s+(\\S+)").matcher(banner);
      Matcher key = Pattern.compile("API key\\s+(\\S+)").matcher(banner);
      assertThat(url.find()).as(banner.toString()).isTrue();
      assertThat(key.find()).isTrue();
      assertThat(banner).contains("curl " + url.group(1) + "/chat/completions");

      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url.group(1) + "/chat/completions"))
                      .timeout(Duration.ofSeconds(20))
                      .header("Authorization", "Bearer " + key.group(1))
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("chat.completion").contains("Hello from sim-sg");
    } finally {
      demo.destroy();
      assertThat(demo.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(demo.exitValue()).as("SIGTERM ends the demo cleanly").isIn(0, 143);
  }
}
