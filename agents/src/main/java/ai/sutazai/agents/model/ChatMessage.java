package ai.sutazai.agents.model;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/** One message of a chat with the model, in Ollama's {@code messages} shape once encoded. */
public record ChatMessage(String role, String content) {

  public static final String SYSTEM = "system";
  public static final String USER = "user";
  public static final String ASSISTANT = "assistant";

  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  public static ChatMessage system(String content) {
    return new ChatMessage(SYSTEM, content);
  }

  public static ChatMessage user(String content) {
    return new ChatMessage(USER, content);
  }

  public static ChatMessage assistant(String content) {
    return new ChatMessage(ASSISTANT, content);
  }

  public JsonObject toJson() {
    return new JsonObject().put("role", role).put("content", content);
  }
}
