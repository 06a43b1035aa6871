package dev.meridian.proxy;

import dev.meridian.api.openai.Operation;
import dev.meridian.config.EndpointConfig;
import dev.meridian.config.UpstreamConfig;
import dev.meridian.provider.ProviderAdapter;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/** One endpoint as the proxy sees it: its adapter and a pooled keep-alive HTTP client. */
final class Upstream {

  private final EndpointConfig endpoint;
  private final ProviderAdapter adapter;
  private final HttpClientAgent client;
  private final RequestOptions[] requestOptions;

  Upstream(Vertx vertx, EndpointConfig endpoint, ProviderAdapter adapter, UpstreamConfig config) {
    this.endpoint = endpoint;
    this.adapter = adapter;
    HttpClientOptions options =
        new HttpClientOptions()
            .setDefaultHost(endpoint.url().getHost())
            .setDefaultPort(endpoint.port())
            .setSsl(endpoint.tls())
            .setKeepAlive(true)
            .setKeepAliveTimeout(30)
            .setTcpNoDelay(true)
            .setConnectTimeout(
                (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
            .setDecompressionSupported(false);
    this.client =
        vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(config.maxConnections()));
    this.requestOptions = new RequestOptions[Operation.values().length];
    for (Operation op : Operation.values()) {
      requestOptions[op.ordinal()] =
          new RequestOptions()
              .setMethod(HttpMethod.POST)
              .setURI(endpoint.basePath() + adapter.path(op));
    }
  }

  /**
   * The request line for {@code op}; shared and never modified. No acquisition timeout is set here:
   * the exchange's own connect deadline covers waiting for a pooled connection as well.
   */
  RequestOptions requestOptions(Operation op) {
    return requestOptions[op.ordinal()];
  }

  EndpointConfig endpoint() {
    return endpoint;
  }

  ProviderAdapter adapter() {
    return adapter;
  }

  HttpClientAgent client() {
    return client;
  }
}
