package dev.meridian.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Reads YAML (or JSON) configuration into a validated {@link GatewayConfig}. */
public final class ConfigLoader {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final Set<String> TOP_LEVEL =
      Set.of("server", "upstream", "providers", "endpoints", "models", "keys", "regions");
  private static final Set<String> PLANNED =
      Set.of("admin", "storage", "routes", "billing", "health");

  private ConfigLoader() {}

  /** Loads {@code file}, reading {@code ${VAR}} from the process environment. */
  public static GatewayConfig load(Path file) {
    return load(file, System::getenv);
  }

  public static GatewayConfig load(Path file, Function<String, String> env) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), List.of("file not found"));
    } catch (IOException e) {
      throw new ConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
    }
    return parse(text, file.toString(), env);
  }

  /** Parses configuration text; {@code source} names it in error messages. */
  public static GatewayConfig parse(String text, String source, Function<String, String> env) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
      throw new ConfigException(
          source, List.of(where + "not valid YAML: " + e.getOriginalMessage()));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new ConfigException(source, List.of("the file is empty"));
    }
    ConfigNode.Problems problems = new ConfigNode.Problems(env);
    ConfigNode top = new ConfigNode(root, "", problems);
    GatewayConfig config = null;
    if (top.expectObject()) {
      config = read(top);
    }
    if (!problems.list.isEmpty() || config == null) {
      throw new ConfigException(source, problems.list);
    }
    return config;
  }

  private static GatewayConfig read(ConfigNode top) {
    for (Map.Entry<String, ConfigNode> e : top.entries()) {
      if (PLANNED.contains(e.getKey())) {
        e.getValue().problem("not supported by this version of Meridian yet");
      } else if (!TOP_LEVEL.contains(e.getKey())) {
        e.getValue()
            .problem(
                "unknown key (expected one of: "
                    + String.join(", ", new java.util.TreeSet<>(TOP_LEVEL))
                    + ")");
      }
    }
    Map<String, Map<String, Integer>> regions = readRegions(top.get("regions"));
    Set<String> knownRegions = new HashSet<>(Regions.KNOWN);
    regions.forEach(
        (from, to) -> {
          knownRegions.add(from);
          knownRegions.addAll(to.keySet());
        });
    ServerConfig server = readServer(top.get("server"), knownRegions);
    UpstreamConfig upstream = readUpstream(top.get("upstream"));
    Map<String, ProviderConfig> providers = CatalogReader.readProviders(top.get("providers"));
    List<EndpointConfig> endpoints =
        CatalogReader.readEndpoints(top.get("endpoints"), providers, knownRegions);
    Set<String> declaredEndpoints = new HashSet<>();
    if (top.get("endpoints").isList()) {
      top.get("endpoints")
          .items()
          .forEach(e -> e.get("id").rawText().ifPresent(declaredEndpoints::add));
    }
    Map<String, ModelConfig> models =
        CatalogReader.readModels(top.get("models"), endpoints, declaredEndpoints);
    List<StaticKey> keys = CatalogReader.readKeys(top.get("keys"), models.keySet());
    if (server == null || upstream == null) {
      return null;
    }
    return new GatewayConfig(server, upstream, providers, endpoints, models, keys, regions);
  }

  private static ServerConfig readServer(ConfigNode n, Set<String> knownRegions) {
    if (!n.expectObject()) {
      return null;
    }
    n.rejectUnknown(Set.of("host", "port", "region", "max-body-size", "event-loops", "transport"));
    String host = n.get("host").string().orElse("0.0.0.0");
    int port = n.get("port").integer(0, 65535).orElse(8080L).intValue();
    String region = n.get("region").string().orElse(null);
    if (region != null) {
      Regions.check(n.get("region"), region, knownRegions);
    }
    long maxBody = n.get("max-body-size").size().orElse(ServerConfig.DEFAULT_MAX_BODY_BYTES);
    int loops = n.get("event-loops").integer(0, 256).orElse(0L).intValue();
    ServerConfig.Transport transport = ServerConfig.Transport.AUTO;
    Optional<String> t = n.get("transport").string();
    if (t.isPresent()) {
      switch (t.get()) {
        case "auto":
          break;
        case "io_uring":
          transport = ServerConfig.Transport.IO_URING;
          break;
        case "epoll":
          transport = ServerConfig.Transport.EPOLL;
          break;
        case "nio":
          transport = ServerConfig.Transport.NIO;
          break;
        default:
          n.get("transport")
              .problem(
                  "unknown transport \"" + t.get() + "\" (expected: auto, io_uring, epoll or nio)");
      }
    }
    return new ServerConfig(host, port, region, maxBody, loops, transport);
  }

  private static UpstreamConfig readUpstream(ConfigNode n) {
    if (!n.expectObject()) {
      return null;
    }
    n.rejectUnknown(
        Set.of("connect-timeout", "first-byte-timeout", "idle-timeout", "max-connections"));
    UpstreamConfig d = UpstreamConfig.DEFAULTS;
    return new UpstreamConfig(
        n.get("connect-timeout").duration().orElse(d.connectTimeout()),
        n.get("first-byte-timeout").duration().orElse(d.firstByteTimeout()),
        n.get("idle-timeout").duration().orElse(d.idleTimeout()),
        n.get("max-connections").integer(1, 100_000).orElse((long) d.maxConnections()).intValue());
  }

  private static Map<String, Map<String, Integer>> readRegions(ConfigNode n) {
    Map<String, Map<String, Integer>> out = new HashMap<>();
    for (Map.Entry<String, ConfigNode> from : n.entries()) {
      Map<String, Integer> rtts = new HashMap<>();
      for (Map.Entry<String, ConfigNode> to : from.getValue().entries()) {
        to.getValue().integer(0, 10_000).ifPresent(ms -> rtts.put(to.getKey(), ms.intValue()));
      }
      out.put(from.getKey(), Map.copyOf(rtts));
    }
    return out;
  }
}
