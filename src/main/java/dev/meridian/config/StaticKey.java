package dev.meridian.config;

import java.util.Set;

/**
 * A key written in the configuration file (for bootstrap and CI).
 *
 * @param models the models this key may use; empty means every configured model
 */
public record StaticKey(String name, String key, Set<String> models) {

  public StaticKey {
    models = Set.copyOf(models);
  }

  public boolean allows(String model) {
    return models.isEmpty() || models.contains(model);
  }

  @Override
  public String toString() {
    return "StaticKey[name=" + name + ", key=***, models=" + models + "]";
  }
}
