package dev.meridian.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EnvSubstitutionTest {

  private static final Map<String, String> VARS =
      Map.of("HOST", "api.example", "PORT", "8443", "EMPTY", "", "_UNDER_1", "u");
  private static final Function<String, String> ENV = VARS::get;

  @Test
  void returnsTextWithoutDollarUnchanged() {
    String text = "plain text {with} braces";

    assertThat(EnvSubstitution.expand(text, ENV)).isSameAs(text);
  }

  @Test
  void expandsVariableWithTextAround() {
    assertThat(EnvSubstitution.expand("https://${HOST}:${PORT}/v1", ENV))
        .isEqualTo("https://api.example:8443/v1");
  }

  @Test
  void expandsAdjacentVariables() {
    assertThat(EnvSubstitution.expand("${HOST}${PORT}", ENV)).isEqualTo("api.example8443");
  }

  @Test
  void acceptsUnderscoresAndDigitsInNames() {
    assertThat(EnvSubstitution.expand("${_UNDER_1}", ENV)).isEqualTo("u");
  }

  @Test
  void usesDefaultWhenVariableIsUnset() {
    assertThat(EnvSubstitution.expand("${MISSING:-fallback}", ENV)).isEqualTo("fallback");
  }

  @Test
  void usesDefaultWhenVariableIsEmpty() {
    assertThat(EnvSubstitution.expand("${EMPTY:-fallback}", ENV)).isEqualTo("fallback");
  }

  @Test
  void prefersTheVariableOverTheDefault() {
    assertThat(EnvSubstitution.expand("${HOST:-other}", ENV)).isEqualTo("api.example");
  }

  @Test
  void allowsAnEmptyDefault() {
    assertThat(EnvSubstitution.expand("a${MISSING:-}b", ENV)).isEqualTo("ab");
  }

  @Test
  void keepsDefaultTextVerbatimIncludingColonsAndDashes() {
    assertThat(EnvSubstitution.expand("${MISSING:-http://x:80/a-b}", ENV))
        .isEqualTo("http://x:80/a-b");
  }

  @Test
  void doubledDollarIsALiteralDollar() {
    assertThat(EnvSubstitution.expand("cost: $$5 and $${HOST}", ENV))
        .isEqualTo("cost: $5 and ${HOST}");
  }

  @Test
  void loneDollarIsKept() {
    assertThat(EnvSubstitution.expand("$HOST costs 5$", ENV)).isEqualTo("$HOST costs 5$");
  }

  @Test
  void doesNotExpandVariablesInsideValues() {
    Function<String, String> env = Map.of("A", "${B}", "B", "secret")::get;

    assertThat(EnvSubstitution.expand("${A}", env)).isEqualTo("${B}");
  }

  @Test
  void rejectsUnsetVariableNamingIt() {
    assertThatThrownBy(() -> EnvSubstitution.expand("key-${MISSING}", ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("environment variable MISSING is not set");
  }

  @Test
  void rejectsEmptyVariableWithoutDefault() {
    assertThatThrownBy(() -> EnvSubstitution.expand("${EMPTY}", ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("environment variable EMPTY is not set");
  }

  @Test
  void rejectsUnclosedBrace() {
    assertThatThrownBy(() -> EnvSubstitution.expand("x-${HOST", ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unclosed \"${\" in \"x-${HOST\"");
  }

  @Test
  void rejectsDollarBraceAtTheEnd() {
    assertThatThrownBy(() -> EnvSubstitution.expand("x-${", ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unclosed \"${\"");
  }

  @Test
  void rejectsEmptyVariableName() {
    assertThatThrownBy(() -> EnvSubstitution.expand("${}", ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid variable name \"\" in ${...}");
  }

  @Test
  void rejectsNameStartingWithADigit() {
    assertThatThrownBy(() -> EnvSubstitution.expand("${1HOST}", ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid variable name \"1HOST\" in ${...}");
  }

  @Test
  void rejectsNameWithPunctuation() {
    assertThatThrownBy(() -> EnvSubstitution.expand("${MY-VAR:-x}", ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid variable name \"MY-VAR\" in ${...}");
  }

  @Test
  void rejectsBashStyleDefaultWithoutDash() {
    assertThatThrownBy(() -> EnvSubstitution.expand("${HOST:x}", ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid variable name \"HOST:x\" in ${...}");
  }
}
