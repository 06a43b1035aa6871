package dev.meridian.proxy;

import dev.meridian.config.EndpointConfig;
import dev.meridian.config.GatewayConfig;
import dev.meridian.provider.ProviderAdapter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The upstream clients of one event loop, one per endpoint. */
public final class Upstreams {

  private final Map<String, Upstream> byEndpoint;

  public Upstreams(Vertx vertx, GatewayConfig config) {
    Map<String, Upstream> m = new HashMap<>();
    for (EndpointConfig e : config.endpoints()) {
      ProviderAdapter adapter = ProviderAdapter.forProvider(config.providers().get(e.provider()));
      m.put(e.id(), new Upstream(vertx, e, adapter, config.upstream()));
    }
    this.byEndpoint = Map.copyOf(m);
  }

  Upstream get(String endpointId) {
    Upstream u = byEndpoint.get(endpointId);
    if (u == null) {
      throw new IllegalStateException("no client for endpoint " + endpointId);
    }
    return u;
  }

  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    byEndpoint.values().forEach(u -> closing.add(u.client().close()));
    return Future.all(closing).mapEmpty();
  }
}
