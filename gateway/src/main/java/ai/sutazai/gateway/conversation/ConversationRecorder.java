package ai.sutazai.gateway.conversation;

import ai.sutazai.verticles.inference.client.Answer;
import ai.sutazai.verticles.inference.client.InferenceCall;
import ai.sutazai.verticles.inference.InferenceEvent;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one chat exchange in a conversation while passing the call's events on; {@code done}
 * carries {@code conversation_id}. While storage accepts exchanges, {@code done} goes out as soon
 * as the exchange is handed to storage; after a refusal (and at first) {@code done} waits for the
 * exchange's acceptance and carries {@code storage_error} when storage refused it, until storage
 * accepts again. A generation that started and then failed or was cancelled is stored with that
 * status and its partial content, without waiting; nothing is stored for one refused before it
 * started.
 */
public final class ConversationRecorder implements Handler<JsonObject> {

  /** The member of a chat's {@code done} naming the conversation the exchange was stored in. */
  public static final String CONVERSATION_ID = "conversation_id";
  /** The member of a chat's {@code done} saying why the exchange could not be stored. */
  public static final String STORAGE_ERROR = "storage_error";

  private static final Logger log = LoggerFactory.getLogger(ConversationRecorder.class);

  private final Conversations conversations;
  private final String owner;
  private final String conversationId;
  /** {@code conversationId}, or the id chosen here for the conversation this exchange starts. */
  private final String storedId;
  private final JsonArray messages;
  private final String requestId;
  private final Handler<JsonObject> events;
  private final Answer answer = new Answer();
  private boolean started;
  private boolean stored;

  /**
   * @param conversationId the conversation to continue, or null to start one
   * @param messages       the messages the client sent (not the history)
   * @param events         where the events go on, {@code done} last and decorated
   */
  public ConversationRecorder(Conversations conversations, String owner, String conversationId, JsonArray messages,
      InferenceCall call, Handler<JsonObject> events) {
    this.conversations = conversations;
    this.owner = owner;
    this.conversationId = conversationId;
    this.storedId = conversationId == null ? UUID.randomUUID().toString() : conversationId;
    this.messages = roleAndContent(messages);
    this.requestId = call.requestId();
    this.events = events;
    call.onCancelled(() -> storeUnfinished("cancelled"));
  }

  @Override
  public void handle(JsonObject event) {
    switch (InferenceEvent.type(event)) {
      case InferenceEvent.STARTED:
        started = true;
        answer.add(event);
        events.handle(event);
        break;
      case InferenceEvent.DONE:
        answer.add(event);
        storeDone(event);
        break;
      case InferenceEvent.ERROR:
        boolean cancelled = InferenceEvent.problemOf(event).status() == ProblemType.CANCELLED.status();
        storeUnfinished(cancelled ? "cancelled" : "failed");
        events.handle(event);
        break;
      default:
        answer.add(event);
        events.handle(event);
        break;
    }
  }

  private void storeDone(JsonObject done) {
    stored = true;
    if (conversations.lastAppendAccepted()) {
      // The append is sent in this same event-loop turn, so it reaches storage before any request the
      // client can make after reading done.
      events.handle(done.copy().put(CONVERSATION_ID, storedId));
      store("complete").onFailure(failure -> logNotStored("complete", failure));
      return;
    }
    store("complete").onFailure(failure -> logNotStored("complete", failure)).onComplete(ar -> {
      JsonObject decorated = done.copy();
      if (ar.succeeded()) {
        decorated.put(CONVERSATION_ID, storedId);
      } else {
        decorated.put(CONVERSATION_ID, conversationId).put(STORAGE_ERROR, Problem.of(ar.cause()).detail());
      }
      events.handle(decorated);
    });
  }

  private void storeUnfinished(String status) {
    if (!started || stored) {
      return;
    }
    stored = true;
    store(status).onFailure(failure -> logNotStored(status, failure));
  }

  private void logNotStored(String status, Throwable failure) {
    Problem problem = Problem.of(failure);
    log.warn("[{}] the {} answer was not stored in conversation {}: {} {}", requestId, status,
        conversationId == null ? "(new)" : conversationId, problem.status(), problem.detail());
  }

  private Future<Void> store(String status) {
    JsonObject stored = new JsonObject().put("content", answer.content()).put("status", status);
    if (answer.model() != null) {
      stored.put("model", answer.model());
    }
    JsonObject usage = answer.done().getJsonObject("usage");
    if (usage != null) {
      stored.put("usage", usage);
    }
    if (!answer.timings().isEmpty()) {
      stored.put("timings", answer.timings());
    }
    return conversations.append(owner, storedId, conversationId == null, messages, stored, requestId);
  }

  private static JsonArray roleAndContent(JsonArray messages) {
    JsonArray plain = new JsonArray();
    messages.forEach(m -> {
      JsonObject message = (JsonObject) m;
      plain.add(new JsonObject().put("role", message.getString("role")).put("content", message.getString("content")));
    });
    return plain;
  }
}
