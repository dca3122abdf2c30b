package ai.sutazai.gateway.openai;

import ai.sutazai.verticles.inference.client.Answer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * OpenAI's response objects built from SutazAI's events: completions, chunks, usage, models. The
 * completion and the last chunk also carry SutazAI's {@code timings}, which the SDKs ignore.
 */
final class OpenAiShapes {

  private OpenAiShapes() {
  }

  static String completionId() {
    return "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
  }

  /** A non-streaming {@code chat.completion}. */
  static JsonObject completion(String id, long created, String requestedModel, Answer answer) {
    JsonObject message = new JsonObject()
        .put("role", "assistant")
        .put("content", answer.content())
        .put("refusal", null);
    if (answer.thinking() != null) {
      message.put("reasoning", answer.thinking());
    }
    JsonArray toolCalls = toolCalls(answer.toolCalls());
    if (toolCalls != null) {
      message.put("tool_calls", toolCalls);
    }
    JsonObject choice = new JsonObject()
        .put("index", 0)
        .put("message", message)
        .put("logprobs", null)
        .put("finish_reason", finishReason(answer.done().getString("done_reason"), toolCalls != null));
    return new JsonObject()
        .put("id", id)
        .put("object", "chat.completion")
        .put("created", created)
        .put("model", answer.model() != null ? answer.model() : requestedModel)
        .put("choices", new JsonArray().add(choice))
        .put("usage", usage(answer.done()))
        .put("timings", answer.timings());
  }

  /** A {@code chat.completion.chunk} with one choice; {@code finishReason} null while streaming. */
  static JsonObject chunk(String id, long created, String model, JsonObject delta, String finishReason) {
    JsonObject choice = new JsonObject()
        .put("index", 0)
        .put("delta", delta)
        .put("logprobs", null)
        .put("finish_reason", finishReason);
    return new JsonObject()
        .put("id", id)
        .put("object", "chat.completion.chunk")
        .put("created", created)
        .put("model", model)
        .put("choices", new JsonArray().add(choice));
  }

  static String finishReason(String doneReason, boolean calledTools) {
    if ("length".equals(doneReason)) {
      return "length";
    }
    return calledTools ? "tool_calls" : "stop";
  }

  static JsonObject usage(JsonObject done) {
    JsonObject usage = done.getJsonObject("usage", new JsonObject());
    long prompt = usage.getLong("prompt_tokens", 0L);
    long completion = usage.getLong("completion_tokens", 0L);
    return new JsonObject()
        .put("prompt_tokens", prompt)
        .put("completion_tokens", completion)
        .put("total_tokens", prompt + completion);
  }

  /** Ollama tool calls as OpenAI's, arguments encoded as a string; null when there are none. */
  static JsonArray toolCalls(JsonArray ollamaCalls) {
    if (ollamaCalls == null || ollamaCalls.isEmpty()) {
      return null;
    }
    JsonArray calls = new JsonArray();
    for (int i = 0; i < ollamaCalls.size(); i++) {
      JsonObject function = ollamaCalls.getJsonObject(i).getJsonObject("function", new JsonObject());
      Object arguments = function.getValue("arguments");
      calls.add(new JsonObject()
          .put("id", "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24))
          .put("type", "function")
          .put("function", new JsonObject()
              .put("name", function.getString("name"))
              .put("arguments", arguments instanceof String s ? s
                  : (arguments == null ? new JsonObject() : arguments).toString())));
    }
    return calls;
  }

  /** An OpenAI model object from an entry of Ollama's {@code /api/tags}. */
  static JsonObject model(JsonObject tag) {
    return new JsonObject()
        .put("id", tag.getString("name", tag.getString("model")))
        .put("object", "model")
        .put("created", epochSeconds(tag.getString("modified_at")))
        .put("owned_by", "library");
  }

  private static long epochSeconds(String timestamp) {
    if (timestamp == null) {
      return 0;
    }
    try {
      return OffsetDateTime.parse(timestamp).toEpochSecond();
    } catch (DateTimeParseException e) {
      return 0;
    }
  }
}
