package dev.meridian.config;

import java.util.Arrays;
import java.util.Optional;

/** The wire protocol a provider speaks. */
public enum ProviderType {
  /** OpenAI itself and every OpenAI-compatible API (DeepSeek, vLLM, ...). */
  OPENAI("openai");

  private final String configName;

  ProviderType(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  static Optional<ProviderType> fromConfigName(String name) {
    return Arrays.stream(values()).filter(t -> t.configName.equals(name)).findFirst();
  }
}
