package dev.meridian.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
    Map<String, ProviderConfig> providers = readProviders(top.get("providers"));
    List<EndpointConfig> endpoints = readEndpoints(top.get("endpoints"), providers, knownRegions);
    Set<String> declaredEndpoints = new HashSet<>();
    if (top.get("endpoints").isList()) {
      top.get("endpoints")
          .items()
          .forEach(e -> e.get("id").rawText().ifPresent(declaredEndpoints::add));
    }
    Map<String, ModelConfig> models = readModels(top.get("models"), endpoints, declaredEndpoints);
    List<StaticKey> keys = readKeys(top.get("keys"), models.keySet());
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
      checkRegion(n.get("region"), region, knownRegions);
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

  private static Map<String, ProviderConfig> readProviders(ConfigNode n) {
    Map<String, ProviderConfig> out = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigNode> e : n.entries()) {
      ConfigNode p = e.getValue();
      if (!p.expectObject()) {
        continue;
      }
      p.rejectUnknown(Set.of("type", "api-key"));
      Optional<String> typeName = p.get("type").requiredString();
      Optional<ProviderType> type = typeName.flatMap(ProviderType::fromConfigName);
      if (typeName.isPresent() && type.isEmpty()) {
        p.get("type")
            .problem(
                "unsupported provider type \""
                    + typeName.get()
                    + "\" (this version supports: openai, for OpenAI and OpenAI-compatible APIs)");
      }
      String apiKey = p.get("api-key").string().orElse("");
      type.ifPresent(t -> out.put(e.getKey(), new ProviderConfig(e.getKey(), t, apiKey)));
    }
    return out;
  }

  private static List<EndpointConfig> readEndpoints(
      ConfigNode n, Map<String, ProviderConfig> providers, Set<String> knownRegions) {
    List<EndpointConfig> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (ConfigNode e : n.items()) {
      if (!e.expectObject()) {
        continue;
      }
      e.rejectUnknown(Set.of("id", "provider", "region", "url", "weight"));
      Optional<String> id = e.get("id").requiredString();
      id.filter(i -> !ids.add(i))
          .ifPresent(i -> e.get("id").problem("duplicate endpoint id \"" + i + "\""));
      Optional<String> provider = e.get("provider").requiredString();
      provider
          .filter(p -> !providers.containsKey(p))
          .ifPresent(
              p ->
                  e.get("provider")
                      .problem("unknown provider \"" + p + "\" (not defined under providers)"));
      Optional<String> region = e.get("region").requiredString();
      boolean regionOk =
          region.map(r -> checkRegion(e.get("region"), r, knownRegions)).orElse(false);
      Optional<URI> url = e.get("url").requiredString().flatMap(u -> parseUrl(e.get("url"), u));
      int weight = e.get("weight").integer(1, 1_000_000).orElse(1L).intValue();
      if (id.isPresent()
          && provider.filter(providers::containsKey).isPresent()
          && regionOk
          && url.isPresent()) {
        out.add(new EndpointConfig(id.get(), provider.get(), region.get(), url.get(), weight));
      }
    }
    return out;
  }

  private static Map<String, ModelConfig> readModels(
      ConfigNode n, List<EndpointConfig> endpoints, Set<String> declaredEndpoints) {
    Map<String, ModelConfig> out = new LinkedHashMap<>();
    Set<String> endpointIds = new HashSet<>();
    endpoints.forEach(e -> endpointIds.add(e.id()));
    for (Map.Entry<String, ConfigNode> e : n.entries()) {
      ConfigNode m = e.getValue();
      if (!m.expectObject()) {
        continue;
      }
      m.rejectUnknown(Set.of("endpoints", "upstream-model", "price", "max-output-tokens"));
      List<String> ids = new ArrayList<>();
      ConfigNode endpointList = m.get("endpoints");
      if (endpointList.isMissing()) {
        endpointList.problem("required (a list of endpoint ids)");
      }
      List<ConfigNode> items = endpointList.items();
      for (ConfigNode item : items) {
        item.requiredString()
            .ifPresent(
                id -> {
                  if (!endpointIds.contains(id)) {
                    if (!declaredEndpoints.contains(id)) {
                      item.problem("unknown endpoint \"" + id + "\"");
                    }
                  } else if (ids.contains(id)) {
                    item.problem("endpoint \"" + id + "\" is listed twice");
                  } else {
                    ids.add(id);
                  }
                });
      }
      if (!endpointList.isMissing() && items.isEmpty() && endpointList.isList()) {
        endpointList.problem("empty (expected: at least one endpoint id)");
      }
      String upstreamModel = m.get("upstream-model").string().orElse(e.getKey());
      Price price = readPrice(m.get("price"));
      int maxOut = m.get("max-output-tokens").integer(1, Integer.MAX_VALUE).orElse(0L).intValue();
      if (!ids.isEmpty() && price != null) {
        out.put(e.getKey(), new ModelConfig(e.getKey(), upstreamModel, ids, price, maxOut));
      }
    }
    return out;
  }

  private static Price readPrice(ConfigNode n) {
    if (n.isMissing()) {
      return Price.FREE;
    }
    if (!n.expectObject()) {
      return null;
    }
    n.rejectUnknown(Set.of("input", "cached-input", "output"));
    BigDecimal input = n.get("input").decimal().orElse(BigDecimal.ZERO);
    BigDecimal cached = n.get("cached-input").decimal().orElse(input);
    BigDecimal output = n.get("output").decimal().orElse(BigDecimal.ZERO);
    return new Price(input, cached, output);
  }

  private static List<StaticKey> readKeys(ConfigNode n, Set<String> models) {
    List<StaticKey> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> secrets = new HashSet<>();
    for (ConfigNode k : n.items()) {
      if (!k.expectObject()) {
        continue;
      }
      k.rejectUnknown(Set.of("name", "key", "models"));
      Optional<String> name = k.get("name").requiredString();
      name.filter(x -> !names.add(x))
          .ifPresent(x -> k.get("name").problem("duplicate key name \"" + x + "\""));
      Optional<String> secret = k.get("key").requiredString();
      secret
          .filter(x -> !secrets.add(x))
          .ifPresent(x -> k.get("key").problem("the same key is configured twice"));
      secret
          .filter(x -> x.length() < 8)
          .ifPresent(x -> k.get("key").problem("too short (expected: at least 8 characters)"));
      Set<String> allowed = new LinkedHashSet<>();
      for (ConfigNode item : k.get("models").items()) {
        item.requiredString()
            .ifPresent(
                m -> {
                  if (models.contains(m)) {
                    allowed.add(m);
                  } else {
                    item.problem("unknown model \"" + m + "\"");
                  }
                });
      }
      if (name.isPresent() && secret.isPresent()) {
        out.add(new StaticKey(name.get(), secret.get(), allowed));
      }
    }
    return out;
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

  private static boolean checkRegion(ConfigNode at, String region, Set<String> known) {
    if (known.contains(region)) {
      return true;
    }
    String hint =
        Regions.suggest(region, known).map(s -> " (did you mean \"" + s + "\"?)").orElse("");
    at.problem("unknown region \"" + region + "\"" + hint);
    return false;
  }

  private static Optional<URI> parseUrl(ConfigNode at, String text) {
    try {
      URI uri = new URI(text.trim());
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || uri.getHost() == null) {
        at.problem("\"" + text + "\" is not an http(s) URL with a host");
        return Optional.empty();
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        at.problem("\"" + text + "\" must not have a query or fragment");
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      at.problem("\"" + text + "\" is not a valid URL");
      return Optional.empty();
    }
  }
}
