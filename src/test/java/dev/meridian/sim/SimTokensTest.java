package dev.meridian.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimTokensTest {

  @Test
  void splitsWordsWithTheirLeadingWhitespace() {
    assertThat(SimTokens.split("Hello there  world")).containsExactly("Hello", " there", "  world");
  }

  @Test
  void countsEachPunctuationMarkAsAToken() {
    assertThat(SimTokens.split("Hi, you!?")).containsExactly("Hi", ",", " you", "!", "?");
    assertThat(SimTokens.count("Hi, you!?")).isEqualTo(5);
  }

  @Test
  void emptyOrNullTextHasNoTokens() {
    assertThat(SimTokens.count("")).isZero();
    assertThat(SimTokens.count(null)).isZero();
    assertThat(SimTokens.split("")).isEmpty();
  }

  @Test
  void whitespaceAloneHasNoTokens() {
    assertThat(SimTokens.count(" \n\t ")).isZero();
    assertThat(SimTokens.split(" \n\t ")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Hello, world!",
        "  leading space and trailing space   ",
        "multi\nline\n\ttext with 42 numbers and snake_case_words.",
        "Unicode: héllo 世界 🌍 — done…",
        "a",
        "(x+y)*z == 3.14;"
      })
  void countEqualsSplitSizeAndJoinedSplitGivesTheTextBack(String text) {
    List<String> tokens = SimTokens.split(text);

    assertThat(SimTokens.count(text)).isEqualTo(tokens.size());
    assertThat(String.join("", tokens)).isEqualTo(text.stripTrailing());
  }

  @Test
  void everyTokenIsNonBlank() {
    assertThat(SimTokens.split("The quick, brown fox."))
        .allSatisfy(t -> assertThat(t).isNotBlank());
  }
}
