package ai.sutazai.gateway.chat;

import ai.sutazai.gateway.conversation.ConversationId;
import ai.sutazai.gateway.http.ChatLimits;
import ai.sutazai.gateway.http.JsonFields;
import ai.sutazai.gateway.http.QueueOptions;
import ai.sutazai.gateway.inference.InferenceCall;
import ai.sutazai.verticles.inference.InferenceKind;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A validated chat of SutazAI's own API, from {@code POST /api/v1/chat} or a {@code /ws/chat}
 * frame: messages, optional model or model type, Ollama options, stream flag, queue options, the
 * conversation it continues, whether the exchange is kept, and whether the inference cache may answer it.
 *
 * @param conversationId the conversation to continue, or null to start one
 * @param cache          whether the inference cache may serve and keep the answer, or null for its policy
 * @param store          whether the exchange is kept in a conversation ({@code "store": false} keeps nothing)
 */
public record ChatInput(JsonArray messages, String model, String modelType, JsonObject options,
    Boolean stream, QueueOptions queue, String conversationId, Boolean cache, boolean store) {

  public static final List<String> ROLES = List.of("system", "user", "assistant", "tool");
  public static final List<String> MODEL_TYPES = List.of("default", "reasoning", "coding", "analysis");

  /**
   * Reads and checks a chat.
   *
   * @param priorityHeader the {@code X-Priority} header, used when the body has no priority
   * @throws ai.sutazai.verticles.problem.ProblemException 400 naming the first field that is wrong, 413
   *     naming the limit a message passes
   */
  public static ChatInput read(JsonFields body, String priorityHeader, ChatLimits limits) {
    limits.checkMessages(body);
    JsonArray messages = body.requiredNonEmptyArray("messages");
    for (int i = 0; i < messages.size(); i++) {
      JsonFields message = body.element("messages", messages, i);
      if (message.optionalString("role") == null) {
        throw message.invalid("role", "is required (one of " + String.join(", ", ROLES) + ")");
      }
      message.optionalChoice("role", ROLES);
      if (message.optionalString("content") == null) {
        throw message.invalid("content", "is required (a string)");
      }
    }
    return new ChatInput(messages,
        body.optionalString("model"),
        body.optionalChoice("model_type", MODEL_TYPES),
        body.optionalObject("options"),
        body.optionalBoolean("stream"),
        QueueOptions.read(body, priorityHeader),
        ConversationId.optional(body, "conversation_id"),
        body.optionalBoolean("cache"),
        !Boolean.FALSE.equals(body.optionalBoolean("store")));
  }

  /** Queues this chat on the call, after the {@code history} of its conversation; its events go to {@code events}. */
  public void submit(InferenceCall call, JsonArray history, Handler<JsonObject> events) {
    JsonArray prompt = history.copy().addAll(messages);
    JsonObject body = new JsonObject().put("messages", prompt);
    if (options != null) {
      body.put("options", options);
    }
    if (cache != null) {
      body.put("cache", cache);
    }
    call.submit(InferenceKind.CHAT, model, modelType, queue.priority(), queue.timeoutMs(), body, events);
  }
}
