package dev.meridian.error;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes the one OpenAI error shape: {@code {"error":{"message","type","param","code"}}}. */
public final class ErrorRenderer {

  private static final JsonFactory JSON = new JsonFactory();

  private ErrorRenderer() {}

  /** The body of an HTTP error response. */
  public static byte[] openAiBody(GatewayException e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(192);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeObjectFieldStart("error");
      g.writeStringField("message", e.getMessage());
      g.writeStringField("type", e.type().wireName());
      g.writeStringField("param", e.param());
      g.writeStringField("code", e.code());
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException io) {
      throw new UncheckedIOException(io);
    }
    return out.toByteArray();
  }

  /** An in-band error event that ends a stream whose 200 status has already been sent. */
  public static byte[] openAiStreamEvent(GatewayException e) {
    byte[] body = openAiBody(e);
    byte[] event = new byte[body.length + 8];
    System.arraycopy("data: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, event, 0, 6);
    System.arraycopy(body, 0, event, 6, body.length);
    event[event.length - 2] = '\n';
    event[event.length - 1] = '\n';
    return event;
  }
}
