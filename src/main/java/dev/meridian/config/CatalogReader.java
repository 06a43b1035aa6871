package dev.meridian.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the catalog sections of a configuration: providers, endpoints, models and keys. */
final class CatalogReader {

  private CatalogReader() {}

  static Map<String, ProviderConfig> readProviders(ConfigNode n) {
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

  static List<EndpointConfig> readEndpoints(
      ConfigNode n, Map<String, ProviderConfig> providers, Set<String> knownRegions) {
    List<EndpointConfig> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (ConfigNode e : n.items()) {
      if (!e.expectObject()) {
        continue;
      }
      e.rejectUnknown(Set.of("id", "provider", "region", "url", "weight"));
      Optional<String> id =
          e.get("id").requiredUnique(ids, i -> "duplicate endpoint id \"" + i + "\"");
      Optional<String> provider = e.get("provider").requiredString();
      provider
          .filter(p -> !providers.containsKey(p))
          .ifPresent(
              p ->
                  e.get("provider")
                      .problem("unknown provider \"" + p + "\" (not defined under providers)"));
      Optional<String> region = e.get("region").requiredString();
      boolean regionOk =
          region.map(r -> Regions.check(e.get("region"), r, knownRegions)).orElse(false);
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

  static Map<String, ModelConfig> readModels(
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

  static List<StaticKey> readKeys(ConfigNode n, Set<String> models) {
    List<StaticKey> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> secrets = new HashSet<>();
    for (ConfigNode k : n.items()) {
      if (!k.expectObject()) {
        continue;
      }
      k.rejectUnknown(Set.of("name", "key", "models"));
      Optional<String> name =
          k.get("name").requiredUnique(names, x -> "duplicate key name \"" + x + "\"");
      Optional<String> secret =
          k.get("key").requiredUnique(secrets, x -> "the same key is configured twice");
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
