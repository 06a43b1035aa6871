package dev.meridian.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Builds OpenAI-shaped answers from a request: text, tool calls, embeddings and usage. */
final class SimAnswers {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] WORDS = {
    "the",
    "gateway",
    "routes",
    "each",
    "request",
    "to",
    "a",
    "healthy",
    "node",
    "in",
    "the",
    "nearest",
    "region",
    "and",
    "measures",
    "latency",
    "while",
    "tokens",
    "stream",
    "back"
  };

  private SimAnswers() {}

  /** A tool call to make, or null when the model should answer with text. */
  record ToolCall(String id, String name, String arguments) {}

  static String promptText(JsonNode request) {
    StringBuilder sb = new StringBuilder();
    JsonNode messages = request.path("messages");
    for (JsonNode m : messages) {
      appendContent(sb, m.get("content"));
    }
    appendContent(sb, request.get("prompt"));
    return sb.toString();
  }

  private static void appendContent(StringBuilder sb, JsonNode content) {
    if (content == null || content.isNull()) {
      return;
    }
    if (content.isTextual()) {
      sb.append(content.asText()).append(' ');
    } else if (content.isArray()) {
      for (JsonNode part : content) {
        if (part.isTextual()) {
          sb.append(part.asText()).append(' ');
        } else if (part.has("text")) {
          sb.append(part.get("text").asText()).append(' ');
        }
      }
    }
  }

  static String answerText(String name, String region, String model, int words, boolean afterTool) {
    StringBuilder sb = new StringBuilder();
    sb.append("Hello from ")
        .append(name)
        .append(" in ")
        .append(region)
        .append(" as ")
        .append(model)
        .append('.');
    if (afterTool) {
      sb.append(" The tool result arrived.");
    }
    for (int i = 0; i < words; i++) {
      sb.append(' ').append(WORDS[i % WORDS.length]);
    }
    return sb.toString();
  }

  /** The tool call the request asks for, if it offers tools and is not answering one already. */
  static ToolCall toolCall(JsonNode request, long seq) {
    JsonNode tools = request.path("tools");
    if (!tools.isArray()
        || tools.isEmpty()
        || "none".equals(request.path("tool_choice").asText())) {
      return null;
    }
    JsonNode messages = request.path("messages");
    if (messages.isArray()
        && !messages.isEmpty()
        && "tool".equals(messages.get(messages.size() - 1).path("role").asText())) {
      return null;
    }
    String wanted = request.path("tool_choice").path("function").path("name").asText(null);
    JsonNode chosen = tools.get(0).path("function");
    for (JsonNode t : tools) {
      if (wanted != null && wanted.equals(t.path("function").path("name").asText())) {
        chosen = t.path("function");
      }
    }
    ObjectNode args = JSON.createObjectNode();
    Iterator<Map.Entry<String, JsonNode>> props =
        chosen.path("parameters").path("properties").fields();
    while (props.hasNext()) {
      Map.Entry<String, JsonNode> p = props.next();
      String type = p.getValue().path("type").asText("string");
      switch (type) {
        case "number":
        case "integer":
          args.put(p.getKey(), 1);
          break;
        case "boolean":
          args.put(p.getKey(), true);
          break;
        default:
          args.put(p.getKey(), "sample");
      }
    }
    return new ToolCall("call_sim" + seq, chosen.path("name").asText("tool"), args.toString());
  }

  static ObjectNode usage(int prompt, int completion) {
    ObjectNode u = JSON.createObjectNode();
    u.put("prompt_tokens", prompt);
    u.put("completion_tokens", completion);
    u.put("total_tokens", prompt + completion);
    return u;
  }

  static ObjectNode chatCompletion(
      String id, String model, long created, String text, ToolCall call, ObjectNode usage) {
    ObjectNode root = base(id, "chat.completion", model, created);
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    if (call == null) {
      message.put("content", text);
    } else {
      message.putNull("content");
      ObjectNode tc = message.putArray("tool_calls").addObject();
      tc.put("id", call.id());
      tc.put("type", "function");
      tc.putObject("function").put("name", call.name()).put("arguments", call.arguments());
    }
    message.putNull("refusal");
    choice.putNull("logprobs");
    choice.put("finish_reason", call == null ? "stop" : "tool_calls");
    root.set("usage", usage);
    return root;
  }

  /** The chunks of a chat stream, without usage; the caller adds the usage chunk when asked. */
  static List<ObjectNode> chatChunks(
      String id, String model, long created, List<String> tokens, ToolCall call) {
    List<ObjectNode> out = new ArrayList<>();
    if (call == null) {
      ObjectNode first = chatChunk(id, model, created);
      deltaOf(first).put("role", "assistant").put("content", "");
      out.add(first);
      for (String t : tokens) {
        ObjectNode c = chatChunk(id, model, created);
        deltaOf(c).put("content", t);
        out.add(c);
      }
    } else {
      ObjectNode first = chatChunk(id, model, created);
      ObjectNode delta = deltaOf(first).put("role", "assistant");
      delta.putNull("content");
      ObjectNode tc = delta.putArray("tool_calls").addObject();
      tc.put("index", 0).put("id", call.id()).put("type", "function");
      tc.putObject("function").put("name", call.name()).put("arguments", "");
      out.add(first);
      String args = call.arguments();
      for (int i = 0; i < args.length(); i += 8) {
        ObjectNode c = chatChunk(id, model, created);
        ObjectNode piece = deltaOf(c).putArray("tool_calls").addObject();
        piece.put("index", 0);
        piece
            .putObject("function")
            .put("arguments", args.substring(i, Math.min(args.length(), i + 8)));
        out.add(c);
      }
    }
    ObjectNode last = chatChunk(id, model, created);
    deltaOf(last);
    ((ObjectNode) last.get("choices").get(0))
        .put("finish_reason", call == null ? "stop" : "tool_calls");
    out.add(last);
    return out;
  }

  static ObjectNode usageChunk(
      String id, String object, String model, long created, ObjectNode usage) {
    ObjectNode c = base(id, object, model, created);
    c.putArray("choices");
    c.set("usage", usage);
    return c;
  }

  private static ObjectNode chatChunk(String id, String model, long created) {
    ObjectNode c = base(id, "chat.completion.chunk", model, created);
    ObjectNode choice = c.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("delta");
    choice.putNull("logprobs");
    choice.putNull("finish_reason");
    return c;
  }

  private static ObjectNode deltaOf(ObjectNode chunk) {
    return (ObjectNode) chunk.get("choices").get(0).get("delta");
  }

  static ObjectNode textCompletion(
      String id, String model, long created, String text, String finish, ObjectNode usage) {
    ObjectNode root = base(id, "text_completion", model, created);
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("text", text);
    choice.put("index", 0);
    choice.putNull("logprobs");
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    if (usage != null) {
      root.set("usage", usage);
    }
    return root;
  }

  static ObjectNode embeddings(JsonNode request, String model) {
    JsonNode input = request.path("input");
    List<String> inputs = new ArrayList<>();
    if (input.isArray()) {
      input.forEach(i -> inputs.add(i.isTextual() ? i.asText() : i.toString()));
    } else {
      inputs.add(input.asText());
    }
    int dims = request.path("dimensions").asInt(8);
    boolean base64 = "base64".equals(request.path("encoding_format").asText());
    ObjectNode root = JSON.createObjectNode();
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    int tokens = 0;
    for (int i = 0; i < inputs.size(); i++) {
      float[] vector = vector(inputs.get(i), Math.max(1, Math.min(dims, 4096)));
      ObjectNode e = data.addObject();
      e.put("object", "embedding");
      e.put("index", i);
      if (base64) {
        ByteBuffer bb = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : vector) {
          bb.putFloat(f);
        }
        e.put("embedding", Base64.getEncoder().encodeToString(bb.array()));
      } else {
        ArrayNode v = e.putArray("embedding");
        for (float f : vector) {
          v.add(f);
        }
      }
      tokens += SimTokens.count(inputs.get(i));
    }
    root.put("model", model);
    root.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
    return root;
  }

  private static float[] vector(String text, int dims) {
    java.util.Random r = new java.util.Random(text.hashCode());
    float[] v = new float[dims];
    double norm = 0;
    for (int i = 0; i < dims; i++) {
      v[i] = (float) r.nextGaussian();
      norm += v[i] * v[i];
    }
    for (int i = 0; i < dims; i++) {
      v[i] = (float) (v[i] / Math.sqrt(norm));
    }
    return v;
  }

  static ObjectNode error(int status, String message) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode e = root.putObject("error");
    e.put("message", message != null ? message : "Simulated error (HTTP " + status + ").");
    e.put(
        "type",
        status == 429
            ? "rate_limit_error"
            : status >= 500 ? "server_error" : "invalid_request_error");
    e.putNull("param");
    e.put(
        "code",
        status == 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request");
    return root;
  }

  private static ObjectNode base(String id, String object, String model, long created) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", id);
    root.put("object", object);
    root.put("created", created);
    root.put("model", model);
    return root;
  }
}
