package ai.sutazai.gateway.openai;

import ai.sutazai.gateway.http.InvalidField;
import ai.sutazai.gateway.http.JsonBodies;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * OpenAI chat messages, already checked against the request's schema, as Ollama's: {@code developer}
 * becomes {@code system}, content parts are joined into text, base64 data-URL images go to
 * {@code images}, and tool calls carry their arguments as objects rather than encoded strings.
 */
final class OpenAiMessages {

  private OpenAiMessages() {
  }

  /** The request's {@code messages} in Ollama's shape. */
  static JsonArray toOllama(JsonArray messages) {
    JsonArray converted = new JsonArray();
    for (int i = 0; i < messages.size(); i++) {
      converted.add(message(messages.getJsonObject(i), InvalidField.pointer("/messages", i)));
    }
    return converted;
  }

  private static JsonObject message(JsonObject message, String pointer) {
    String role = message.getString("role");
    JsonObject out = new JsonObject().put("role", switch (role) {
      case "developer" -> "system";
      case "function" -> "tool";
      default -> role;
    });
    JsonArray images = new JsonArray();
    Object content = message.getValue("content");
    if (content instanceof JsonArray parts) {
      out.put("content", contentParts(parts, InvalidField.pointer(pointer, "content"), images));
    } else {
      out.put("content", content == null ? "" : content);
    }
    if (!images.isEmpty()) {
      out.put("images", images);
    }
    JsonArray toolCalls = message.getJsonArray("tool_calls");
    if (toolCalls != null && !toolCalls.isEmpty()) {
      out.put("tool_calls", toolCalls(toolCalls, InvalidField.pointer(pointer, "tool_calls")));
    }
    String name = message.getString("name");
    if (name != null && out.getString("role").equals("tool")) {
      out.put("tool_name", name);
    }
    return out;
  }

  private static String contentParts(JsonArray parts, String pointer, JsonArray images) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      JsonObject part = parts.getJsonObject(i);
      if (part.getString("type").equals("text")) {
        if (text.length() > 0) {
          text.append('\n');
        }
        text.append(part.getString("text"));
      } else {
        images.add(imageData(part, InvalidField.pointer(pointer, i, "image_url")));
      }
    }
    return text.toString();
  }

  /** Ollama takes images inline only, so a URL to fetch is refused. */
  private static String imageData(JsonObject part, String pointer) {
    Object image = part.getValue("image_url");
    String text = image instanceof JsonObject o ? o.getString("url") : (String) image;
    int comma = text.indexOf(',');
    if (!text.startsWith("data:") || comma < 0 || !text.substring(0, comma).endsWith(";base64")) {
      throw InvalidField.at(pointer, "must carry a base64 data: URL (data:image/png;base64,...)");
    }
    return text.substring(comma + 1);
  }

  private static JsonArray toolCalls(JsonArray calls, String pointer) {
    JsonArray converted = new JsonArray();
    for (int i = 0; i < calls.size(); i++) {
      JsonObject function = calls.getJsonObject(i).getJsonObject("function");
      String argumentsPointer = InvalidField.pointer(pointer, i, "function", "arguments");
      converted.add(new JsonObject().put("function", new JsonObject()
          .put("name", function.getString("name"))
          .put("arguments", arguments(function.getValue("arguments"), argumentsPointer))));
    }
    return converted;
  }

  /** OpenAI sends tool arguments as a JSON-encoded string; Ollama wants the object. */
  private static JsonObject arguments(Object arguments, String pointer) {
    if (arguments == null) {
      return new JsonObject();
    }
    if (arguments instanceof JsonObject object) {
      return object;
    }
    Object decoded;
    try {
      decoded = arguments instanceof String text && !text.isBlank() ? Json.decodeValue(text) : null;
    } catch (DecodeException e) {
      throw InvalidField.at(pointer, "must be a JSON object encoded as a string: " + JsonBodies.describe(e));
    }
    if (decoded instanceof JsonObject object) {
      return object;
    }
    throw InvalidField.at(pointer, "must be a JSON object encoded as a string");
  }
}
