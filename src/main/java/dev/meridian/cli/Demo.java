package dev.meridian.cli;

import dev.meridian.common.Ticker;
import dev.meridian.config.ConfigLoader;
import dev.meridian.config.GatewayConfig;
import dev.meridian.server.Gateway;
import dev.meridian.sim.Latency;
import dev.meridian.sim.SimBehavior;
import dev.meridian.sim.SimProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Three simulated regional providers and a gateway in front of them; no network, no keys. */
final class Demo {

  private final Gateway gateway;
  private final List<SimProvider> sims;
  private final String key;
  private final GatewayConfig config;

  private Demo(Gateway gateway, List<SimProvider> sims, String key, GatewayConfig config) {
    this.gateway = gateway;
    this.sims = sims;
    this.key = key;
    this.config = config;
  }

  static Future<Demo> start(Vertx vertx, int port) {
    SimBehavior streaming =
        SimBehavior.NORMAL.withStreamTiming(Latency.uniform(120, 250), Latency.uniform(15, 40));
    Future<SimProvider> sg =
        SimProvider.start(
            vertx, "sim-sg", "ap-southeast-1", streaming.withLatency(Latency.uniform(15, 30)), 0);
    Future<SimProvider> us =
        SimProvider.start(
            vertx, "sim-us", "us-east-1", streaming.withLatency(Latency.uniform(40, 80)), 0);
    Future<SimProvider> eu =
        SimProvider.start(
            vertx, "sim-eu", "eu-west-1", streaming.withLatency(Latency.uniform(30, 60)), 0);
    String key = "mk-demo-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    return Future.all(sg, us, eu)
        .compose(
            all -> {
              List<SimProvider> sims = List.of(sg.result(), us.result(), eu.result());
              GatewayConfig config =
                  ConfigLoader.parse(
                      yaml(port, sims),
                      "demo configuration",
                      Map.of("MERIDIAN_DEMO_KEY", key)::get);
              return Gateway.start(vertx, config, Ticker.system())
                  .map(g -> new Demo(g, sims, key, config));
            });
  }

  private static String yaml(int port, List<SimProvider> sims) {
    return String.join(
        "\n",
        "server: { host: 127.0.0.1, port: " + port + ", region: ap-southeast-1 }",
        "providers:",
        "  sim: { type: openai, api-key: sk-sim-demo }",
        "endpoints:",
        "  - { id: sim-sg, provider: sim, region: ap-southeast-1, url: "
            + sims.get(0).baseUrl()
            + " }",
        "  - { id: sim-us, provider: sim, region: us-east-1,      url: "
            + sims.get(1).baseUrl()
            + " }",
        "  - { id: sim-eu, provider: sim, region: eu-west-1,      url: "
            + sims.get(2).baseUrl()
            + " }",
        "models:",
        "  gpt-4.1:      { endpoints: [sim-sg, sim-us], price: { input: 2.00, cached-input: 0.50, output: 8.00 } }",
        "  gpt-4.1-mini: { endpoints: [sim-us, sim-eu], price: { input: 0.40, output: 1.60 } }",
        "  deepseek-v3.2: { upstream-model: deepseek-chat, endpoints: [sim-sg], price: { input: 0.28, output: 0.42 } }",
        "  text-embedding-3-small: { endpoints: [sim-eu, sim-us], price: { input: 0.02 } }",
        "keys:",
        "  - { name: demo, key: \"${MERIDIAN_DEMO_KEY}\" }",
        "");
  }

  String baseUrl() {
    return "http://127.0.0.1:" + gateway.port() + "/v1";
  }

  String key() {
    return key;
  }

  List<SimProvider> sims() {
    return sims;
  }

  Gateway gateway() {
    return gateway;
  }

  String banner() {
    StringBuilder sb = new StringBuilder();
    sb.append("Meridian demo is running (simulated providers; no provider keys, no network).\n\n");
    sb.append("  base URL  ").append(baseUrl()).append('\n');
    sb.append("  API key   ").append(key).append('\n');
    sb.append("  models    ").append(String.join(", ", config.models().keySet())).append('\n');
    sb.append("  providers ");
    for (int i = 0; i < sims.size(); i++) {
      SimProvider s = sims.get(i);
      sb.append(i == 0 ? "" : ", ").append(s.name()).append(" (").append(s.region()).append(')');
    }
    sb.append("\n\nTry:\n  curl ").append(baseUrl()).append("/chat/completions \\\n");
    sb.append("    -H \"Authorization: Bearer ").append(key).append("\" \\\n");
    sb.append("    -H \"Content-Type: application/json\" \\\n");
    sb.append(
        "    -d '{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}'\n\n");
    sb.append("Add \"stream\":true to watch tokens arrive. Press Ctrl+C to stop.");
    return sb.toString();
  }

  Future<Void> close() {
    return gateway
        .close()
        .eventually(() -> Future.all(sims.stream().map(SimProvider::close).toList()).mapEmpty());
  }
}
