package dev.meridian.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meridian.api.openai.Operation;
import dev.meridian.api.openai.RequestHead;
import dev.meridian.error.ErrorType;
import dev.meridian.error.GatewayException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestScannerTest {

  private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static RequestHead scan(Operation op, String json) {
    byte[] body = utf8(json);
    return RequestScanner.scan(op, body, body.length);
  }

  private static RequestHead chat(String json) {
    return scan(Operation.CHAT_COMPLETIONS, json);
  }

  private static GatewayException rejected(Operation op, String json) {
    GatewayException e = catchThrowableOfType(GatewayException.class, () -> scan(op, json));
    assertThat(e).as("expected a GatewayException for %s", json).isNotNull();
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
    return e;
  }

  private static GatewayException chatRejected(String json) {
    return rejected(Operation.CHAT_COMPLETIONS, json);
  }

  private static String quotedModel(byte[] body, RequestHead head) {
    return new String(
        body, head.modelStart(), head.modelEnd() - head.modelStart(), StandardCharsets.UTF_8);
  }

  @Test
  void readsModelWithStreamOffByDefault() {
    RequestHead head = chat("{\"model\":\"gpt-4.1\"," + MESSAGES + "}");

    assertThat(head.operation()).isEqualTo(Operation.CHAT_COMPLETIONS);
    assertThat(head.model()).isEqualTo("gpt-4.1");
    assertThat(head.stream()).isFalse();
    assertThat(head.includeUsage()).isFalse();
  }

  @Test
  void readsStreamAndIncludeUsage() {
    RequestHead head =
        chat(
            "{\"model\":\"gpt-4.1\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},"
                + MESSAGES
                + "}");

    assertThat(head.stream()).isTrue();
    assertThat(head.includeUsage()).isTrue();
  }

  @Test
  void readsStreamOptionsWithoutIncludeUsage() {
    RequestHead head =
        chat(
            "{\"stream\":true,\"stream_options\":{\"other\":{\"x\":[1]},\"include_usage\":false},"
                + "\"model\":\"m\","
                + MESSAGES
                + "}");

    assertThat(head.stream()).isTrue();
    assertThat(head.includeUsage()).isFalse();
  }

  @Test
  void treatsNullStreamAndStreamOptionsAsAbsent() {
    RequestHead head =
        chat("{\"model\":\"m\",\"stream\":null,\"stream_options\":null," + MESSAGES + "}");

    assertThat(head.stream()).isFalse();
    assertThat(head.includeUsage()).isFalse();
  }

  @Test
  void modelOffsetsPointAtTheQuotedValue() {
    byte[] body = utf8("{ \"model\" : \"gpt-4.1\" ,\n " + MESSAGES + "}");

    RequestHead head = RequestScanner.scan(Operation.CHAT_COMPLETIONS, body, body.length);

    assertThat(quotedModel(body, head)).isEqualTo("\"gpt-4.1\"");
    assertThat(head.modelStart()).isEqualTo(12);
  }

  @Test
  void modelOffsetsPointAtTheValueWhenModelComesLast() {
    byte[] body = utf8("{" + MESSAGES + ",\"temperature\":0.2,\"model\":\"gpt-4.1\"}");

    RequestHead head = RequestScanner.scan(Operation.CHAT_COMPLETIONS, body, body.length);

    assertThat(quotedModel(body, head)).isEqualTo("\"gpt-4.1\"");
    assertThat(head.modelEnd()).isEqualTo(body.length - 1);
  }

  @Test
  void modelOffsetsSpanEscapedQuotesAndBackslashes() {
    String quoted = "\"my \\\"model\\\" \\\\ v2\\\\\"";
    byte[] body = utf8("{\"model\":" + quoted + "," + MESSAGES + "}");

    RequestHead head = RequestScanner.scan(Operation.CHAT_COMPLETIONS, body, body.length);

    assertThat(head.model()).isEqualTo("my \"model\" \\ v2\\");
    assertThat(quotedModel(body, head)).isEqualTo(quoted);
  }

  @Test
  void modelOffsetsAreByteOffsetsAfterMultiByteText() {
    byte[] body =
        utf8(
            "{\"messages\":[{\"role\":\"user\",\"content\":\"héllo 世界 🌍\"}],"
                + "\"model\":\"gpt-4.1\"}");

    RequestHead head = RequestScanner.scan(Operation.CHAT_COMPLETIONS, body, body.length);

    assertThat(quotedModel(body, head)).isEqualTo("\"gpt-4.1\"");
  }

  @Test
  void modelOffsetsSpanAMultiByteModelName() {
    byte[] body = utf8("{\"note\":\"日本\",\"model\":\"modèle-日本\\u00e9\"," + MESSAGES + "}");

    RequestHead head = RequestScanner.scan(Operation.CHAT_COMPLETIONS, body, body.length);

    assertThat(head.model()).isEqualTo("modèle-日本é");
    assertThat(quotedModel(body, head)).isEqualTo("\"modèle-日本\\u00e9\"");
  }

  @Test
  void scansOnlyTheGivenLength() {
    byte[] json = utf8("{\"model\":\"m\"," + MESSAGES + "}");
    byte[] body = new byte[json.length + 16];
    System.arraycopy(json, 0, body, 0, json.length);
    body[json.length] = '{';

    RequestHead head = RequestScanner.scan(Operation.CHAT_COMPLETIONS, body, json.length);

    assertThat(head.model()).isEqualTo("m");
  }

  @Test
  void skipsDeeplyNestedUnrelatedFields() {
    String tools =
        "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":"
            + "{\"type\":\"object\",\"properties\":{\"model\":{\"type\":\"string\","
            + "\"enum\":[\"stream\",\"model\"]},\"stream\":{\"type\":\"object\",\"properties\":"
            + "{\"messages\":{\"type\":\"array\",\"items\":{\"model\":\"nested\"}}}}}}}}]";
    String json =
        "{\"metadata\":{\"model\":\"decoy\",\"stream\":\"x\"},"
            + tools
            + ",\"model\":\"gpt-4.1\","
            + MESSAGES
            + ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"schema\":"
            + "{\"properties\":{\"a\":{\"items\":[[[[{}]]]]}}}}},\"stream\":false}";

    RequestHead head = chat(json);

    assertThat(head.model()).isEqualTo("gpt-4.1");
    assertThat(head.stream()).isFalse();
  }

  @Test
  void skipsNestedContentInsideMessages() {
    RequestHead head =
        chat(
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:x\"}}]},"
                + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"1\"}]}],\"model\":\"m\"}");

    assertThat(head.model()).isEqualTo("m");
  }

  @Test
  void rejectsMissingModel() {
    GatewayException e = chatRejected("{" + MESSAGES + "}");

    assertThat(e.param()).isEqualTo("model");
    assertThat(e.code()).isEqualTo("invalid_request");
  }

  @ParameterizedTest
  @ValueSource(strings = {"42", "null", "[\"gpt-4.1\"]", "{\"name\":\"gpt-4.1\"}", "true"})
  void rejectsModelThatIsNotAString(String model) {
    GatewayException e = chatRejected("{\"model\":" + model + "," + MESSAGES + "}");

    assertThat(e.param()).isEqualTo("model");
    assertThat(e.getMessage()).startsWith("Invalid type for 'model': expected a string");
  }

  @Test
  void rejectsEmptyModel() {
    GatewayException e = chatRejected("{\"model\":\"\"," + MESSAGES + "}");

    assertThat(e.param()).isEqualTo("model");
    assertThat(e.getMessage()).isEqualTo("'model' must not be empty.");
  }

  @Test
  void rejectsMissingMessages() {
    GatewayException e = chatRejected("{\"model\":\"m\"}");

    assertThat(e.param()).isEqualTo("messages");
    assertThat(e.getMessage()).isEqualTo("Missing required parameter: 'messages'.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"hi\"", "{\"role\":\"user\"}", "3", "null"})
  void rejectsMessagesThatAreNotAnArray(String messages) {
    GatewayException e = chatRejected("{\"model\":\"m\",\"messages\":" + messages + "}");

    assertThat(e.param()).isEqualTo("messages");
    assertThat(e.getMessage()).startsWith("Invalid type for 'messages': expected an array");
  }

  @Test
  void rejectsEmptyMessages() {
    GatewayException e = chatRejected("{\"model\":\"m\",\"messages\":[]}");

    assertThat(e.param()).isEqualTo("messages");
    assertThat(e.getMessage()).isEqualTo("'messages' must contain at least one message.");
  }

  @Test
  void rejectsMessageThatIsNotAnObjectNamingItsIndex() {
    GatewayException e =
        chatRejected("{\"model\":\"m\",\"messages\":[{\"role\":\"user\"},\"hello\"]}");

    assertThat(e.param()).isEqualTo("messages[1]");
    assertThat(e.getMessage())
        .isEqualTo("Invalid type for 'messages[1]': expected a message object, got a string.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"true\"", "1", "{}", "[true]"})
  void rejectsStreamThatIsNotABoolean(String stream) {
    GatewayException e =
        chatRejected("{\"model\":\"m\",\"stream\":" + stream + "," + MESSAGES + "}");

    assertThat(e.param()).isEqualTo("stream");
    assertThat(e.getMessage()).startsWith("Invalid type for 'stream': expected a boolean");
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "\"include_usage\"", "[]"})
  void rejectsStreamOptionsThatAreNotAnObject(String options) {
    GatewayException e =
        chatRejected(
            "{\"model\":\"m\",\"stream\":true,\"stream_options\":"
                + options
                + ","
                + MESSAGES
                + "}");

    assertThat(e.param()).isEqualTo("stream_options");
  }

  @Test
  void rejectsIncludeUsageThatIsNotABoolean() {
    GatewayException e =
        chatRejected(
            "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":\"yes\"},"
                + MESSAGES
                + "}");

    assertThat(e.param()).isEqualTo("stream_options.include_usage");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\"stream\":false,"})
  void rejectsStreamOptionsWithoutStreaming(String stream) {
    GatewayException e =
        chatRejected(
            "{\"model\":\"m\","
                + stream
                + "\"stream_options\":{\"include_usage\":true},"
                + MESSAGES
                + "}");

    assertThat(e.param()).isEqualTo("stream_options");
    assertThat(e.getMessage())
        .isEqualTo("The 'stream_options' parameter is only allowed when 'stream' is enabled.");
  }

  @Test
  void rejectsStreamingEmbeddings() {
    GatewayException e =
        rejected(Operation.EMBEDDINGS, "{\"model\":\"e\",\"input\":\"x\",\"stream\":true}");

    assertThat(e.param()).isEqualTo("stream");
  }

  @Test
  void acceptsEmbeddingsWithInputAsStringOrArray() {
    assertThat(scan(Operation.EMBEDDINGS, "{\"model\":\"e\",\"input\":\"x\"}").model())
        .isEqualTo("e");
    assertThat(scan(Operation.EMBEDDINGS, "{\"model\":\"e\",\"input\":[[1,2],[3]]}").stream())
        .isFalse();
  }

  @Test
  void rejectsEmbeddingsWithoutInput() {
    GatewayException e = rejected(Operation.EMBEDDINGS, "{\"model\":\"e\",\"prompt\":\"x\"}");

    assertThat(e.param()).isEqualTo("input");
  }

  @Test
  void rejectsEmbeddingsInputOfTheWrongType() {
    GatewayException e = rejected(Operation.EMBEDDINGS, "{\"model\":\"e\",\"input\":5}");

    assertThat(e.param()).isEqualTo("input");
    assertThat(e.getMessage())
        .startsWith("Invalid type for 'input': expected a string or an array");
  }

  @Test
  void acceptsCompletionsWithPromptAsStringOrArray() {
    RequestHead head =
        scan(Operation.COMPLETIONS, "{\"model\":\"c\",\"prompt\":\"Once\",\"stream\":true}");
    RequestHead array = scan(Operation.COMPLETIONS, "{\"model\":\"c\",\"prompt\":[\"a\",\"b\"]}");

    assertThat(head.stream()).isTrue();
    assertThat(head.operation()).isEqualTo(Operation.COMPLETIONS);
    assertThat(array.model()).isEqualTo("c");
  }

  @Test
  void rejectsCompletionsWithoutPrompt() {
    GatewayException e = rejected(Operation.COMPLETIONS, "{\"model\":\"c\"," + MESSAGES + "}");

    assertThat(e.param()).isEqualTo("prompt");
  }

  @Test
  void rejectsCompletionsPromptOfTheWrongType() {
    GatewayException e = rejected(Operation.COMPLETIONS, "{\"model\":\"c\",\"prompt\":{}}");

    assertThat(e.param()).isEqualTo("prompt");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"model\":\"m\",\"messages\":[{}]",
        "{\"model\":\"m\",\"messages\":[{}],}",
        "{\"model\":\"m\",\"messages\":[{}]} {}",
        "{\"model\":\"m\",\"messages\":[{}]}]",
        "{\"model\":\"m\" \"messages\":[{}]}",
        "{\"model\":'m',\"messages\":[{}]}",
        "{\"model\":\"m\",\"messages\":[{}],\"n\":01}",
        "{\"model\":\"m\",\"messages\":[{\"a\":tru}]}",
        "{\"model\":\"m",
        "[{\"model\":\"m\"}]",
        "\"model\"",
        "null",
        "   ",
        "not json"
      })
  void rejectsMalformedJsonAsInvalidJson(String json) {
    GatewayException e = chatRejected(json);

    assertThat(e.code()).isEqualTo("invalid_json");
    assertThat(e.param()).isNull();
  }

  @Test
  void rejectsEmptyBody() {
    GatewayException e =
        catchThrowableOfType(
            GatewayException.class,
            () -> RequestScanner.scan(Operation.CHAT_COMPLETIONS, new byte[0], 0));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.code()).isEqualTo("invalid_json");
    assertThat(e.getMessage()).contains("empty").contains("'messages'");
  }

  @Test
  void rejectsTopLevelArray() {
    GatewayException e = chatRejected("[]");

    assertThat(e.code()).isEqualTo("invalid_json");
    assertThat(e.getMessage()).isEqualTo("The request body must be a JSON object.");
  }

  @Test
  void rejectsContentAfterTheObject() {
    GatewayException e = chatRejected("{\"model\":\"m\"," + MESSAGES + "} {}");

    assertThat(e.code()).isEqualTo("invalid_json");
  }

  @Test
  void acceptsTrailingWhitespaceAfterTheObject() {
    assertThat(chat("{\"model\":\"m\"," + MESSAGES + "}\r\n\t ").model()).isEqualTo("m");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"model\":\"m\",\"messages\":[{}],}",
        "{\"model\":\"m\",\n\"messages\":[{\"content\":\"sk-live-abcdef123456\" oops}]}",
        "{\"model\":\"m\",\"messages\":[{}]",
        "{\"model\":\"m\",\"messages\":[{\"x\":1}]}]"
      })
  void malformedJsonMessageNamesLineAndColumnWithoutParserInternals(String json) {
    GatewayException e = chatRejected(json);

    assertThat(e.getMessage())
        .startsWith("We could not parse the JSON body of your request (line ")
        .containsPattern("\\(line \\d+, column \\d+\\)")
        .doesNotContain("REDACTED")
        .doesNotContain("Source:")
        .doesNotContain("sk-live-abcdef123456")
        .doesNotContain("\n");
  }

  @Test
  void malformedJsonMessageNamesTheLineOfTheMistake() {
    GatewayException e = chatRejected("{\n\"model\":\"m\",\n\"messages\":[{}],\n}");

    assertThat(e.getMessage()).contains("(line 4, column ");
  }
}
