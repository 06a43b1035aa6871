package dev.meridian.provider.openai;

import dev.meridian.api.openai.Operation;
import dev.meridian.api.openai.RequestHead;
import dev.meridian.config.ProviderConfig;
import dev.meridian.error.GatewayException;
import dev.meridian.provider.ProviderAdapter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * The identity path for OpenAI and OpenAI-compatible providers: the client's bytes go through with
 * only the model name rewritten.
 */
public final class OpenAiAdapter implements ProviderAdapter {

  private final String authorization;

  public OpenAiAdapter(ProviderConfig provider) {
    this.authorization = provider.apiKey().isEmpty() ? null : "Bearer " + provider.apiKey();
  }

  @Override
  public String path(Operation operation) {
    return operation.path();
  }

  @Override
  public void authenticate(MultiMap headers) {
    if (authorization != null) {
      headers.set("authorization", authorization);
    }
  }

  @Override
  public Buffer body(RequestHead head, Buffer inbound, String upstreamModel) {
    if (upstreamModel.equals(head.model())) {
      return inbound;
    }
    byte[] quoted = quote(upstreamModel);
    Buffer out = Buffer.buffer(inbound.length() + quoted.length);
    out.appendBuffer(inbound, 0, head.modelStart());
    out.appendBytes(quoted);
    out.appendBuffer(inbound, head.modelEnd(), inbound.length() - head.modelEnd());
    return out;
  }

  @Override
  public GatewayException error(int status, MultiMap headers, Buffer body) {
    return OpenAiErrors.map(status, headers, body);
  }

  private static byte[] quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString().getBytes(StandardCharsets.UTF_8);
  }
}
