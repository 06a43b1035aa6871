package dev.meridian.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.error.ErrorType;
import dev.meridian.error.GatewayException;
import dev.meridian.error.Redaction;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * Maps an OpenAI-compatible provider's error answer to the error a Meridian client sees. Each rule
 * says why: the client's own mistakes keep their status and a cleaned message; the provider's
 * trouble becomes 502/503/504 and never shows the provider's body.
 */
final class OpenAiErrors {

  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenAiErrors() {}

  static GatewayException map(int status, MultiMap headers, Buffer body) {
    switch (status) {
      case 400:
      case 422:
        // The request itself was refused (bad parameter, context too long): the client can fix
        // it, so keep the status and the provider's reason, cleaned.
        return clientError(status, body);
      case 413:
        return GatewayException.of(
            413,
            ErrorType.INVALID_REQUEST,
            "request_too_large",
            null,
            "The provider refused the request as too large.");
      case 401:
      case 403:
        // The client's key was fine (Meridian checked it); the provider refused Meridian's own
        // credentials. That is the gateway's trouble, not the client's.
        return GatewayException.badUpstream("The provider rejected the gateway's credentials.");
      case 404:
        return GatewayException.badUpstream(
            "The provider does not know the configured upstream model or path.");
      case 408:
      case 504:
        return GatewayException.upstreamTimeout("The provider timed out.");
      case 429:
        return GatewayException.upstreamRateLimited(
            "The provider is rate limiting requests; retry later.", retryAfter(headers));
      case 503:
      case 529:
        return GatewayException.upstreamUnavailable(
            "The provider is overloaded or unavailable.", retryAfter(headers));
      default:
        return GatewayException.badUpstream(
            "The provider answered with an error (HTTP " + status + ").");
    }
  }

  private static GatewayException clientError(int status, Buffer body) {
    String message = "The provider rejected the request.";
    String param = null;
    String code = "invalid_request";
    JsonNode error = parseError(body);
    if (error != null) {
      message = text(error.get("message"), message);
      param = text(error.get("param"), null);
      code = text(error.get("code"), code);
    }
    return GatewayException.of(
        status,
        ErrorType.INVALID_REQUEST,
        Redaction.clean(code),
        Redaction.clean(param),
        Redaction.clean(message));
  }

  private static JsonNode parseError(Buffer body) {
    if (body == null || body.length() == 0 || body.getByte(0) != '{') {
      return null;
    }
    try {
      JsonNode root = JSON.readTree(body.getBytes());
      JsonNode error = root == null ? null : root.get("error");
      return error != null && error.isObject() ? error : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String text(JsonNode n, String fallback) {
    return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : fallback;
  }

  private static long retryAfter(MultiMap headers) {
    String v = headers.get("retry-after");
    if (v == null) {
      return -1;
    }
    try {
      long seconds = Long.parseLong(v.trim());
      return seconds >= 0 && seconds <= 3600 ? seconds : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
