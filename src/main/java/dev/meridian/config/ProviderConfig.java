package dev.meridian.config;

/** An API vendor's protocol and the credentials Meridian uses with it. */
public record ProviderConfig(String name, ProviderType type, String apiKey) {

  @Override
  public String toString() {
    return "ProviderConfig[name=" + name + ", type=" + type.configName() + ", api-key=***]";
  }
}
