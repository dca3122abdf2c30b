package ai.sutazai.gateway.chat;

import ai.sutazai.gateway.conversation.ConversationRecorder;
import ai.sutazai.gateway.conversation.Conversations;
import ai.sutazai.verticles.inference.client.InferenceCall;
import ai.sutazai.verticles.inference.client.InferenceClient;
import ai.sutazai.verticles.inference.InferenceEvent;
import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts chats of SutazAI's own API inside conversations: reads the history of the conversation a
 * chat continues, sends it to the model before the client's messages, and has the exchange
 * recorded (see {@link ConversationRecorder}) unless the chat says {@code "store": false}.
 */
public final class ChatStarter {

  private static final Logger log = LoggerFactory.getLogger(ChatStarter.class);

  private final InferenceClient inference;
  private final Conversations conversations;

  public ChatStarter(InferenceClient inference, Conversations conversations) {
    this.inference = inference;
    this.conversations = conversations;
  }

  /** A new inference call for one chat of a client request. */
  public InferenceCall call(String requestId) {
    return inference.call(requestId);
  }

  /**
   * Starts {@code input} on {@code call} for {@code owner}; its events go to {@code events}. When the
   * history cannot be read (404, 503) the chat ends with an {@code error} event and nothing is
   * submitted; a call cancelled while the history loads is not submitted at all.
   */
  public void start(String owner, ChatInput input, InferenceCall call, Handler<JsonObject> events) {
    history(owner, input, call.requestId()).onComplete(ar -> {
      if (call.finished()) {
        return;
      }
      if (ar.failed()) {
        Problem problem = Problem.of(ar.cause());
        log.info("[{}] cannot continue conversation {}: {} {}", call.requestId(), input.conversationId(),
            problem.status(), problem.detail());
        events.handle(InferenceEvent.error(problem));
        return;
      }
      input.submit(call, ar.result(), input.store()
          ? new ConversationRecorder(conversations, owner, input.conversationId(), input.messages(), call, events)
          : events);
    });
  }

  private Future<JsonArray> history(String owner, ChatInput input, String requestId) {
    if (input.conversationId() == null) {
      return Future.succeededFuture(new JsonArray());
    }
    return conversations.history(owner, input.conversationId(), requestId);
  }
}
