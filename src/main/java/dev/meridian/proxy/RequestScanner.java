package dev.meridian.proxy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.meridian.api.openai.Operation;
import dev.meridian.api.openai.RequestHead;
import dev.meridian.error.GatewayException;
import java.io.IOException;

/**
 * Reads the top-level fields routing needs from an OpenAI request body with a streaming parser:
 * nested values are skipped, not built, yet the whole document is checked to be valid JSON.
 */
final class RequestScanner {

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(256)
                  .maxStringLength(64 << 20)
                  .build())
          .build();

  private RequestScanner() {}

  /**
   * @throws GatewayException 400 naming the field that is missing or of the wrong type
   */
  static RequestHead scan(Operation op, byte[] body, int length) {
    if (length == 0) {
      throw GatewayException.invalidJson(
          "The request body is empty; expected a JSON object with 'model' and '"
              + op.requiredField()
              + "'.");
    }
    try (JsonParser p = JSON.createParser(body, 0, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw GatewayException.invalidJson("The request body must be a JSON object.");
      }
      Fields f = new Fields();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        readField(op, name, value, p, body, f);
      }
      if (p.nextToken() != null) {
        throw GatewayException.invalidJson(
            "The request body has content after the JSON object ends.");
      }
      return f.toHead(op);
    } catch (JsonParseException e) {
      throw GatewayException.invalidJson(
          "We could not parse the JSON body of your request (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + "): "
              + firstSentence(e.getOriginalMessage()));
    } catch (IOException e) {
      throw GatewayException.invalidJson("We could not parse the JSON body of your request.");
    }
  }

  private static void readField(
      Operation op, String name, JsonToken value, JsonParser p, byte[] body, Fields f)
      throws IOException {
    switch (name) {
      case "model":
        if (value != JsonToken.VALUE_STRING) {
          throw wrongType("model", "a string", value);
        }
        f.model = p.getText();
        f.modelStart = (int) p.currentTokenLocation().getByteOffset();
        f.modelEnd = closingQuote(body, f.modelStart) + 1;
        break;
      case "stream":
        if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
          f.stream = value == JsonToken.VALUE_TRUE;
        } else if (value != JsonToken.VALUE_NULL) {
          throw wrongType("stream", "a boolean", value);
        }
        break;
      case "stream_options":
        readStreamOptions(value, p, f);
        break;
      default:
        if (name.equals(op.requiredField())) {
          checkRequired(op, value, p);
          f.required = true;
        }
        p.skipChildren();
    }
  }

  private static void readStreamOptions(JsonToken value, JsonParser p, Fields f)
      throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return;
    }
    if (value != JsonToken.START_OBJECT) {
      throw wrongType("stream_options", "an object", value);
    }
    f.streamOptions = true;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (name.equals("include_usage")) {
        if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
          f.includeUsage = v == JsonToken.VALUE_TRUE;
        } else if (v != JsonToken.VALUE_NULL) {
          throw wrongType("stream_options.include_usage", "a boolean", v);
        }
      }
      p.skipChildren();
    }
  }

  private static void checkRequired(Operation op, JsonToken value, JsonParser p)
      throws IOException {
    String field = op.requiredField();
    switch (op) {
      case CHAT_COMPLETIONS:
        if (value != JsonToken.START_ARRAY) {
          throw wrongType(field, "an array of messages", value);
        }
        int i = 0;
        JsonToken item;
        while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
          if (item != JsonToken.START_OBJECT) {
            throw wrongType(field + "[" + i + "]", "a message object", item);
          }
          p.skipChildren();
          i++;
        }
        if (i == 0) {
          throw GatewayException.invalidRequest(
              field, "'messages' must contain at least one message.");
        }
        break;
      default:
        if (value != JsonToken.VALUE_STRING && value != JsonToken.START_ARRAY) {
          throw wrongType(field, "a string or an array", value);
        }
    }
  }

  private static String firstSentence(String message) {
    if (message == null) {
      return "invalid JSON";
    }
    int cut = message.indexOf(" (");
    int nl = message.indexOf('\n');
    int end = message.length();
    if (cut > 0) {
      end = Math.min(end, cut);
    }
    if (nl > 0) {
      end = Math.min(end, nl);
    }
    return message.substring(0, end);
  }

  private static int closingQuote(byte[] body, int openQuote) {
    for (int i = openQuote + 1; i < body.length; i++) {
      if (body[i] == '\\') {
        i++;
      } else if (body[i] == '"') {
        return i;
      }
    }
    throw GatewayException.invalidJson("Unterminated string for 'model'.");
  }

  private static GatewayException wrongType(String field, String expected, JsonToken got) {
    return GatewayException.invalidRequest(
        field,
        "Invalid type for '" + field + "': expected " + expected + ", got " + describe(got) + ".");
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    switch (t) {
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      default:
        return t.asString();
    }
  }

  private static final class Fields {
    String model;
    int modelStart;
    int modelEnd;
    boolean stream;
    boolean streamOptions;
    boolean includeUsage;
    boolean required;

    RequestHead toHead(Operation op) {
      if (model == null) {
        throw GatewayException.invalidRequest("model", "You must provide a model parameter.");
      }
      if (model.isEmpty()) {
        throw GatewayException.invalidRequest("model", "'model' must not be empty.");
      }
      if (!required) {
        throw GatewayException.invalidRequest(
            op.requiredField(), "Missing required parameter: '" + op.requiredField() + "'.");
      }
      if (stream && !op.canStream()) {
        throw GatewayException.invalidRequest("stream", "This endpoint does not stream.");
      }
      if (streamOptions && !stream) {
        throw GatewayException.invalidRequest(
            "stream_options",
            "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
      }
      return new RequestHead(op, model, stream, includeUsage, modelStart, modelEnd);
    }
  }
}
