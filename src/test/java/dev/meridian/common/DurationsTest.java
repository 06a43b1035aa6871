package dev.meridian.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "250ms, PT0.25S",
    "2s, PT2S",
    "1m, PT1M",
    "3h, PT3H",
    "0ms, PT0S",
    "1500, PT1.5S",
    "'  7s ', PT7S",
    "10 ms, PT0.01S",
    "90m, PT1H30M"
  })
  void parsesEachUnit(String text, Duration expected) {
    assertThat(Durations.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"5 parsecs", "", "  ", "1.5s", "-2s", "2S", "2 seconds", "ms", "1d"})
  void rejectsOtherFormsWithAHelpfulMessage(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid duration \""
                + text
                + "\" (expected: a number with ms, s, m or h, e.g. 250ms)");
  }

  @ParameterizedTest
  @CsvSource({"PT0.25S, 250ms", "PT2S, 2s", "PT5M, 5m", "PT2H, 2h", "PT1M30S, 90s", "PT0S, 0ms"})
  void formatsWithTheLargestExactUnit(Duration d, String expected) {
    assertThat(Durations.format(d)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1ms", "250ms", "1s", "61s", "59m", "25h"})
  void formatThenParseGivesTheSameDuration(String text) {
    Duration d = Durations.parse(text);

    assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
  }

  @ParameterizedTest
  @ValueSource(strings = {"9999999999999999h", "99999999999999999999ms", "99999999999999999999"})
  void rejectsDurationTooLargeToRepresentNamingTheText(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + text + "\"")
        .hasMessageNotContaining("For input string");
  }
}
