package ai.sutazai.agents.runtime;

import ai.sutazai.verticles.agents.AgentActivity.Outcome;
import ai.sutazai.verticles.agents.TaskPriority;
import ai.sutazai.verticles.inference.Priority;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery of a task to one copy of an agent, from reading the task to the settlement the task bus waits for:
 * a task already final is acknowledged, one whose cancel was requested is cancelled; otherwise it becomes running
 * (a conflict means another copy or a cancel won: the task is read again and settled by its status, never run
 * twice), its behaviour runs within the agent's timeout with the results of the tasks it depends on, and it
 * completes, fails (retried while attempts are left, then rejected for the task bus to dead-letter; a failure no
 * retry can mend, such as a refused payload, ends the task failed at once) or is cancelled. Runs on the agent's
 * worker context.
 */
final class TaskAttempt {

  private static final Logger log = LoggerFactory.getLogger(TaskAttempt.class);
  private static final Set<String> FINAL = Set.of("completed", "failed", "dead", "cancelled");

  private final AgentRuntime runtime;
  private final String taskId;
  private final int attempt;
  private final int maxAttempts;
  private final Promise<JsonObject> settlement = Promise.promise();
  private final Promise<Ending> ending = Promise.promise();
  private InferenceModelCall model;
  private long timer = -1;
  private long startedNanos;
  private boolean running;
  private boolean cancelRequested;
  private boolean givenBack;

  TaskAttempt(AgentRuntime runtime, String taskId, int attempt, int maxAttempts) {
    this.runtime = runtime;
    this.taskId = taskId;
    this.attempt = attempt;
    this.maxAttempts = maxAttempts;
  }

  /** Runs the attempt; the future is the settlement to reply with, and never fails. */
  Future<JsonObject> run() {
    runtime.activity().started();
    runtime.tasks().get(taskId)
        .compose(this::takeOn)
        .onComplete(ar -> {
          if (ar.failed()) {
            unexpectedFailure(ar.cause());
          }
        });
    return settled();
  }

  /** The settlement, once the attempt has run. */
  Future<JsonObject> settled() {
    return settlement.future();
  }

  /** Storage says the task's cancel was requested: abort the running behaviour at once. */
  void cancel() {
    cancelRequested = true;
    if (running) {
      ending.tryComplete(Ending.cancelled());
    }
  }

  /** The agent is being undeployed and its timeout has passed: hand the task back unfinished. */
  void giveBack() {
    givenBack = true;
    if (running) {
      ending.tryComplete(Ending.returned());
    }
  }

  private Future<Void> takeOn(JsonObject task) {
    String status = task.getString("status");
    if (FINAL.contains(status)) {
      log.debug("[{}] task is {} already; acknowledged without running it", taskId, status);
      return settle(Outcome.RETURNED, Settlement.ack());
    }
    if (task.getBoolean("cancel_requested", false)) {
      return runtime.tasks().transition(taskId, "cancelled", new JsonObject())
          .transform(ar -> ar.succeeded() ? settle(Outcome.CANCELLED, Settlement.ack()) : afterRefusal(ar.cause()));
    }
    if (givenBack) {
      return settle(Outcome.RETURNED, Settlement.requeue());
    }
    Priority level = TaskPriority.inferenceLevel(task.getInteger("priority", TaskPriority.DEFAULT));
    return runtime.tasks().transition(taskId, "running", new JsonObject().put("agent", runtime.agent().id()))
        .transform(ar -> ar.succeeded() ? work(ar.result().getJsonObject("task"), level) : afterRefusal(ar.cause()));
  }

  /** The task is running under this attempt: the behaviour races the timeout, a cancel and a give-back. */
  private Future<Void> work(JsonObject task, Priority level) {
    running = true;
    startedNanos = System.nanoTime();
    long timeoutMs = TimeUnit.SECONDS.toMillis(runtime.agent().timeoutSeconds());
    model = new InferenceModelCall(runtime.inference(), taskId, runtime.modelName(), runtime.agent().options(),
        level, startedNanos + TimeUnit.MILLISECONDS.toNanos(timeoutMs));
    timer = runtime.vertx().setTimer(timeoutMs, t -> ending.tryComplete(Ending.failed(
        ProblemType.DEADLINE_EXCEEDED.problem("the task timed out after " + runtime.agent().timeoutSeconds()
            + " s").asException())));
    if (cancelRequested || task.getBoolean("cancel_requested", false)) {
      ending.tryComplete(Ending.cancelled());
    } else if (givenBack) {
      ending.tryComplete(Ending.returned());
    } else {
      perform(task).onComplete(ar -> ending.tryComplete(ar.succeeded() ? Ending.done(ar.result())
          : Ending.failed(ar.cause())));
    }
    return ending.future().compose(this::conclude);
  }

  private Future<JsonObject> perform(JsonObject task) {
    AgentTools tools = new AgentTools(runtime.agent(), model, runtime.modelName(), runtime.tasks(),
        runtime.directory(), model::aborted);
    return DependencyInputs.of(task, runtime.tasks()).compose(inputs -> {
      AgentTask agentTask = new AgentTask(taskId, task.getString("type"), task.getJsonObject("payload"),
          task.getInteger("priority", TaskPriority.DEFAULT), task.getString("owner"), task.getString("workflow"),
          inputs, attempt, maxAttempts);
      if (!runtime.behaviour().cacheable(agentTask)) {
        return behave(agentTask, tools);
      }
      String key = AgentResponseCache.keyOf(runtime.agent(), agentTask);
      return runtime.cache().lookup(key, taskId).compose(cached -> cached != null
          ? Future.succeededFuture(cached.put("cached", true))
          : behave(agentTask, tools).compose(result -> runtime.cache().keep(key, result, taskId).map(result)));
    });
  }

