package ai.sutazai.agents.workflow;

import io.vertx.core.json.JsonObject;

/** Messages in Ollama's chat format. */
final class ChatMessages {

  private ChatMessages() {
  }

  static JsonObject system(String content) {
    return message("system", content);
  }

  static JsonObject user(String content) {
    return message("user", content);
  }

  static JsonObject assistant(String content) {
    return message("assistant", content);
  }

  private static JsonObject message(String role, String content) {
    return new JsonObject().put("role", role).put("content", content);
  }
}
