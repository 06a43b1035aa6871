package dev.meridian.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meridian.config.StaticKey;
import dev.meridian.error.ErrorType;
import dev.meridian.error.GatewayException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyRingTest {

  private static final StaticKey APP = new StaticKey("app", "mk-app-0123456789", Set.of("gpt-4.1"));
  private static final StaticKey ANY = new StaticKey("any", "mk-any-9876543210", Set.of());

  private final KeyRing ring = new KeyRing(List.of(APP, ANY));

  private GatewayException refused(String authorization) {
    GatewayException e =
        catchThrowableOfType(GatewayException.class, () -> ring.authenticate(authorization));
    assertThat(e).as("expected a refusal for %s", authorization).isNotNull();
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
    return e;
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   "})
  void refusesAMissingHeader(String authorization) {
    assertThat(refused(authorization).code()).isEqualTo("missing_api_key");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Basic bWstYXBwLTAxMjM0NTY3ODk=",
        "mk-app-0123456789",
        "Token mk-app-0123456789",
        "Bearer",
        "Bearermk-app-0123456789"
      })
  void refusesAHeaderThatIsNotBearer(String authorization) {
    assertThat(refused(authorization).code()).isEqualTo("missing_api_key");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer mk-app-wrong",
        "Bearer MK-APP-0123456789",
        "Bearer mk-app-012345678",
        "Bearer ",
        "Bearer  "
      })
  void refusesAnUnknownKey(String authorization) {
    GatewayException e = refused(authorization);

    assertThat(e.code()).isEqualTo("invalid_api_key");
    assertThat(e.getMessage()).doesNotContain("mk-app");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer mk-app-0123456789",
        "bearer mk-app-0123456789",
        "BEARER mk-app-0123456789",
        "Bearer mk-app-0123456789  "
      })
  void findsTheKeyWhateverTheSchemeCase(String authorization) {
    assertThat(ring.authenticate(authorization)).isSameAs(APP);
  }

  @Test
  void findsEachConfiguredKey() {
    assertThat(ring.authenticate("Bearer mk-any-9876543210")).isSameAs(ANY);
  }

  @Test
  void anEmptyRingRefusesEveryKey() {
    KeyRing empty = new KeyRing(List.of());

    GatewayException e =
        catchThrowableOfType(
            GatewayException.class, () -> empty.authenticate("Bearer mk-app-0123456789"));

    assertThat(e.code()).isEqualTo("invalid_api_key");
  }

  @Test
  void keyWithoutModelsAllowsEveryModel() {
    assertThat(ANY.allows("gpt-4.1")).isTrue();
    assertThat(ANY.allows("anything-else")).isTrue();
  }

  @Test
  void keyWithModelsAllowsOnlyThose() {
    assertThat(APP.allows("gpt-4.1")).isTrue();
    assertThat(APP.allows("gpt-4.1-mini")).isFalse();
  }
}
