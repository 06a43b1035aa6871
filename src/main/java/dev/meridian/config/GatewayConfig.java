package dev.meridian.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A whole, validated configuration: an immutable snapshot. */
public record GatewayConfig(
    ServerConfig server,
    UpstreamConfig upstream,
    Map<String, ProviderConfig> providers,
    List<EndpointConfig> endpoints,
    Map<String, ModelConfig> models,
    List<StaticKey> keys,
    Map<String, Map<String, Integer>> regions) {

  public GatewayConfig {
    providers = Map.copyOf(providers);
    endpoints = List.copyOf(endpoints);
    models = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(models));
    keys = List.copyOf(keys);
    regions = Map.copyOf(regions);
  }

  public Optional<EndpointConfig> endpoint(String id) {
    return endpoints.stream().filter(e -> e.id().equals(id)).findFirst();
  }
}
