package dev.meridian.error;

/**
 * The one failure a client may see: an HTTP status, an OpenAI error type, a code, the offending
 * parameter and a message that is safe to show. Made through the static factories only.
 */
public final class GatewayException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final ErrorType type;
  private final String code;
  private final String param;
  private final long retryAfterSeconds;

  private GatewayException(
      int status, ErrorType type, String code, String param, String message, long retryAfter) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
    this.retryAfterSeconds = retryAfter;
  }

  public static GatewayException of(
      int status, ErrorType type, String code, String param, String message) {
    return new GatewayException(status, type, code, param, message, -1);
  }

  public static GatewayException invalidRequest(String param, String message) {
    return of(400, ErrorType.INVALID_REQUEST, "invalid_request", param, message);
  }

  public static GatewayException invalidJson(String message) {
    return of(400, ErrorType.INVALID_REQUEST, "invalid_json", null, message);
  }

  public static GatewayException missingKey() {
    return of(
        401,
        ErrorType.INVALID_REQUEST,
        "missing_api_key",
        null,
        "You didn't provide an API key. Send it as 'Authorization: Bearer <key>'.");
  }

  public static GatewayException invalidKey() {
    return of(
        401, ErrorType.INVALID_REQUEST, "invalid_api_key", null, "Incorrect API key provided.");
  }

  public static GatewayException modelNotAllowed(String model) {
    return of(
        403,
        ErrorType.PERMISSION,
        "model_not_allowed",
        "model",
        "This key may not use the model '" + model + "'.");
  }

  public static GatewayException modelNotFound(String model) {
    return of(
        404,
        ErrorType.INVALID_REQUEST,
        "model_not_found",
        "model",
        "The model '" + model + "' does not exist or you do not have access to it.");
  }

  public static GatewayException unknownPath(String method, String path) {
    return of(
        404,
        ErrorType.INVALID_REQUEST,
        "unknown_url",
        null,
        "Unknown request URL: " + method + " " + path + ".");
  }

  public static GatewayException methodNotAllowed(String method, String path, String allowed) {
    return of(
        405,
        ErrorType.INVALID_REQUEST,
        "method_not_allowed",
        null,
        "Method " + method + " is not allowed on " + path + " (allowed: " + allowed + ").");
  }

  public static GatewayException bodyTooLarge(long limit) {
    return of(
        413,
        ErrorType.INVALID_REQUEST,
        "request_too_large",
        null,
        "The request body is larger than the limit of " + limit + " bytes.");
  }

  public static GatewayException unsupportedMediaType(String contentType) {
    return of(
        415,
        ErrorType.INVALID_REQUEST,
        "unsupported_media_type",
        null,
        "Unsupported Content-Type '"
            + (contentType == null ? "" : contentType)
            + "' (expected: application/json).");
  }

  /** A request the HTTP decoder could not read: a bad request line, or one too long. */
  public static GatewayException malformedHttp(int status, String what) {
    return of(status, ErrorType.INVALID_REQUEST, "malformed_http_request", null, what);
  }

  public static GatewayException upstreamUnreachable(String model) {
    return of(
        502,
        ErrorType.UPSTREAM,
        "upstream_unreachable",
        null,
        "No provider endpoint for '" + model + "' could be reached.");
  }

  public static GatewayException badUpstream(String what) {
    return of(502, ErrorType.UPSTREAM, "bad_upstream_response", null, what);
  }

  public static GatewayException upstreamUnavailable(String what, long retryAfterSeconds) {
    return new GatewayException(
        503, ErrorType.SERVICE_UNAVAILABLE, "upstream_unavailable", null, what, retryAfterSeconds);
  }

  public static GatewayException upstreamTimeout(String what) {
    return of(504, ErrorType.TIMEOUT, "upstream_timeout", null, what);
  }

  public static GatewayException upstreamRateLimited(String message, long retryAfterSeconds) {
    return new GatewayException(
        429, ErrorType.RATE_LIMIT, "rate_limit_exceeded", null, message, retryAfterSeconds);
  }

  public static GatewayException internal() {
    return of(500, ErrorType.SERVER, "internal_error", null, "Meridian hit an internal error.");
  }

  public int status() {
    return status;
  }

  public ErrorType type() {
    return type;
  }

  public String code() {
    return code;
  }

  public String param() {
    return param;
  }

  /** Seconds a client should wait before retrying, or -1 when there is no advice. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
