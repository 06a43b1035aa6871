package dev.meridian.routing;

import dev.meridian.config.EndpointConfig;
import dev.meridian.config.GatewayConfig;
import dev.meridian.config.ModelConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An immutable snapshot of which endpoints serve each model, in the order they are tried. */
public final class RouteTable {

  /** A model and the endpoints that serve it, in order. */
  public record ModelRoute(ModelConfig model, List<EndpointConfig> endpoints) {
    public ModelRoute {
      endpoints = List.copyOf(endpoints);
    }
  }

  private final Map<String, ModelRoute> routes;

  private RouteTable(Map<String, ModelRoute> routes) {
    this.routes = routes;
  }

  public static RouteTable of(GatewayConfig config) {
    Map<String, ModelRoute> m = new HashMap<>();
    for (ModelConfig model : config.models().values()) {
      List<EndpointConfig> eps = new ArrayList<>();
      model.endpoints().forEach(id -> config.endpoint(id).ifPresent(eps::add));
      m.put(model.name(), new ModelRoute(model, eps));
    }
    return new RouteTable(Map.copyOf(m));
  }

  public Optional<ModelRoute> route(String model) {
    return Optional.ofNullable(routes.get(model));
  }
}
