package ai.sutazai.launcher.e2e;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A route that takes a JSON body, with a good body and what {@link MalformedBodies} needs to break it. */
record BodyRoute(HttpMethod method, String path, MalformedBodies bodies) {

  private static final Set<String> STRING = Set.of("string", "null");
  private static final Set<String> BOOLEAN = Set.of("boolean", "null");
  private static final Set<String> INTEGER = Set.of("integer", "null");
  private static final Set<String> NUMBER = Set.of("number", "integer", "null");
  private static final Set<String> OBJECT = Set.of("object", "null");
  private static final Set<String> ARRAY = Set.of("array", "null");
  private static final List<Object> BAD_MODELS = List.of("", " ", "two words", "../../etc/passwd", "x".repeat(400),
      "model\u0000", "<script>");
  private static final List<Object> BAD_TIMEOUTS = List.of(0, -1, 86_400_001L, 1e300, 9_223_372_036_854_775_807L, 0.5);
  private static final List<Object> BAD_PRIORITIES = List.of("urgent", "", "0", "5", 0, 5, -1, 2.5, "HIGHEST");

  static List<BodyRoute> all(String conversationId, String model) {
    JsonArray messages = new JsonArray().add(new JsonObject().put("role", "user").put("content", "fuzz"));
    return List.of(
        new BodyRoute(HttpMethod.POST, "/api/v1/chat", nativeChat(new JsonObject().put("messages", messages))),
        new BodyRoute(HttpMethod.PATCH, "/api/v1/conversations/" + conversationId, new MalformedBodies(
            new JsonObject().put("title", "renamed"), List.of("title"), Map.of("title", Set.of("string")),
            Map.of("title", List.of("", "   ", "t".repeat(201), "\t\n")))),
        new BodyRoute(HttpMethod.POST, "/api/v1/models/pull", new MalformedBodies(
            new JsonObject().put("name", model), List.of("name"),
            Map.of("name", Set.of("string"), "insecure", BOOLEAN, "stream", BOOLEAN), Map.of("name", BAD_MODELS))),
        new BodyRoute(HttpMethod.POST, "/v1/chat/completions", new MalformedBodies(
            new JsonObject().put("model", model).put("messages", messages), List.of("model", "messages"),
            Map.ofEntries(Map.entry("model", Set.of("string")), Map.entry("messages", Set.of("array")),
                Map.entry("temperature", NUMBER), Map.entry("top_p", NUMBER), Map.entry("n", INTEGER),
                Map.entry("stream", BOOLEAN), Map.entry("max_tokens", INTEGER), Map.entry("seed", INTEGER),
                Map.entry("user", STRING), Map.entry("tools", ARRAY), Map.entry("response_format", OBJECT),
                Map.entry("stream_options", OBJECT), Map.entry("logit_bias", OBJECT), Map.entry("timeout_ms", INTEGER)),
            Map.of("model", BAD_MODELS, "temperature", List.of(-0.1, 2.5, 1e300), "n", List.of(0, 2, 100),
                "max_tokens", List.of(0, -5), "messages", List.of(new JsonArray(), new JsonArray().add("hi"),
                    new JsonArray().add(new JsonObject().put("role", "wizard").put("content", "x"))),
                "timeout_ms", BAD_TIMEOUTS, "priority", BAD_PRIORITIES))),
        ollama(HttpMethod.POST, "/api/chat", new JsonObject().put("model", model).put("messages", messages),
            Map.of("messages", ARRAY, "tools", ARRAY, "think", Set.of("boolean", "string", "null"))),
        ollama(HttpMethod.POST, "/api/generate", new JsonObject().put("model", model).put("prompt", "fuzz"),
            Map.of("prompt", STRING, "system", STRING, "context", ARRAY, "raw", BOOLEAN, "images", ARRAY)),
        ollama(HttpMethod.POST, "/api/embed", new JsonObject().put("model", model).put("input", "fuzz"),
            Map.of("input", Set.of("string", "array"), "truncate", BOOLEAN, "dimensions", INTEGER)),
        ollama(HttpMethod.POST, "/api/show", new JsonObject().put("model", model), Map.of("verbose", BOOLEAN)),
        ollama(HttpMethod.POST, "/api/pull", new JsonObject().put("model", model), Map.of("insecure", BOOLEAN)),
        ollama(HttpMethod.DELETE, "/api/delete", new JsonObject().put("model", model), Map.of()));
  }

  /** {@code /ws/chat} chat frames. */
  static MalformedBodies chatFrame() {
    JsonArray messages = new JsonArray().add(new JsonObject().put("role", "user").put("content", "fuzz"));
    MalformedBodies chat = nativeChat(new JsonObject().put("type", "chat").put("id", "f").put("messages", messages));
    Map<String, Set<String>> types = new java.util.HashMap<>(chat.types());
    types.put("type", Set.of("string"));
    types.put("id", Set.of("string"));
    Map<String, List<Object>> bad = new java.util.HashMap<>(chat.badValues());
    bad.put("type", List.of("chat!", "CANCEL", ""));
    bad.put("id", List.of(""));
    return new MalformedBodies(chat.good(), List.of("type", "id", "messages"), types, bad);
  }

  private static MalformedBodies nativeChat(JsonObject good) {
    return new MalformedBodies(good, List.of("messages"),
        Map.of("messages", Set.of("array"), "model", STRING, "model_type", STRING, "options", OBJECT,
            "stream", BOOLEAN, "priority", Set.of("string", "integer", "null"), "timeout_ms", INTEGER,
            "conversation_id", STRING, "cache", BOOLEAN, "store", BOOLEAN),
        Map.of("messages", List.of(new JsonArray(), new JsonArray().add("hi"), new JsonArray().add(new JsonObject()),
                new JsonArray().add(new JsonObject().put("role", "robot").put("content", "x"))),
            "model_type", List.of("poetry", ""), "timeout_ms", BAD_TIMEOUTS, "priority", BAD_PRIORITIES,
            "conversation_id", List.of("abc", "00000000-0000-0000-0000-00000000000g", ""), "model", BAD_MODELS));
  }

  private static BodyRoute ollama(HttpMethod method, String path, JsonObject good, Map<String, Set<String>> fields) {
    Map<String, Set<String>> types = new java.util.HashMap<>(fields);
    types.put("model", Set.of("string"));
    types.put("stream", BOOLEAN);
    types.put("options", OBJECT);
    types.put("keep_alive", Set.of("string", "number", "integer", "null"));
    types.put("timeout_ms", INTEGER);
    if (path.equals("/api/show") || path.equals("/api/pull") || path.equals("/api/delete")) {
      types.remove("stream");
      types.remove("options");
      types.remove("keep_alive");
      types.remove("timeout_ms");
    }
    return new BodyRoute(method, path, new MalformedBodies(good, List.of("model"), types,
        Map.of("model", BAD_MODELS, "timeout_ms", BAD_TIMEOUTS)));
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
