package ai.sutazai.gateway.chat;

import ai.sutazai.gateway.conversation.ConversationId;
import ai.sutazai.gateway.http.ChatLimits;
import ai.sutazai.gateway.http.QueueOptions;
import ai.sutazai.verticles.inference.client.InferenceCall;
import ai.sutazai.verticles.inference.InferenceKind;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

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

  /**
   * Reads a chat whose body (or frame) has passed {@link ai.sutazai.gateway.validation.BodySchema#NATIVE_CHAT}
   * or {@link ai.sutazai.gateway.validation.BodySchema#CHAT_FRAME}.
   *
   * @param priorityHeader the {@code X-Priority} header, used when the body has no priority
   * @throws ai.sutazai.verticles.problem.ProblemException 400 when the priority is not a queue level,
   *     413 naming the limit a message passes
   */
  public static ChatInput read(JsonObject body, String priorityHeader, ChatLimits limits) {
    limits.checkMessages(body);
    return new ChatInput(body.getJsonArray("messages"),
        body.getString("model"),
        body.getString("model_type"),
        body.getJsonObject("options"),
        body.getBoolean("stream"),
        QueueOptions.read(body, priorityHeader),
        ConversationId.normalize(body.getString("conversation_id")),
        body.getBoolean("cache"),
        !Boolean.FALSE.equals(body.getBoolean("store")));
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
