package dev.meridian.common;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsLimitsTest {

  @ParameterizedTest
  @ValueSource(strings = {"9999999999999999h", "99999999999999999999ms", "99999999999999999999"})
  void rejectsDurationTooLargeToRepresentNamingTheText(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + text + "\"")
        .hasMessageNotContaining("For input string");
  }
}
