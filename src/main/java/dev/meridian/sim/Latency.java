package dev.meridian.sim;

import java.util.Random;

/**
 * A delay in milliseconds, fixed or drawn from a distribution. Written as {@code 40} (fixed),
 * {@code 20-80} (uniform) or {@code exp:30} (exponential with that mean).
 */
public record Latency(Kind kind, double a, double b) {

  /** The shape of the distribution. */
  public enum Kind {
    FIXED,
    UNIFORM,
    EXPONENTIAL
  }

  public static final Latency ZERO = fixed(0);

  public Latency {
    if (a < 0 || b < 0) {
      throw new IllegalArgumentException("latency: negative value (expected: >= 0)");
    }
    if (kind == Kind.UNIFORM && b < a) {
      throw new IllegalArgumentException("latency: " + a + "-" + b + " (expected: low <= high)");
    }
  }

  public static Latency fixed(long millis) {
    return new Latency(Kind.FIXED, millis, millis);
  }

  public static Latency uniform(long lowMillis, long highMillis) {
    return new Latency(Kind.UNIFORM, lowMillis, highMillis);
  }

  public static Latency exponential(long meanMillis) {
    return new Latency(Kind.EXPONENTIAL, meanMillis, meanMillis);
  }

  /**
   * @throws IllegalArgumentException when {@code text} is none of the three forms
   */
  public static Latency parse(String text) {
    String t = text.trim();
    try {
      if (t.startsWith("exp:")) {
        return exponential(Long.parseLong(t.substring(4).trim()));
      }
      int dash = t.indexOf('-', 1);
      if (dash > 0) {
        return uniform(
            Long.parseLong(t.substring(0, dash).trim()),
            Long.parseLong(t.substring(dash + 1).trim()));
      }
      return fixed(Long.parseLong(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "latency: \"" + text + "\" (expected: 40, 20-80 or exp:30)", e);
    }
  }

  public long sample(Random random) {
    switch (kind) {
      case UNIFORM:
        return Math.round(a + random.nextDouble() * (b - a));
      case EXPONENTIAL:
        return Math.round(-a * Math.log(1 - random.nextDouble()));
      default:
        return Math.round(a);
    }
  }
}
