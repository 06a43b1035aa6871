package dev.meridian.proxy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.meridian.config.GatewayConfig;
import dev.meridian.config.ModelConfig;
import dev.meridian.config.StaticKey;
import dev.meridian.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** {@code GET /v1/models} and {@code GET /v1/models/{id}}: the models a key may use. */
final class ModelsResource {

  private static final JsonFactory JSON = new JsonFactory();

  private final List<String> names;
  private final long created;

  ModelsResource(GatewayConfig config) {
    this.names = config.models().values().stream().map(ModelConfig::name).toList();
    this.created = System.currentTimeMillis() / 1000;
  }

  void list(HttpServerResponse response, StaticKey key) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("object", "list");
      g.writeArrayFieldStart("data");
      for (String name : names) {
        if (key.allows(name)) {
          writeModel(g, name);
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Responses.json(response, 200, Buffer.buffer(out.toByteArray()));
  }

  void retrieve(HttpServerResponse response, StaticKey key, String name) {
    if (!names.contains(name) || !key.allows(name)) {
      throw GatewayException.modelNotFound(name);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      writeModel(g, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Responses.json(response, 200, Buffer.buffer(out.toByteArray()));
  }

  private void writeModel(JsonGenerator g, String name) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", name);
    g.writeStringField("object", "model");
    g.writeNumberField("created", created);
    g.writeStringField("owned_by", "meridian");
    g.writeEndObject();
  }
}
