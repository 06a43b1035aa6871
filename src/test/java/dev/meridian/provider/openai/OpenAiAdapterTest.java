package dev.meridian.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.api.openai.Operation;
import dev.meridian.api.openai.RequestHead;
import dev.meridian.config.ProviderConfig;
import dev.meridian.config.ProviderType;
import dev.meridian.provider.ProviderAdapter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OpenAiAdapterTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OpenAiAdapter adapter =
      new OpenAiAdapter(new ProviderConfig("openai", ProviderType.OPENAI, "sk-provider-123456"));

  /** A head for {@code body} whose model value is the first {@code "model":"..."} in it. */
  private static RequestHead head(String body, String model) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    byte[] marker = ("\"" + model + "\"").getBytes(StandardCharsets.UTF_8);
    int start = indexOf(bytes, marker, indexOf(bytes, "\"model\"".getBytes(), 0) + 7);
    return new RequestHead(
        Operation.CHAT_COMPLETIONS, model, false, false, start, start + marker.length);
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  @Test
  void rewritesOnlyTheModelValue() {
    String body =
        "{\n  \"messages\" : [ {\"role\":\"user\",\"content\":\"héllo 世界\"} ],\n"
            + "  \"model\":   \"gpt-4.1\" ,\t\"temperature\":0.20, \"stream\":false }";

    Buffer out = adapter.body(head(body, "gpt-4.1"), Buffer.buffer(body), "gpt-4.1-2025-04-14");

    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(body.replace("\"gpt-4.1\"", "\"gpt-4.1-2025-04-14\""));
  }

  @Test
  void rewritesAModelThatComesFirst() {
    String body = "{\"model\":\"m\",\"messages\":[]}";

    Buffer out = adapter.body(head(body, "m"), Buffer.buffer(body), "upstream-m");

    assertThat(out.toString()).isEqualTo("{\"model\":\"upstream-m\",\"messages\":[]}");
  }

  @Test
  void rewritesToAShorterName() {
    String body = "{\"messages\":[],\"model\":\"a-very-long-model-name\"}";

    Buffer out = adapter.body(head(body, "a-very-long-model-name"), Buffer.buffer(body), "x");

    assertThat(out.toString()).isEqualTo("{\"messages\":[],\"model\":\"x\"}");
  }

  @Test
  void returnsTheSameBufferWhenTheModelIsUnchanged() {
    String body = "{\"model\":\"gpt-4.1\",\"messages\":[]}";
    Buffer inbound = Buffer.buffer(body);

    Buffer out = adapter.body(head(body, "gpt-4.1"), inbound, "gpt-4.1");

    assertThat(out).isSameAs(inbound);
  }

  @Test
  void escapesAModelNameThatNeedsIt() throws Exception {
    String body = "{\"model\":\"m\",\"messages\":[]}";
    String upstream = "org/\"quoted\" \\ model\ttab\u0001é";

    Buffer out = adapter.body(head(body, "m"), Buffer.buffer(body), upstream);

    assertThat(JSON.readTree(out.getBytes()).get("model").asText()).isEqualTo(upstream);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"model\":\"org/\\\"quoted\\\" \\\\ model\\u0009tab\\u0001é\",\"messages\":[]}");
  }

  @Test
  void replacesAModelWhoseValueWasEscapedInTheRequest() {
    String body = "{\"model\":\"a\\\"b\",\"messages\":[]}";
    int start = body.indexOf("\"a");
    int end = body.indexOf(",\"messages");
    RequestHead head =
        new RequestHead(Operation.CHAT_COMPLETIONS, "a\"b", false, false, start, end);

    Buffer out = adapter.body(head, Buffer.buffer(body), "c");

    assertThat(out.toString()).isEqualTo("{\"model\":\"c\",\"messages\":[]}");
  }

  @Test
  void authenticateSetsTheBearerKeyReplacingAnyClientValue() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer mk-client");

    adapter.authenticate(headers);

    assertThat(headers.getAll("authorization")).containsExactly("Bearer sk-provider-123456");
  }

  @Test
  void authenticateSetsNothingWhenTheProviderHasNoKey() {
    OpenAiAdapter keyless = new OpenAiAdapter(new ProviderConfig("local", ProviderType.OPENAI, ""));
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("content-type", "application/json");

    keyless.authenticate(headers);

    assertThat(headers.names()).containsExactly("content-type");
  }

  @ParameterizedTest
  @EnumSource(Operation.class)
  void pathIsTheOperationPath(Operation op) {
    assertThat(adapter.path(op)).isEqualTo(op.path());
  }

  @Test
  void pathsAreTheOpenAiOnes() {
    assertThat(adapter.path(Operation.CHAT_COMPLETIONS)).isEqualTo("/chat/completions");
    assertThat(adapter.path(Operation.COMPLETIONS)).isEqualTo("/completions");
    assertThat(adapter.path(Operation.EMBEDDINGS)).isEqualTo("/embeddings");
  }

  @Test
  void isTheAdapterForOpenAiProviders() {
    ProviderAdapter a =
        ProviderAdapter.forProvider(new ProviderConfig("p", ProviderType.OPENAI, "k"));

    assertThat(a).isInstanceOf(OpenAiAdapter.class);
  }

  @Test
  void errorDelegatesToTheOpenAiMapping() {
    assertThat(adapter.error(429, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer()).status())
        .isEqualTo(429);
  }
}