  private Future<JsonObject> behave(AgentTask task, AgentTools tools) {
    try {
      Future<JsonObject> result = runtime.behaviour().perform(task, tools);
      return result != null ? result : Future.failedFuture(new IllegalStateException("the behaviour gave no result"));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<Void> conclude(Ending end) {
    runtime.vertx().cancelTimer(timer);
    long nanos = System.nanoTime() - startedNanos;
    switch (end.kind()) {
      case DONE:
        return runtime.tasks().transition(taskId, "completed", new JsonObject().put("result", end.result()))
            .transform(ar -> {
              if (ar.succeeded()) {
                runtime.meters().completed(nanos);
                return settle(Outcome.COMPLETED, Settlement.ack());
              }
              return isConflict(ar.cause()) ? afterRefusal(ar.cause())
                  : conclude(Ending.failed(new IllegalStateException("could not record the result: "
                      + AttemptFailures.reasonOf(ar.cause()), ar.cause())));
            });
      case CANCELLED:
        model.abort("the task was cancelled");
        log.info("[{}] task cancelled while agent {} ran it", taskId, runtime.agent().id());
        runtime.meters().cancelled(nanos);
        return runtime.tasks().transition(taskId, "cancelled", new JsonObject())
            .transform(ar -> ar.succeeded() ? settle(Outcome.CANCELLED, Settlement.ack()) : afterRefusal(ar.cause()));
      case RETURNED:
        String why = "returned: agent " + runtime.agent().id() + " was undeployed";
        model.abort(why);
        log.info("[{}] {} before the task finished; handing it back", taskId, why);
        return moveBackToQueued(why).transform(ar -> settle(Outcome.RETURNED, Settlement.requeue()));
      default:
        return failed(end.failure(), nanos);
    }
  }

  private Future<Void> failed(Throwable failure, long nanos) {
    String reason = AttemptFailures.reasonOf(failure);
    model.abort("the attempt failed");
    boolean worthRetrying = AttemptFailures.worthRetrying(failure);
    boolean retry = attempt < maxAttempts && worthRetrying;
    runtime.meters().failed(nanos, retry);
    log.warn("[{}] agent {} failed attempt {} of {} ({}): {}", taskId, runtime.agent().id(), attempt, maxAttempts,
        retry ? "retrying" : worthRetrying ? "giving up" : "no retry can mend it", reason, failure);
    if (retry) {
      return moveBackToQueued(reason).transform(ar -> settle(Outcome.FAILED, Settlement.retry()));
    }
    if (worthRetrying) {
      return settle(Outcome.FAILED, Settlement.reject(reason));
    }
    // the task itself is at fault: it ends failed, and is not dead-lettered as an exhausted one would be
    return runtime.tasks().transition(taskId, "failed", new JsonObject().put("error", reason)).transform(ar -> {
      if (ar.succeeded()) {
        return settle(Outcome.FAILED, Settlement.ack());
      }
      return isConflict(ar.cause()) ? afterRefusal(ar.cause()) : settle(Outcome.FAILED, Settlement.reject(reason));
    });
  }

  private Future<Void> moveBackToQueued(String error) {
    return runtime.tasks().transition(taskId, "queued", new JsonObject().put("error", error))
        .onFailure(e -> log.warn("[{}] could not move the task back to queued: {}", taskId,
            AttemptFailures.reasonOf(e)))
        .mapEmpty();
  }

  /**
   * A status change refused with 409 (another copy or a cancel won): the task is read again and settled by its
   * status. Any other failure is the attempt's.
   */
  private Future<Void> afterRefusal(Throwable failure) {
    if (!isConflict(failure)) {
      return Future.failedFuture(failure);
    }
    log.info("[{}] {}; reading the task again", taskId, AttemptFailures.reasonOf(failure));
    return runtime.tasks().get(taskId).compose(task -> FINAL.contains(task.getString("status"))
        ? settle(Outcome.RETURNED, Settlement.ack())
        : settle(Outcome.RETURNED, Settlement.requeue()));
  }

  /**
   * A failure outside the behaviour (storage unreachable while reading or moving the task, say): retried while
   * attempts are left.
   */
  private void unexpectedFailure(Throwable failure) {
    String reason = AttemptFailures.reasonOf(failure);
    log.warn("[{}] agent {} could not carry out attempt {} of {}: {}", taskId, runtime.agent().id(), attempt,
        maxAttempts, reason, failure);
    settle(Outcome.FAILED, attempt < maxAttempts ? Settlement.retry() : Settlement.reject(reason));
  }

  private Future<Void> settle(Outcome outcome, JsonObject reply) {
    if (!settlement.future().isComplete()) {
      runtime.activity().ended(outcome);
      settlement.complete(reply);
    }
    return Future.succeededFuture();
  }

  private static boolean isConflict(Throwable failure) {
    return Problem.of(failure).status() == ProblemType.CONFLICT.status();
  }
}
