package dev.meridian.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {

  private static final Map<String, String> ENV =
      Map.of("OPENAI_KEY", "sk-test-provider-secret", "APP_KEY", "mk-app-0123456789");

  private static final Function<String, String> NO_ENV = name -> null;

  private static final String FULL =
      String.join(
          "\n",
          "server:",
          "  host: 127.0.0.1",
          "  port: 9090",
          "  region: eu-west-1",
          "  max-body-size: 1MiB",
          "  event-loops: 4",
          "upstream:",
          "  connect-timeout: 250ms",
          "  first-byte-timeout: 2s",
          "  idle-timeout: 1m",
          "  max-connections: 64",
          "providers:",
          "  openai:",
          "    type: openai",
          "    api-key: ${OPENAI_KEY}",
          "  local:",
          "    type: openai",
          "endpoints:",
          "  - id: oa-us",
          "    provider: openai",
          "    region: us-east-1",
          "    url: https://api.openai.com/v1",
          "    weight: 3",
          "  - id: oa-eu",
          "    provider: openai",
          "    region: eu-west-1",
          "    url: https://eu.api.openai.com/v1/",
          "  - id: vllm",
          "    provider: local",
          "    region: eu-west-1",
          "    url: http://10.1.2.3:8000/v1",
          "models:",
          "  gpt-4.1:",
          "    endpoints: [oa-us, oa-eu]",
          "    price: { input: 2.00, cached-input: 0.50, output: 8.00 }",
          "    max-output-tokens: 4096",
          "  gpt-4.1-mini:",
          "    endpoints: [oa-eu]",
          "    price: { input: 0.40, output: 1.60 }",
          "  llama:",
          "    upstream-model: meta-llama/Llama-3.3-70B-Instruct",
          "    endpoints: [vllm]",
          "keys:",
          "  - name: app",
          "    key: ${APP_KEY}",
          "    models: [gpt-4.1, llama]",
          "  - name: ci",
          "    key: mk-ci-abcdefgh",
          "");

  private static GatewayConfig parse(String text) {
    return ConfigLoader.parse(text, "meridian.yaml", ENV::get);
  }

  private static ConfigException failure(String text) {
    return failure(text, ENV::get);
  }

  private static ConfigException failure(String text, Function<String, String> env) {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.parse(text, "meridian.yaml", env));
    assertThat(e).as("expected a ConfigException").isNotNull();
    return e;
  }

  /** A valid configuration with {@code extra} appended as more top-level YAML. */
  private static String minimal(String... extra) {
    return String.join(
        "\n",
        "providers:",
        "  openai: { type: openai, api-key: sk-abc }",
        "endpoints:",
        "  - { id: e1, provider: openai, region: us-east-1, url: \"https://api.openai.com/v1\" }",
        "models:",
        "  gpt-4.1: { endpoints: [e1] }",
        String.join("\n", extra),
        "");
  }

  @Test
  void parsesServerSection() {
    ServerConfig server = parse(FULL).server();

    assertThat(server)
        .isEqualTo(
            new ServerConfig(
                "127.0.0.1", 9090, "eu-west-1", 1048576L, 4, ServerConfig.Transport.AUTO));
  }

  @Test
  void parsesUpstreamTimeouts() {
    UpstreamConfig upstream = parse(FULL).upstream();

    assertThat(upstream)
        .isEqualTo(
            new UpstreamConfig(
                Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofMinutes(1), 64));
  }

  @Test
  void parsesProvidersWithExpandedKeyAndEmptyKeyWhenAbsent() {
    Map<String, ProviderConfig> providers = parse(FULL).providers();

    assertThat(providers)
        .containsOnly(
            Map.entry(
                "openai",
                new ProviderConfig("openai", ProviderType.OPENAI, "sk-test-provider-secret")),
            Map.entry("local", new ProviderConfig("local", ProviderType.OPENAI, "")));
  }

  @Test
  void parsesEndpointsInFileOrderWithWeightDefaultingToOne() {
    List<EndpointConfig> endpoints = parse(FULL).endpoints();

    assertThat(endpoints)
        .containsExactly(
            new EndpointConfig(
                "oa-us", "openai", "us-east-1", URI.create("https://api.openai.com/v1"), 3),
            new EndpointConfig(
                "oa-eu", "openai", "eu-west-1", URI.create("https://eu.api.openai.com/v1/"), 1),
            new EndpointConfig(
                "vllm", "local", "eu-west-1", URI.create("http://10.1.2.3:8000/v1"), 1));
  }

  @Test
  void endpointDerivesPortTlsAndBasePathFromItsUrl() {
    GatewayConfig config = parse(FULL);

    EndpointConfig eu = config.endpoint("oa-eu").orElseThrow();
    EndpointConfig vllm = config.endpoint("vllm").orElseThrow();
    assertThat(eu.basePath()).isEqualTo("/v1");
    assertThat(eu.tls()).isTrue();
    assertThat(eu.port()).isEqualTo(443);
    assertThat(vllm.tls()).isFalse();
    assertThat(vllm.port()).isEqualTo(8000);
    assertThat(config.endpoint("nope")).isEmpty();
  }

  @Test
  void parsesModelsWithUpstreamModelAndPriceDefaults() {
    Map<String, ModelConfig> models = parse(FULL).models();

    assertThat(models.keySet()).containsExactly("gpt-4.1", "gpt-4.1-mini", "llama");
    assertThat(models.get("gpt-4.1"))
        .usingRecursiveComparison()
        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
        .isEqualTo(
            new ModelConfig(
                "gpt-4.1",
                "gpt-4.1",
                List.of("oa-us", "oa-eu"),
                new Price(new BigDecimal("2.00"), new BigDecimal("0.50"), new BigDecimal("8.00")),
                4096));
    assertThat(models.get("gpt-4.1-mini").price())
        .usingRecursiveComparison()
        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
        .isEqualTo(
            new Price(new BigDecimal("0.40"), new BigDecimal("0.40"), new BigDecimal("1.60")));
    assertThat(models.get("gpt-4.1-mini").maxOutputTokens()).isZero();
    assertThat(models.get("llama").upstreamModel()).isEqualTo("meta-llama/Llama-3.3-70B-Instruct");
    assertThat(models.get("llama").price())
        .usingRecursiveComparison()
        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
        .isEqualTo(Price.FREE);
  }

  @Test
  void parsesKeysWithModelScopes() {
    List<StaticKey> keys = parse(FULL).keys();

    assertThat(keys)
        .containsExactly(
            new StaticKey("app", "mk-app-0123456789", Set.of("gpt-4.1", "llama")),
            new StaticKey("ci", "mk-ci-abcdefgh", Set.of()));
  }

  @Test
  void fillsDefaultsWhenServerAndUpstreamAreAbsent() {
    GatewayConfig config = parse(minimal());

    assertThat(config.server())
        .isEqualTo(
            new ServerConfig(
                "0.0.0.0",
                8080,
                null,
                ServerConfig.DEFAULT_MAX_BODY_BYTES,
                0,
                ServerConfig.Transport.AUTO));
    assertThat(config.upstream()).isEqualTo(UpstreamConfig.DEFAULTS);
    assertThat(config.keys()).isEmpty();
    assertThat(config.regions()).isEmpty();
  }

  @Test
  void acceptsJsonText() {
    String json =
        "{\"server\":{\"port\":7000},"
            + "\"providers\":{\"openai\":{\"type\":\"openai\",\"api-key\":\"sk-abc\"}},"
            + "\"endpoints\":[{\"id\":\"e1\",\"provider\":\"openai\",\"region\":\"us-east-1\","
            + "\"url\":\"https://api.openai.com/v1\"}],"
            + "\"models\":{\"gpt-4.1\":{\"endpoints\":[\"e1\"]}},"
            + "\"keys\":[{\"name\":\"k\",\"key\":\"mk-0123456789\"}]}";

    GatewayConfig config = parse(json);

    assertThat(config.server().port()).isEqualTo(7000);
    assertThat(config.endpoints()).extracting(EndpointConfig::id).containsExactly("e1");
    assertThat(config.models()).containsOnlyKeys("gpt-4.1");
    assertThat(config.keys()).extracting(StaticKey::name).containsExactly("k");
  }

  @Test
  void expandsVariablesDefaultsAndDoubledDollar() {
    String text =
        minimal(
            "keys:",
            "  - name: a",
            "    key: ${APP_KEY}",
            "  - name: b",
            "    key: ${UNSET_KEY:-mk-fallback-key}",
            "  - name: c",
            "    key: mk-$$price-${APP_KEY}");

    List<StaticKey> keys = parse(text).keys();

    assertThat(keys)
        .extracting(StaticKey::key)
        .containsExactly("mk-app-0123456789", "mk-fallback-key", "mk-$price-mk-app-0123456789");
  }

  @Test
  void expandsVariablesInNumbersToo() {
    GatewayConfig config =
        ConfigLoader.parse(minimal("server:", "  port: ${PORT:-8181}"), "meridian.yaml", NO_ENV);

    assertThat(config.server().port()).isEqualTo(8181);
  }

  @Test
  void rejectsUnsetVariableNamingItsPath() {
    ConfigException e = failure(minimal("keys:", "  - { name: a, key: \"${X}\" }"), NO_ENV);

    assertThat(e.problems()).containsExactly("keys[0].key: environment variable X is not set");
    assertThat(e).hasMessage("meridian.yaml: keys[0].key: environment variable X is not set");
  }

  @Test
  void rejectsUnknownRegionNamingItsPathWithSuggestion() {
    String text =
        String.join(
            "\n",
            "providers:",
            "  openai: { type: openai, api-key: sk-abc }",
            "endpoints:",
            "  - { id: a, provider: openai, region: us-east-1, url: \"https://a.example/v1\" }",
            "  - { id: b, provider: openai, region: us-west-2, url: \"https://b.example/v1\" }",
            "  - { id: c, provider: openai, region: ap-southeast-1, url: \"https://c.example/v1\" }",
            "  - { id: d, provider: openai, region: eu-wst-1, url: \"https://d.example/v1\" }",
            "models:",
            "  gpt-4.1: { endpoints: [a] }",
            "");

    ConfigException e = failure(text);

    assertThat(e.getMessage())
        .startsWith("meridian.yaml")
        .contains("endpoints[3].region: unknown region \"eu-wst-1\"")
        .contains("did you mean \"eu-west-1\"");
    assertThat(e.problems()).hasSize(1);
  }

  @Test
  void reportsEveryProblemAtOnce() {
    String text =
        String.join(
            "\n",
            "server: { port: 70000, region: eu-wst-1 }",
            "upstream: { connect-timeout: 5 parsecs }",
            "providers:",
            "  openai: { type: openai }",
            "endpoints:",
            "  - { id: e1, provider: nobody, region: us-east-1, url: \"https://a.example\" }",
            "  - { id: e2, provider: openai, region: us-east-1, url: \"ftp://x\" }",
            "models:",
            "  m: { endpoints: [e3] }",
            "keys:",
            "  - { name: k, key: short }",
            "");

    ConfigException e = failure(text);

    assertThat(e.problems())
        .hasSize(7)
        .anySatisfy(p -> assertThat(p).startsWith("server.port: 70000"))
        .anySatisfy(p -> assertThat(p).startsWith("server.region: unknown region"))
        .anySatisfy(p -> assertThat(p).startsWith("upstream.connect-timeout: invalid duration"))
        .anySatisfy(p -> assertThat(p).startsWith("endpoints[0].provider: unknown provider"))
        .anySatisfy(p -> assertThat(p).startsWith("endpoints[1].url:"))
        .anySatisfy(p -> assertThat(p).startsWith("models.m.endpoints[0]: unknown endpoint"))
        .anySatisfy(p -> assertThat(p).startsWith("keys[0].key: too short"));
    assertThat(e.getMessage()).startsWith("meridian.yaml: 7 problems");
    assertThat(e.getMessage().lines().skip(1))
        .hasSize(7)
        .allSatisfy(line -> assertThat(line).startsWith("  meridian.yaml: "));
  }

  @Test
  void rejectsUnknownTopLevelKey() {
    ConfigException e = failure(minimal("listen: 8080"));

    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0)).startsWith("listen: unknown key (expected one of: ");
  }

  @Test
  void rejectsUnknownKeyInsideASection() {
    ConfigException e = failure(minimal("server: { prot: 8080 }"));

    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0)).startsWith("server.prot: unknown key");
  }

  @ParameterizedTest
  @ValueSource(strings = {"routes", "storage", "admin", "billing", "health"})
  void rejectsPlannedSectionsAsNotSupportedYet(String section) {
    ConfigException e = failure(minimal(section + ": { enabled: true }"));

    assertThat(e.problems())
        .containsExactly(section + ": not supported by this version of Meridian yet");
  }

  @Test
  void rejectsUnsupportedProviderType() {
    String text =
        String.join(
            "\n",
            "providers:",
            "  claude: { type: anthropic, api-key: sk-ant-abc }",
            "  openai: { type: openai }",
            "endpoints:",
            "  - { id: e1, provider: openai, region: us-east-1, url: \"https://a.example\" }",
            "models:",
            "  m: { endpoints: [e1] }");

    ConfigException e = failure(text);

    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0))
        .startsWith("providers.claude.type: unsupported provider type \"anthropic\"");
  }

  @Test
  void rejectsProviderWithoutType() {
    ConfigException e = failure(minimal("").replace("type: openai, ", ""));

    assertThat(e.problems()).contains("providers.openai.type: required");
  }

  @Test
  void rejectsEndpointReferencingUnknownProvider() {
    ConfigException e = failure(minimal().replace("provider: openai", "provider: opneai"));

    assertThat(e.problems())
        .contains(
            "endpoints[0].provider: unknown provider \"opneai\" (not defined under providers)");
  }

  @Test
  void rejectsDuplicateEndpointId() {
    String text =
        String.join(
            "\n",
            "providers:",
            "  openai: { type: openai }",
            "endpoints:",
            "  - { id: e1, provider: openai, region: us-east-1, url: \"https://a.example\" }",
            "  - { id: e1, provider: openai, region: eu-west-1, url: \"https://b.example\" }",
            "models:",
            "  m: { endpoints: [e1] }");

    ConfigException e = failure(text);

    assertThat(e.problems()).containsExactly("endpoints[1].id: duplicate endpoint id \"e1\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://x", "https:///v1", "not a url", "api.openai.com/v1"})
  void rejectsUrlThatIsNotHttpWithHost(String url) {
    ConfigException e = failure(minimal().replace("https://api.openai.com/v1", url));

    assertThat(e.problems())
        .anySatisfy(p -> assertThat(p).startsWith("endpoints[0].url: \"" + url + "\" is not"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://api.openai.com/v1?x=1", "https://api.openai.com/v1#top"})
  void rejectsUrlWithQueryOrFragment(String url) {
    ConfigException e = failure(minimal().replace("https://api.openai.com/v1", url));

    assertThat(e.problems())
        .contains("endpoints[0].url: \"" + url + "\" must not have a query or fragment");
  }

  @Test
  void rejectsModelReferencingUnknownEndpoint() {
    ConfigException e = failure(minimal().replace("endpoints: [e1]", "endpoints: [e1, e9]"));

    assertThat(e.problems())
        .containsExactly("models.gpt-4.1.endpoints[1]: unknown endpoint \"e9\"");
  }

  @Test
  void rejectsModelListingAnEndpointTwice() {
    ConfigException e = failure(minimal().replace("endpoints: [e1]", "endpoints: [e1, e1]"));

    assertThat(e.problems())
        .containsExactly("models.gpt-4.1.endpoints[1]: endpoint \"e1\" is listed twice");
  }

  @Test
  void rejectsModelWithEmptyEndpointList() {
    ConfigException e = failure(minimal().replace("endpoints: [e1]", "endpoints: []"));

    assertThat(e.problems())
        .containsExactly("models.gpt-4.1.endpoints: empty (expected: at least one endpoint id)");
  }

  @Test
  void rejectsModelWithoutEndpoints() {
    ConfigException e =
        failure(minimal().replace("{ endpoints: [e1] }", "{ max-output-tokens: 9 }"));

    assertThat(e.problems())
        .containsExactly("models.gpt-4.1.endpoints: required (a list of endpoint ids)");
  }

  @Test
  void rejectsNegativePrice() {
    ConfigException e =
        failure(
            minimal().replace("{ endpoints: [e1] }", "{ endpoints: [e1], price: { input: -1 } }"));

    assertThat(e.problems()).containsExactly("models.gpt-4.1.price.input: -1 (expected: >= 0)");
  }

  @Test
  void rejectsKeyReferencingUnknownModel() {
    ConfigException e =
        failure(minimal("keys:", "  - { name: a, key: mk-0123456789, models: [gpt-5] }"));

    assertThat(e.problems()).containsExactly("keys[0].models[0]: unknown model \"gpt-5\"");
  }

  @Test
  void rejectsKeyShorterThanEightCharacters() {
    ConfigException e = failure(minimal("keys:", "  - { name: a, key: mk-1234 }"));

    assertThat(e.problems())
        .containsExactly("keys[0].key: too short (expected: at least 8 characters)");
  }

  @Test
  void acceptsKeyOfExactlyEightCharacters() {
    List<StaticKey> keys = parse(minimal("keys:", "  - { name: a, key: mk-12345 }")).keys();

    assertThat(keys).extracting(StaticKey::key).containsExactly("mk-12345");
  }

  @Test
  void rejectsDuplicateKeyNames() {
    ConfigException e =
        failure(
            minimal(
                "keys:",
                "  - { name: a, key: mk-0123456789 }",
                "  - { name: a, key: mk-9876543210 }"));

    assertThat(e.problems()).containsExactly("keys[1].name: duplicate key name \"a\"");
  }

  @Test
  void rejectsTheSameSecretTwiceWithoutEchoingIt() {
    ConfigException e =
        failure(
            minimal(
                "keys:",
                "  - { name: a, key: mk-0123456789 }",
                "  - { name: b, key: mk-0123456789 }"));

    assertThat(e.problems()).containsExactly("keys[1].key: the same key is configured twice");
    assertThat(e.getMessage()).doesNotContain("mk-0123456789");
  }

  @Test
  void rejectsInvalidDuration() {
    ConfigException e = failure(minimal("upstream: { idle-timeout: 5 parsecs }"));

    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0))
        .startsWith("upstream.idle-timeout: invalid duration \"5 parsecs\"");
  }

  @Test
  void rejectsZeroDuration() {
    ConfigException e = failure(minimal("upstream: { connect-timeout: 0ms }"));

    assertThat(e.problems()).containsExactly("upstream.connect-timeout: 0ms (expected: > 0)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"70000", "-1"})
  void rejectsPortOutOfRange(String port) {
    ConfigException e = failure(minimal("server: { port: " + port + " }"));

    assertThat(e.problems()).containsExactly("server.port: " + port + " (expected: 0..65535)");
  }

  @Test
  void rejectsPortThatIsNotANumber() {
    ConfigException e = failure(minimal("server: { port: eighty }"));

    assertThat(e.problems()).containsExactly("server.port: \"eighty\" is not a whole number");
  }

  @Test
  void rejectsMaxBodySizeThatIsNotASize() {
    ConfigException e = failure(minimal("server: { max-body-size: 10MB }"));

    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0)).startsWith("server.max-body-size: \"10MB\" is not a size");
  }

  @Test
  void readsSizesInKibAndGib() {
    assertThat(parse(minimal("server: { max-body-size: 512KiB }")).server().maxBodyBytes())
        .isEqualTo(512L * 1024);
    assertThat(parse(minimal("server: { max-body-size: 2GiB }")).server().maxBodyBytes())
        .isEqualTo(2L * 1024 * 1024 * 1024);
    assertThat(parse(minimal("server: { max-body-size: 1000 }")).server().maxBodyBytes())
        .isEqualTo(1000L);
  }

  @Test
  void rejectsSectionOfTheWrongShape() {
    ConfigException e = failure(minimal("server: [1, 2]"));

    assertThat(e.problems()).containsExactly("server: expected a mapping, got a list");
  }

  @Test
  void rejectsDocumentThatIsNotAMapping() {
    ConfigException e = failure("- a\n- b\n");

    assertThat(e.problems()).containsExactly("expected a mapping, got a list");
    assertThat(e).hasMessage("meridian.yaml: expected a mapping, got a list");
  }

  @Test
  void reportsInvalidYamlSyntaxWithLineAndColumn() {
    String text = "server:\n  port: 8080\n  host: [unclosed\nproviders: {}\n";

    ConfigException e = failure(text);

    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0)).matches("line \\d+, column \\d+: not valid YAML: (?s).*");
    assertThat(e.getMessage()).startsWith("meridian.yaml: line ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   \n", "# only a comment\n"})
  void rejectsEmptyFile(String text) {
    ConfigException e = failure(text);

    assertThat(e.problems()).containsExactly("the file is empty");
  }

  @Test
  void customRegionsBecomeValidForEndpointsAndServer() {
    String text =
        String.join(
            "\n",
            "server: { region: dc-frankfurt }",
            "regions:",
            "  dc-frankfurt: { dc-singapore: 160, eu-west-1: 12 }",
            "providers:",
            "  openai: { type: openai }",
            "endpoints:",
            "  - { id: e1, provider: openai, region: dc-singapore, url: \"https://a.example\" }",
            "  - { id: e2, provider: openai, region: dc-frankfurt, url: \"https://b.example\" }",
            "models:",
            "  m: { endpoints: [e1, e2] }");

    GatewayConfig config = parse(text);

    assertThat(config.server().region()).isEqualTo("dc-frankfurt");
    assertThat(config.endpoints())
        .extracting(EndpointConfig::region)
        .containsExactly("dc-singapore", "dc-frankfurt");
    assertThat(config.regions())
        .isEqualTo(Map.of("dc-frankfurt", Map.of("dc-singapore", 160, "eu-west-1", 12)));
  }

  @Test
  void rejectsCustomRegionNotDeclaredUnderRegions() {
    ConfigException e = failure(minimal().replace("us-east-1", "dc-singapore"));

    assertThat(e.problems()).contains("endpoints[0].region: unknown region \"dc-singapore\"");
  }

  @Test
  void providerConfigToStringHidesTheApiKey() {
    ProviderConfig p = parse(FULL).providers().get("openai");

    assertThat(p.toString()).contains("openai").doesNotContain("sk-test-provider-secret");
  }

  @Test
  void staticKeyToStringHidesTheSecret() {
    StaticKey k = parse(FULL).keys().get(0);

    assertThat(k.toString()).contains("app").doesNotContain("mk-app-0123456789");
  }

  @Test
  void gatewayConfigToStringHidesEverySecret() {
    String text = parse(FULL).toString();

    assertThat(text)
        .doesNotContain("sk-test-provider-secret", "mk-app-0123456789", "mk-ci-abcdefgh");
  }

  @Test
  void loadNamesTheMissingFile(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> ConfigLoader.load(missing, ENV::get))
        .isInstanceOf(ConfigException.class)
        .hasMessage(missing + ": file not found");
  }

  @Test
  void loadReadsTheFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("meridian.yaml");
    java.nio.file.Files.writeString(file, minimal("server: { port: 123456 }"));

    assertThatThrownBy(() -> ConfigLoader.load(file, ENV::get))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": server.port: 123456 (expected: 0..65535)");
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

    assertThat(e.problems())
        .containsExactly("models.gpt-4.1.endpoints: expected a list, got \"e1\"");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "auto, AUTO",
    "io_uring, IO_URING",
    "epoll, EPOLL",
    "nio, NIO"
  })
  void readsTheTransport(String written, ServerConfig.Transport expected) {
    assertThat(parse(minimal("server: { transport: " + written + " }")).server().transport())
        .isEqualTo(expected);
  }

  @Test
  void rejectsAnUnknownTransport() {
    ConfigException e = failure(minimal("server: { transport: kqueue-please }"));

    assertThat(e.problems())
        .containsExactly(
            "server.transport: unknown transport \"kqueue-please\" (expected: auto, io_uring, epoll or nio)");
  }
}
