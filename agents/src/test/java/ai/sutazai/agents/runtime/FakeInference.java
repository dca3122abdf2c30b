package ai.sutazai.agents.runtime;

import ai.sutazai.verticles.bus.ServiceRequests;
import ai.sutazai.verticles.inference.InferenceAddresses;
import ai.sutazai.verticles.inference.InferenceEvent;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The inference verticle's SUBMIT and CANCEL as a test scripts them: each submission is acknowledged, then answered
 * with the next scripted reply (an answer, possibly late, a problem, or nothing until it is cancelled). Records the
 * submissions with their request id header, and the ids cancelled.
 */
public final class FakeInference {

  private record Reply(String answer, Problem problem, long delayMs) {
  }

  private final Vertx vertx;
  private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
  /** Every submitted request, with {@code "request_id"} added from its header. */
  public final List<JsonObject> submitted = new CopyOnWriteArrayList<>();
  /** The ids of the calls cancelled, in order. */
  public final List<String> cancelled = new CopyOnWriteArrayList<>();

  private FakeInference(Vertx vertx) {
    this.vertx = vertx;
  }

  public static FakeInference serving(Vertx vertx) throws Exception {
    FakeInference inference = new FakeInference(vertx);
    Future.all(
        vertx.eventBus().<JsonObject>consumer(InferenceAddresses.SUBMIT, message -> {
          inference.submitted.add(message.body().copy()
              .put("request_id", message.headers().get(ServiceRequests.REQUEST_ID_HEADER)));
          message.reply(new JsonObject().put("queued", true));
          inference.answer(message.body());
        }).completion(),
        vertx.eventBus().<JsonObject>consumer(InferenceAddresses.CANCEL,
            message -> inference.cancelled.add(message.body().getString("id"))).completion())
        .await(10, TimeUnit.SECONDS);
    return inference;
  }

  public FakeInference answers(String... answers) {
    for (String answer : answers) {
      script.add(new Reply(answer, null, 0));
    }
    return this;
  }

  public FakeInference answersAfter(long delayMs, String answer) {
    script.add(new Reply(answer, null, delayMs));
    return this;
  }

  public FakeInference fails(ProblemType type, String detail) {
    script.add(new Reply(null, type.problem(detail), 0));
    return this;
  }

  /** The next submission gets no answer at all: it waits until cancelled. */
  public FakeInference holds() {
    script.add(new Reply(null, null, -1));
    return this;
  }

  /** The content of the last message of submission {@code index}. */
  public String lastMessageOf(int index) {
    var messages = submitted.get(index).getJsonObject("body").getJsonArray("messages");
    return messages.getJsonObject(messages.size() - 1).getString("content");
  }

  private void answer(JsonObject request) {
    String to = request.getString("reply_address");
    Reply reply = script.poll();
    if (reply == null) {
      vertx.eventBus().send(to, InferenceEvent.error(ProblemType.INTERNAL.problem("no answer was scripted")));
    } else if (reply.problem() != null) {
      vertx.eventBus().send(to, InferenceEvent.error(reply.problem()));
    } else if (reply.delayMs() == 0) {
      send(to, request, reply.answer());
    } else if (reply.delayMs() > 0) {
      vertx.setTimer(reply.delayMs(), t -> send(to, request, reply.answer()));
    }
  }

  private void send(String to, JsonObject request, String answer) {
    String model = request.getString("model");
    vertx.eventBus().send(to, InferenceEvent.started(model, 1));
    vertx.eventBus().send(to, InferenceEvent.token(answer));
    vertx.eventBus().send(to, new JsonObject().put("type", InferenceEvent.DONE).put("model", model)
        .put("done_reason", "stop"));
  }
}
