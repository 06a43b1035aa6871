package dev.meridian.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.error.GatewayException;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class OpenAiErrorsParamTest {

  @Test
  void clientErrorRedactsTheParam() {
    Buffer body =
        Buffer.buffer(
            "{\"error\":{\"message\":\"bad\",\"param\":\"sk-live-abcdef123456 at 10.0.0.7:8443\","
                + "\"code\":null}}");

    GatewayException e = OpenAiErrors.map(400, MultiMap.caseInsensitiveMultiMap(), body);

    assertThat(e.param()).doesNotContain("sk-live-abcdef123456").doesNotContain("10.0.0.7");
  }
}
