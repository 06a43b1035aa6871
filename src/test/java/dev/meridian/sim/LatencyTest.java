package dev.meridian.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LatencyTest {

  @Test
  void parsesFixed() {
    assertThat(Latency.parse("40")).isEqualTo(Latency.fixed(40));
    assertThat(Latency.parse(" 0 ")).isEqualTo(Latency.ZERO);
  }

  @Test
  void parsesUniform() {
    assertThat(Latency.parse("20-80")).isEqualTo(Latency.uniform(20, 80));
    assertThat(Latency.parse("20 - 80")).isEqualTo(Latency.uniform(20, 80));
  }

  @Test
  void parsesExponential() {
    assertThat(Latency.parse("exp:30")).isEqualTo(Latency.exponential(30));
  }

  @ParameterizedTest
  @ValueSource(strings = {"fast", "", "exp:", "exp:x", "20-", "1.5", "20-80-90", "40ms"})
  void rejectsOtherFormsNamingTheExpectedOnes(String text) {
    assertThatThrownBy(() -> Latency.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("latency: \"" + text + "\" (expected: 40, 20-80 or exp:30)");
  }

  @Test
  void rejectsNegativeValues() {
    assertThatThrownBy(() -> Latency.parse("-5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
  }

  @Test
  void rejectsUniformWithLowAboveHigh() {
    assertThatThrownBy(() -> Latency.parse("80-20"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected: low <= high");
  }

  @Test
  void fixedAlwaysSamplesItsValue() {
    Random random = new Random(7);

    for (int i = 0; i < 100; i++) {
      assertThat(Latency.fixed(40).sample(random)).isEqualTo(40);
    }
  }

  @Test
  void uniformSamplesStayWithinBoundsAndCoverThem() {
    Latency latency = Latency.uniform(20, 80);
    Random random = new Random(42);
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;

    for (int i = 0; i < 10_000; i++) {
      long s = latency.sample(random);
      assertThat(s).isBetween(20L, 80L);
      min = Math.min(min, s);
      max = Math.max(max, s);
    }

    assertThat(min).isLessThanOrEqualTo(21);
    assertThat(max).isGreaterThanOrEqualTo(79);
  }

  @Test
  void uniformWithEqualBoundsIsConstant() {
    assertThat(Latency.uniform(5, 5).sample(new Random(1))).isEqualTo(5);
  }

  @Test
  void exponentialSamplesHaveRoughlyTheConfiguredMean() {
    Latency latency = Latency.exponential(30);
    Random random = new Random(12345);
    long sum = 0;

    for (int i = 0; i < 10_000; i++) {
      long s = latency.sample(random);
      assertThat(s).isNotNegative();
      sum += s;
    }

    assertThat(sum / 10_000.0).isBetween(27.0, 33.0);
  }

  @Test
  void zeroNeverDelays() {
    assertThat(Latency.ZERO.sample(new Random(3))).isZero();
  }
}
