package dev.meridian.proxy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.meridian.config.ConfigLoader;
import dev.meridian.config.GatewayConfig;
import dev.meridian.server.Gateway;
import dev.meridian.sim.SimProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A gateway in front of sim providers, all real servers on free ports. The YAML may name a sim's
 * base URL as {@code {url:NAME}} and an unused port as {@code {closed-url}}.
 */
final class Rig implements AutoCloseable {

  static final String KEY = "mk-test-key-0001";
  static final String SCOPED_KEY = "mk-test-scoped-0002";
  static final String PROVIDER_KEY = "sk-sim-provider-secret";

  private final Vertx simVertx;
  private final Map<String, SimProvider> sims;
  private final Gateway gateway;

  private Rig(Vertx simVertx, Map<String, SimProvider> sims, Gateway gateway) {
    this.simVertx = simVertx;
    this.sims = sims;
    this.gateway = gateway;
  }

  /** Starts sims named after the map keys, in the given regions, then the gateway. */
  static Rig start(Map<String, String> simRegions, String yamlTemplate) throws Exception {
    Vertx simVertx = Vertx.vertx();
    Map<String, SimProvider> sims = new LinkedHashMap<>();
    for (Map.Entry<String, String> s : simRegions.entrySet()) {
      sims.put(s.getKey(), await(SimProvider.start(simVertx, s.getKey(), s.getValue())));
    }
    String yaml = yamlTemplate;
    for (SimProvider sim : sims.values()) {
      yaml = yaml.replace("{url:" + sim.name() + "}", sim.baseUrl());
    }
    yaml = yaml.replace("{closed-url}", "http://127.0.0.1:" + closedPort() + "/v1");
    GatewayConfig config = ConfigLoader.parse(yaml, "test.yaml", System::getenv);
    Gateway gateway = await(Gateway.start(config));
    return new Rig(simVertx, sims, gateway);
  }

  /** Two sims, {@code sim-a} (ap-southeast-1) and {@code sim-b} (us-east-1), and a small config. */
  static Rig standard(String upstreamSection) throws Exception {
    return standard(upstreamSection, "auto");
  }

  /** {@link #standard(String)} on the given network transport. */
  static Rig standard(String upstreamSection, String transport) throws Exception {
    return start(
        Map.of("sim-a", "ap-southeast-1", "sim-b", "us-east-1"),
        String.join(
            "\n",
            "server: { host: 127.0.0.1, port: 0, max-body-size: 64KiB, transport: "
                + transport
                + " }",
            upstreamSection,
            "providers:",
            "  sim: { type: openai, api-key: " + PROVIDER_KEY + " }",
            "endpoints:",
            "  - { id: closed, provider: sim, region: us-east-1, url: \"{closed-url}\" }",
            "  - { id: sim-a, provider: sim, region: ap-southeast-1, url: \"{url:sim-a}\" }",
            "  - { id: sim-b, provider: sim, region: us-east-1, url: \"{url:sim-b}\" }",
            "models:",
            "  gpt-4.1: { endpoints: [sim-a, sim-b] }",
            "  deepseek-v3.2: { upstream-model: deepseek-chat, endpoints: [sim-b] }",
            "  failover-model: { endpoints: [closed, sim-b] }",
            "  nowhere-model: { endpoints: [closed] }",
            "  text-embedding-3-small: { endpoints: [sim-a] }",
            "keys:",
            "  - { name: test, key: " + KEY + " }",
            "  - { name: scoped, key: " + SCOPED_KEY + ", models: [deepseek-v3.2] }",
            ""));
  }

  SimProvider sim(String name) {
    return sims.get(name);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + gateway.port() + "/v1";
  }

  /** The transport the gateway runs on. */
  String transport() {
    return gateway.transport().orElseThrow();
  }

  int port() {
    return gateway.port();
  }

  OpenAIClient client() {
    return client(KEY);
  }

  OpenAIClient client(String key) {
    return OpenAIOkHttpClient.builder()
        .baseUrl(baseUrl())
        .apiKey(key)
        .maxRetries(0)
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    await(gateway.close());
    for (SimProvider s : sims.values()) {
      await(s.close());
    }
    await(simVertx.close());
  }
}
