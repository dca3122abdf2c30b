package ai.sutazai.storage.conversation;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * The assistant's answer that ends an exchange: its content, how it ended, and where known the model, token
 * counts and timings (null otherwise).
 */
public record Answer(String content, MessageStatus status, String model, Integer promptTokens,
                     Integer completionTokens, Long queueMs, Long ttftMs, Long totalMs) {

  public Answer {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(status, "status");
  }

  /** A complete answer without model, usage or timings. */
  public static Answer complete(String content) {
    return new Answer(content, MessageStatus.COMPLETE, null, null, null, null, null, null);
  }

  /** Reads the {@code answer} field of an append request, naming the bad field in a 400 problem. */
  static Answer fromJson(Object value) {
    if (!(value instanceof JsonObject json)) {
      throw RequestFields.invalid("'answer' must be an object, got " + Json.encode(value));
    }
    String content = RequestFields.string(json, "content", "answer.content");
    Object statusValue = json.getValue("status");
    MessageStatus status = statusValue instanceof String text ? MessageStatus.parse(text).orElse(null) : null;
    if (status == null) {
      throw RequestFields.invalid("'answer.status' must be complete, cancelled or failed, got "
        + Json.encode(statusValue));
    }
    String model = RequestFields.optionalString(json, "model", "answer.model");
    JsonObject usage = RequestFields.optionalObject(json, "usage", "answer.usage");
    JsonObject timings = RequestFields.optionalObject(json, "timings", "answer.timings");
    Long promptTokens = RequestFields.optionalCount(usage, "prompt_tokens", "answer.usage.prompt_tokens");
    Long completionTokens = RequestFields.optionalCount(usage, "completion_tokens",
      "answer.usage.completion_tokens");
    return new Answer(content, status, model, toInteger(promptTokens), toInteger(completionTokens),
      RequestFields.optionalCount(timings, "queue_ms", "answer.timings.queue_ms"),
      RequestFields.optionalCount(timings, "ttft_ms", "answer.timings.ttft_ms"),
      RequestFields.optionalCount(timings, "total_ms", "answer.timings.total_ms"));
  }

  private static Integer toInteger(Long count) {
    return count == null ? null : Math.toIntExact(count);
  }
}
