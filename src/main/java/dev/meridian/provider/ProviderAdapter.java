package dev.meridian.provider;

import dev.meridian.api.openai.Operation;
import dev.meridian.api.openai.RequestHead;
import dev.meridian.config.ProviderConfig;
import dev.meridian.error.GatewayException;
import dev.meridian.provider.openai.OpenAiAdapter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** How one provider type turns an inbound OpenAI request into its own, and its errors into ours. */
public interface ProviderAdapter {

  static ProviderAdapter forProvider(ProviderConfig provider) {
    switch (provider.type()) {
      case OPENAI:
        return new OpenAiAdapter(provider);
      default:
        throw new IllegalArgumentException("no adapter for " + provider.type());
    }
  }

  /** The request path below the endpoint's base URL. */
  String path(Operation operation);

  /** Adds the provider's credentials and protocol headers. */
  void authenticate(MultiMap headers);

  /** The body to send upstream. */
  Buffer body(RequestHead head, Buffer inbound, String upstreamModel);

  /**
   * Maps a non-2xx upstream answer to the error a client sees; the upstream body is read, never
   * passed through.
   */
  GatewayException error(int status, MultiMap headers, Buffer body);
}
