package dev.meridian.error;

/** The OpenAI error {@code type} values Meridian answers with. */
public enum ErrorType {
  INVALID_REQUEST("invalid_request_error"),
  AUTHENTICATION("authentication_error"),
  PERMISSION("permission_error"),
  NOT_FOUND("not_found_error"),
  RATE_LIMIT("rate_limit_error"),
  UPSTREAM("upstream_error"),
  TIMEOUT("timeout_error"),
  SERVICE_UNAVAILABLE("service_unavailable_error"),
  SERVER("server_error");

  private final String wireName;

  ErrorType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
