package ai.sutazai.gateway.chat;

import ai.sutazai.gateway.conversation.ConversationRecorder;
import ai.sutazai.gateway.http.ProblemResponses;
import ai.sutazai.verticles.inference.client.Answer;
import ai.sutazai.gateway.stream.StreamDialect;
import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * SutazAI's own chat answer: SSE frames {@code token}, {@code done} and {@code error} when
 * streaming, one JSON object otherwise; the end names the conversation the exchange was kept in.
 */
public final class NativeChatDialect implements StreamDialect {

  private final String id;

  public NativeChatDialect(String id) {
    this.id = id;
  }

  @Override
  public String token(JsonObject event) {
    return StreamDialect.sseEvent("token", tokenData(event));
  }

  @Override
  public String done(JsonObject event) {
    return StreamDialect.sseEvent("done", new JsonObject().put("id", id).mergeIn(outcome(event)));
  }

  @Override
  public String error(Problem problem, String requestId) {
    return StreamDialect.sseEvent("error", ProblemResponses.body(problem, requestId, null));
  }

  /** The non-streaming answer. */
  public static JsonObject answer(String id, Answer answer) {
    JsonObject message = new JsonObject().put("role", "assistant").put("content", answer.content());
    if (answer.thinking() != null) {
      message.put("thinking", answer.thinking());
    }
    if (answer.toolCalls() != null) {
      message.put("tool_calls", answer.toolCalls());
    }
    JsonObject outcome = outcome(answer.done());
    return new JsonObject()
        .put("id", id)
        .put("model", answer.model())
        .put("message", message)
        .put("done_reason", outcome.getValue("done_reason"))
        .put("usage", outcome.getValue("usage"))
        .put("timings", outcome.getValue("timings"))
        .put("cached", outcome.getValue("cached"))
        .mergeIn(conversation(answer.done()));
  }

  /** A token's content, with thinking and tool calls when the model sent them. */
  static JsonObject tokenData(JsonObject event) {
    JsonObject data = new JsonObject().put("content", event.getString("content", ""));
    if (event.getValue("thinking") != null) {
      data.put("thinking", event.getValue("thinking"));
    }
    if (event.getValue("tool_calls") != null) {
      data.put("tool_calls", event.getValue("tool_calls"));
    }
    return data;
  }

  /** Model, done reason, usage, timings, whether the cache answered, and conversation of a {@code done} event. */
  static JsonObject outcome(JsonObject done) {
    return new JsonObject()
        .put("model", done.getString("model"))
        .put("done_reason", done.getString("done_reason", "stop"))
        .put("usage", done.getJsonObject("usage", new JsonObject()))
        .put("timings", Answer.timingsOf(done))
        .put("cached", done.getBoolean("cached", false))
        .mergeIn(conversation(done));
  }

  /** {@code conversation_id} (null when none was created) and {@code storage_error}, when {@code done} has them. */
  private static JsonObject conversation(JsonObject done) {
    JsonObject conversation = new JsonObject();
    for (String member : List.of(ConversationRecorder.CONVERSATION_ID, ConversationRecorder.STORAGE_ERROR)) {
      if (done.containsKey(member)) {
        conversation.put(member, done.getValue(member));
      }
    }
    return conversation;
  }
}
