package dev.meridian.config;

import java.math.BigDecimal;

/** USD per million tokens. {@code cachedInput} defaults to {@code input} when not configured. */
public record Price(BigDecimal input, BigDecimal cachedInput, BigDecimal output) {

  public static final Price FREE = new Price(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

  public Price {
    requireNonNegative("input", input);
    requireNonNegative("cached-input", cachedInput);
    requireNonNegative("output", output);
  }

  private static void requireNonNegative(String name, BigDecimal v) {
    if (v.signum() < 0) {
      throw new IllegalArgumentException(name + ": " + v.toPlainString() + " (expected: >= 0)");
    }
  }
}
