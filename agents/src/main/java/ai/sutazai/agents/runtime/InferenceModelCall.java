package ai.sutazai.agents.runtime;

import ai.sutazai.agents.model.ChatMessage;
import ai.sutazai.agents.model.ModelCall;
import ai.sutazai.verticles.inference.InferenceEvent;
import ai.sutazai.verticles.inference.InferenceKind;
import ai.sutazai.verticles.inference.Priority;
import ai.sutazai.verticles.inference.client.Answer;
import ai.sutazai.verticles.inference.client.InferenceCall;
import ai.sutazai.verticles.inference.client.InferenceClient;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agent's model for one attempt, over the inference verticle: chats with the agent's model and Ollama options,
 * at the queue level of the task's priority, each with the time left of the task's deadline, carrying the task id
 * as request id. A refused or failed chat fails with the problem it carries; {@link #abort} cancels the chats in
 * flight at once and refuses any further one.
 */
public final class InferenceModelCall implements ModelCall {

  private final InferenceClient client;
  private final String taskId;
  private final String model;
  private final JsonObject options;
  private final Priority level;
  private final long deadlineNanos;
  private final List<InferenceCall> calls = new ArrayList<>();
  private String abortedBecause;

  /** @param deadlineNanos the {@link System#nanoTime()} by which the attempt must be done */
  public InferenceModelCall(InferenceClient client, String taskId, String model, JsonObject options, Priority level,
      long deadlineNanos) {
    this.client = client;
    this.taskId = taskId;
    this.model = model;
    this.options = options;
    this.level = level;
    this.deadlineNanos = deadlineNanos;
  }

  @Override
  public Future<String> chat(List<ChatMessage> messages) {
    if (abortedBecause != null) {
      return Future.failedFuture(abortion());
    }
    long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    if (leftMs <= 0) {
      return Future.failedFuture(ProblemType.DEADLINE_EXCEEDED.problem(
          "the task's timeout passed before the model was asked").asException());
    }
    JsonArray conversation = new JsonArray();
    messages.forEach(message -> conversation.add(message.toJson()));
    JsonObject body = new JsonObject().put("messages", conversation);
    if (!options.isEmpty()) {
      body.put("options", options.copy());
    }
    Promise<String> reply = Promise.promise();
    Answer answer = new Answer();
    InferenceCall call = client.call(taskId);
    calls.removeIf(InferenceCall::finished);
    calls.add(call);
    call.onCancelled(() -> reply.tryFail(abortion()));
    call.submit(InferenceKind.CHAT, model, null, level, leftMs, body, event -> {
      if (InferenceEvent.ERROR.equals(InferenceEvent.type(event))) {
        reply.tryFail(InferenceEvent.problemOf(event).asException());
      } else if (answer.add(event)) {
        reply.tryComplete(answer.content());
      }
    });
    return reply.future();
  }

  /** Cancels the chats in flight, if any; every later chat fails at once. */
  public void abort(String why) {
    if (abortedBecause != null) {
      return;
    }
    abortedBecause = why;
    calls.forEach(call -> call.cancel(why));
  }

  /** Whether {@link #abort} was called: the attempt this call serves has ended. */
  public boolean aborted() {
    return abortedBecause != null;
  }

  private RuntimeException abortion() {
    return ProblemType.CANCELLED.problem("the model call was aborted: " + abortedBecause).asException();
  }
}
