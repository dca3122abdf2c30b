package ai.sutazai.storage.conversation;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * One message of a conversation as stored, with the model, token counts and timings of assistant answers
 * (null where they do not apply).
 */
public record StoredMessage(int seq, String role, String content, String model, MessageStatus status,
                            Integer promptTokens, Integer completionTokens, Long queueMs, Long ttftMs,
                            Long totalMs, OffsetDateTime createdAt) {

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
      .put("seq", seq)
      .put("role", role)
      .put("content", content)
      .put("status", status.dbValue())
      .put("created_at", createdAt.toString());
    putIfPresent(json, "model", model);
    if (promptTokens != null || completionTokens != null) {
      json.put("usage", new JsonObject()
        .put("prompt_tokens", promptTokens)
        .put("completion_tokens", completionTokens));
    }
    if (queueMs != null || ttftMs != null || totalMs != null) {
      json.put("timings", new JsonObject().put("queue_ms", queueMs).put("ttft_ms", ttftMs).put("total_ms", totalMs));
    }
    return json;
  }

  private static void putIfPresent(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
