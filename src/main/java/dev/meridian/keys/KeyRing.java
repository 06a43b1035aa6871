package dev.meridian.keys;

import dev.meridian.config.StaticKey;
import dev.meridian.error.GatewayException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The static keys from the configuration, looked up by the secret a client presents. */
public final class KeyRing {

  private final Map<String, StaticKey> bySecret;

  public KeyRing(List<StaticKey> keys) {
    Map<String, StaticKey> m = new HashMap<>();
    keys.forEach(k -> m.put(k.key(), k));
    this.bySecret = Map.copyOf(m);
  }

  /**
   * The key named by an {@code Authorization} header value.
   *
   * @throws GatewayException 401 when the header is missing, malformed or names no key
   */
  public StaticKey authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw GatewayException.missingKey();
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw GatewayException.missingKey();
    }
    StaticKey key = bySecret.get(authorization.substring(7).trim());
    if (key == null) {
      throw GatewayException.invalidKey();
    }
    return key;
  }
}
