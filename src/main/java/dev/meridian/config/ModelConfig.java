package dev.meridian.config;

import java.util.List;

/**
 * A model name clients send, the provider's own name for it, where it runs and what it costs.
 *
 * @param maxOutputTokens 0 when not limited
 */
public record ModelConfig(
    String name, String upstreamModel, List<String> endpoints, Price price, int maxOutputTokens) {

  public ModelConfig {
    endpoints = List.copyOf(endpoints);
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("endpoints: empty (expected: at least one endpoint id)");
    }
  }
}
