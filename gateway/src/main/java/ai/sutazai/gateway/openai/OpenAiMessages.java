package ai.sutazai.gateway.openai;

import ai.sutazai.gateway.http.JsonBodies;
import ai.sutazai.gateway.http.JsonFields;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * OpenAI chat messages as Ollama's: {@code developer} becomes {@code system}, content parts are
 * joined into text, base64 data-URL images go to {@code images}, and tool calls carry their
 * arguments as objects rather than encoded strings.
 */
final class OpenAiMessages {

  private static final List<String> ROLES = List.of("system", "developer", "user", "assistant", "tool", "function");

  private OpenAiMessages() {
  }

  /** The request's {@code messages} in Ollama's shape. */
  static JsonArray toOllama(JsonFields body) {
    JsonArray messages = body.requiredNonEmptyArray("messages");
    JsonArray converted = new JsonArray();
    for (int i = 0; i < messages.size(); i++) {
      converted.add(message(body.element("messages", messages, i)));
    }
    return converted;
  }

  private static JsonObject message(JsonFields message) {
    String role = message.optionalChoice("role", ROLES);
    if (role == null) {
      throw message.invalid("role", "is required (one of " + String.join(", ", ROLES) + ")");
    }
    JsonObject out = new JsonObject().put("role", switch (role) {
      case "developer" -> "system";
      case "function" -> "tool";
      default -> role;
    });
    JsonArray images = new JsonArray();
    Object content = message.value("content");
    if (content == null) {
      if (!role.equals("assistant")) {
        throw message.invalid("content", "is required");
      }
      out.put("content", "");
    } else if (content instanceof String text) {
      out.put("content", text);
    } else if (content instanceof JsonArray parts) {
      out.put("content", contentParts(message, parts, images));
    } else {
      throw message.invalid("content", "must be a string or an array of content parts");
    }
    if (!images.isEmpty()) {
      out.put("images", images);
    }
    JsonArray toolCalls = message.optionalArray("tool_calls");
    if (toolCalls != null && !toolCalls.isEmpty()) {
      out.put("tool_calls", toolCalls(message, toolCalls));
    }
    String name = message.optionalString("name");
    if (name != null && out.getString("role").equals("tool")) {
      out.put("tool_name", name);
    }
    return out;
  }

  private static String contentParts(JsonFields message, JsonArray parts, JsonArray images) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      JsonFields part = message.element("content", parts, i);
      String type = part.optionalChoice("type", List.of("text", "image_url"));
      if ("text".equals(type)) {
        if (text.length() > 0) {
          text.append('\n');
        }
        text.append(part.requiredString("text"));
      } else if ("image_url".equals(type)) {
        images.add(imageData(part));
      } else {
        throw part.invalid("type", "is required (text or image_url)");
      }
    }
    return text.toString();
  }

  private static String imageData(JsonFields part) {
    Object image = part.value("image_url");
    Object url = image instanceof JsonObject o ? o.getValue("url") : image;
    String text = url instanceof String u ? u : "";
    int comma = text.indexOf(',');
    if (!text.startsWith("data:") || comma < 0 || !text.substring(0, comma).endsWith(";base64")) {
      throw part.invalid("image_url", "must carry a base64 data: URL (data:image/png;base64,...)");
    }
    return text.substring(comma + 1);
  }

  private static JsonArray toolCalls(JsonFields message, JsonArray calls) {
    JsonArray converted = new JsonArray();
    for (int i = 0; i < calls.size(); i++) {
      JsonFields call = message.element("tool_calls", calls, i);
      JsonFields function = call.optionalFields("function");
      if (function == null) {
        throw call.invalid("function", "is required");
      }
      converted.add(new JsonObject().put("function", new JsonObject()
          .put("name", function.requiredString("name"))
          .put("arguments", arguments(function))));
    }
    return converted;
  }

  /** OpenAI sends tool arguments as a JSON-encoded string; Ollama wants the object. */
  private static JsonObject arguments(JsonFields function) {
    Object arguments = function.value("arguments");
    if (arguments == null || arguments instanceof JsonObject) {
      return arguments == null ? new JsonObject() : (JsonObject) arguments;
    }
    Object decoded;
    try {
      decoded = arguments instanceof String text && !text.isBlank() ? Json.decodeValue(text) : null;
    } catch (DecodeException e) {
      throw function.invalid("arguments", "must be a JSON object encoded as a string: " + JsonBodies.describe(e));
    }
    if (decoded instanceof JsonObject object) {
      return object;
    }
    throw function.invalid("arguments", "must be a JSON object encoded as a string");
  }
}
