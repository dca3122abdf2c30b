package ai.sutazai.verticles.inference;

import io.vertx.core.json.JsonObject;

/**
 * One request for the inference queue.
 *
 * @param id           unique id chosen by the sender; used to cancel
 * @param kind         which Ollama endpoint answers it
 * @param model        an Ollama model name, or {@code null} to route by {@code modelType}
 * @param modelType    {@code default}, {@code reasoning}, {@code coding} or {@code analysis}; used
 *                     when {@code model} is null ({@code null} means {@code default})
 * @param priority     the queue level
 * @param timeoutMs    the deadline in milliseconds from submission, covering the wait and the
 *                     generation; 0 takes the configured default
 * @param replyAddress where {@link InferenceEvent}s are sent
 * @param body         the Ollama request body without {@code model} and {@code stream}
 *                     ({@code messages}, {@code prompt}, {@code input}, {@code options}, ...)
 */
public record InferenceRequest(
    String id,
    InferenceKind kind,
    String model,
    String modelType,
    Priority priority,
    long timeoutMs,
    String replyAddress,
    JsonObject body) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("kind", kind.wireName())
        .put("model", model)
        .put("model_type", modelType)
        .put("priority", priority.level())
        .put("timeout_ms", timeoutMs)
        .put("reply_address", replyAddress)
        .put("body", body);
  }

  /**
   * Reads a request from its wire form.
   *
   * @throws IllegalArgumentException naming the field that is missing or wrong
   */
  public static InferenceRequest fromJson(JsonObject json) {
    try {
      String id = required(json, "id");
      String replyAddress = required(json, "reply_address");
      InferenceKind kind = kind(required(json, "kind"));
      Priority priority = priority(json.getValue("priority", Priority.NORMAL.level()));
      JsonObject body = json.getJsonObject("body", new JsonObject());
      return new InferenceRequest(id, kind, json.getString("model"), json.getString("model_type"),
          priority, json.getLong("timeout_ms", 0L), replyAddress, body);
    } catch (ClassCastException e) {
      throw new IllegalArgumentException("inference request has a field of the wrong type", e);
    }
  }

  private static InferenceKind kind(String wire) {
    for (InferenceKind kind : InferenceKind.values()) {
      if (kind.wireName().equalsIgnoreCase(wire)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("'kind' must be one of chat, generate, embed, got '" + wire + "'");
  }

  private static Priority priority(Object value) {
    try {
      return Priority.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'priority' " + e.getMessage(), e);
    }
  }

  private static String required(JsonObject json, String field) {
    String value = json.getString(field);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("inference request lacks '" + field + "'");
    }
    return value;
  }
}
