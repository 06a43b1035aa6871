package dev.meridian.common;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints durations written as {@code 250ms}, {@code 2s}, {@code 1m} or {@code 1h}. */
public final class Durations {

  private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private Durations() {}

  /**
   * Parses {@code text}; a bare number is read as milliseconds.
   *
   * @throws IllegalArgumentException with a message fit for a configuration error
   */
  public static Duration parse(String text) {
    try {
      return parseChecked(text);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("duration \"" + text + "\" is too large", e);
    }
  }

  private static Duration parseChecked(String text) {
    String trimmed = text.trim();
    if (trimmed.chars().allMatch(Character::isDigit) && !trimmed.isEmpty()) {
      return Duration.ofMillis(Long.parseLong(trimmed));
    }
    Matcher m = FORMAT.matcher(trimmed);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "invalid duration \"" + text + "\" (expected: a number with ms, s, m or h, e.g. 250ms)");
    }
    long amount = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "ms":
        return Duration.ofMillis(amount);
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
        return Duration.ofMinutes(amount);
      default:
        return Duration.ofHours(amount);
    }
  }

  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0 && ms > 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
