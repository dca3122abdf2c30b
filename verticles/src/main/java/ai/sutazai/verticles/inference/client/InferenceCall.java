package ai.sutazai.verticles.inference.client;

import ai.sutazai.verticles.bus.ServiceRequests;
import ai.sutazai.verticles.inference.InferenceAddresses;
import ai.sutazai.verticles.inference.InferenceEvent;
import ai.sutazai.verticles.inference.InferenceKind;
import ai.sutazai.verticles.inference.InferenceRequest;
import ai.sutazai.verticles.inference.Priority;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request to the inference verticle whose answer streams back as {@link InferenceEvent}s: it
 * listens on its own reply address before it submits, hands every event to its handler (a refused
 * or unacknowledged submission becomes an {@code error} event), stops listening after {@code done}
 * or {@code error}, and sends CANCEL when the client goes away first or the submission may have
 * been queued unacknowledged (then it keeps listening, silently, until the inference verticle's
 * last event or {@link #LINGER_MS}, so events already on their way are not reported as undeliverable).
 */
public final class InferenceCall {

  private static final Logger log = LoggerFactory.getLogger(InferenceCall.class);
  private static final String REPLY_PREFIX = "sutazai.gateway.reply.";
  /** How long a cancelled call still swallows events already sent to it. */
  static final long LINGER_MS = 5_000;

  private final Vertx vertx;
  private final InferenceClient client;
  private final String requestId;
  private final String id = UUID.randomUUID().toString();
  private MessageConsumer<JsonObject> consumer;
  private Handler<JsonObject> events;
  private Runnable cancelled;
  private long watchdog = -1;
  private boolean finished;

  InferenceCall(Vertx vertx, InferenceClient client, String requestId) {
    this.vertx = vertx;
    this.client = client;
    this.requestId = requestId;
  }

  /** The id the inference verticle knows this call by. */
  public String id() {
    return id;
  }

  public String requestId() {
    return requestId;
  }

  /** Queues a chat, generation or embedding; its events go to {@code events}. */
  public void submit(InferenceKind kind, String model, String modelType, Priority priority, long timeoutMs,
      JsonObject body, Handler<JsonObject> events) {
    InferenceRequest request = new InferenceRequest(id, kind, model, modelType, priority, timeoutMs,
        replyAddress(), body);
    start(InferenceAddresses.SUBMIT, request.toJson(), client.watchdogMs(timeoutMs), events);
  }

  /** Starts pulling a model; progress events go to {@code events}. */
  public void pull(String model, JsonObject extra, Handler<JsonObject> events) {
    JsonObject message = extra.copy().put("id", id).put("model", model).put("reply_address", replyAddress());
    start(InferenceAddresses.PULL, message, 0, events);
  }

  private void start(String address, JsonObject message, long watchdogMs, Handler<JsonObject> handler) {
    if (finished) {
      log.debug("[{}] call {} was cancelled before it was sent", requestId, id);
      return;
    }
    this.events = handler;
    log.debug("[{}] sending call {} to {}", requestId, id, address);
    consumer = vertx.eventBus().consumer(replyAddress(), msg -> onMessage(msg.body()));
    consumer.completion()
        .compose(v -> vertx.eventBus().request(address, message,
            ServiceRequests.delivery(requestId, client.ackTimeoutMs())))
        .onFailure(this::onAckFailure);
    if (watchdogMs > 0) {
      watchdog = vertx.setTimer(watchdogMs, t -> {
        watchdog = -1;
        if (!finished) {
          log.warn("[{}] inference call {} gave no answer within {} ms; cancelling it", requestId, id, watchdogMs);
          abandon(ProblemType.DEADLINE_EXCEEDED.problem(
              "the inference service did not finish the request within its deadline"));
        }
      });
    }
  }

  /**
   * A refusal the inference verticle answered (RECIPIENT_FAILURE) queued nothing; after any other
   * failure, a timed-out acknowledgement above all, the job may exist, so it is cancelled.
   */
  private void onAckFailure(Throwable failure) {
    boolean refused = failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE;
    if (refused) {
      deliver(InferenceEvent.error(Problem.of(failure)));
    } else {
      log.warn("[{}] inference call {} was not acknowledged ({}); cancelling it", requestId, id, failure.getMessage());
      abandon(Problem.of(failure));
    }
  }

  /** Ends the call with {@code problem}, cancels it, and swallows its late events for a while. */
  private void abandon(Problem problem) {
    if (finished) {
      return;
    }
    finish();
    sendCancel();
    vertx.setTimer(LINGER_MS, t -> unregister());
    JsonObject event = InferenceEvent.error(problem);
    logFailure(event);
    events.handle(event);
  }

  private void onMessage(JsonObject event) {
    if (!finished) {
      deliver(event);
    } else if (isLast(event)) {
      unregister();
    }
  }

  private void deliver(JsonObject event) {
    if (finished) {
      return;
    }
    if (isLast(event)) {
      finish();
      unregister();
      logFailure(event);
    }
    events.handle(event);
  }

  private void logFailure(JsonObject event) {
    if (InferenceEvent.ERROR.equals(InferenceEvent.type(event))) {
      Problem problem = InferenceEvent.problemOf(event);
      if (problem.status() >= 500) {
        log.info("[{}] call {} failed: {} {}", requestId, id, problem.status(), problem.detail());
      } else {
        log.debug("[{}] call {} refused: {} {}", requestId, id, problem.status(), problem.detail());
      }
    }
  }

  private static boolean isLast(JsonObject event) {
    String type = InferenceEvent.type(event);
    return InferenceEvent.DONE.equals(type) || InferenceEvent.ERROR.equals(type);
  }

  /** Whether the call has ended: answered, failed or cancelled. */
  public boolean finished() {
    return finished;
  }

  /**
   * Cancels the call if it still runs: the inference verticle drops or aborts it. A call not yet
   * submitted just ends, and will not be submitted.
   */
  public void cancel(String why) {
    if (finished) {
      return;
    }
    finish();
    if (consumer != null) {
      log.info("[{}] cancelling inference call {}: {}", requestId, id, why);
      sendCancel();
      vertx.setTimer(LINGER_MS, t -> unregister());
    }
    if (cancelled != null) {
      cancelled.run();
    }
  }

  /** Runs {@code handler} when {@link #cancel} ends the call while it runs (its events then stop). */
  public void onCancelled(Runnable handler) {
    this.cancelled = handler;
  }

  private void sendCancel() {
    vertx.eventBus().send(InferenceAddresses.CANCEL, new JsonObject().put("id", id),
        ServiceRequests.delivery(requestId, InferenceClient.ACK_TIMEOUT_MS));
  }

  private void finish() {
    finished = true;
    if (watchdog >= 0) {
      vertx.cancelTimer(watchdog);
      watchdog = -1;
    }
  }

  private void unregister() {
    if (consumer != null && consumer.isRegistered()) {
      consumer.unregister();
    }
  }

  private String replyAddress() {
    return REPLY_PREFIX + id;
  }
}
