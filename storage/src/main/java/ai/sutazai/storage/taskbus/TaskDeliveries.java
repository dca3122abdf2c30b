package ai.sutazai.storage.taskbus;

import ai.sutazai.storage.broker.TaskDelivery;
import ai.sutazai.storage.broker.TaskTopology;
import ai.sutazai.storage.broker.TaskVerdict;
import ai.sutazai.verticles.agents.AgentAddresses;
import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one task to its agent at {@link AgentAddresses#deliveries(String)} and turns the agent's {@code settle}
 * into a {@link TaskVerdict}. A copy for another agent of the family is dropped. A delivery the agent did not settle
 * (nobody listening, discarded by an agent going away, or no settle within the consumer's timeout) is requeued without
 * touching the task's record or counting an attempt: the agent may still hold the attempt and finish it, and it
 * answers {@code requeue} to a copy of a task it still holds, so the task stays on the bus until a settle says what
 * became of it. A failed or malformed reply is a failed attempt: the task goes back to queued with the error and is
 * retried, or on the last attempt is recorded dead. A rejected task is recorded dead with its reason before it is
 * dead-lettered, so that the reason is kept whichever node reads the dead letter.
 */
final class TaskDeliveries {

  private static final Logger LOG = LoggerFactory.getLogger(TaskDeliveries.class);

  private final Vertx vertx;
  private final TaskRecords records;
  private final int maxAttempts;

  TaskDeliveries(Vertx vertx, TaskRecords records, int maxAttempts) {
    this.vertx = vertx;
    this.records = records;
    this.maxAttempts = maxAttempts;
  }

  Future<TaskVerdict> deliver(AgentConsumer consumer, TaskDelivery delivery) {
    Object task = delivery.body().getValue("task");
    if (!(task instanceof JsonObject stored) || !(stored.getValue("id") instanceof String id)) {
      LOG.warn("Dropped a message {} in the queue of agent {}: it carries no task", delivery.taskId(),
          consumer.agent());
      return Future.succeededFuture(TaskVerdict.ACK);
    }
    if (!consumer.agent().equals(stored.getValue("agent"))) {
      LOG.debug("Dropped the copy of task {} in the queue of agent {}: the task is agent {}'s", id, consumer.agent(),
          stored.getValue("agent"));
      return Future.succeededFuture(TaskVerdict.ACK);
    }
    return records.published(id).transform(current -> {
      if (current.succeeded()) {
        return handOut(consumer, delivery, current.result());
      }
      if (TaskRecords.settledAlready(current.cause())) {
        LOG.debug("Task {} is not handed out: {}", id, Problem.of(current.cause()).detail());
        return Future.succeededFuture(TaskVerdict.ACK);
      }
      LOG.warn("Task {} waits: its record cannot be read ({})", id, Problem.of(current.cause()).detail());
      return Future.succeededFuture(TaskVerdict.REQUEUE);
    });
  }

  private Future<TaskVerdict> handOut(AgentConsumer consumer, TaskDelivery delivery, JsonObject task) {
    JsonObject message = new JsonObject()
        .put("task", task)
        .put("attempt", delivery.attempt())
        .put("max_attempts", maxAttempts)
        .put("redelivered", delivery.redelivered());
    return vertx.eventBus().request(AgentAddresses.deliveries(consumer.agent()), message,
            new DeliveryOptions().setSendTimeout(consumer.timeoutMs()))
        .transform(reply -> settled(consumer, delivery, task, reply));
  }

  private Future<TaskVerdict> settled(AgentConsumer consumer, TaskDelivery delivery, JsonObject task,
      AsyncResult<Message<Object>> reply) {
    if (reply.failed()) {
      if (notSettled(reply.cause())) {
        LOG.debug("Task {} goes back to its queue: agent {} did not settle it ({})", task.getString("id"),
            consumer.agent(), reply.cause().getMessage());
        return Future.succeededFuture(TaskVerdict.REQUEUE);
      }
      return failedAttempt(consumer, delivery, task, describe(reply.cause()));
    }
    Object body = reply.result().body();
    Object settle = body instanceof JsonObject json ? json.getValue("settle") : null;
    String reason = body instanceof JsonObject json && json.getValue("reason") instanceof String text ? text : null;
    if ("ack".equals(settle)) {
      return Future.succeededFuture(TaskVerdict.ACK);
    }
    if ("requeue".equals(settle)) {
      return Future.succeededFuture(TaskVerdict.REQUEUE);
    }
    if ("retry".equals(settle)) {
      return delivery.attempt() >= maxAttempts
          ? dead(consumer, delivery, task, reason == null ? "the agent asked for a retry after the last attempt"
              : reason)
          : Future.succeededFuture(TaskVerdict.RETRY);
    }
    if ("reject".equals(settle)) {
      return dead(consumer, delivery, task, reason == null ? "the agent gave no reason" : reason);
    }
    return failedAttempt(consumer, delivery, task, "the agent replied " + Json.encode(body)
        + " instead of a settle of ack, retry, reject or requeue");
  }

  private Future<TaskVerdict> failedAttempt(AgentConsumer consumer, TaskDelivery delivery, JsonObject task,
      String error) {
    if (delivery.attempt() >= maxAttempts) {
      return dead(consumer, delivery, task, error);
    }
    String id = task.getString("id");
    LOG.info("Attempt {} of task {} on agent {} failed: {}", delivery.attempt(), id, consumer.agent(), error);
    return records.transition(id, "queued", error, null).transform(recorded -> {
      if (recorded.failed() && !TaskRecords.settledAlready(recorded.cause())) {
        LOG.warn("Task {} stays as it is recorded ({}); it is retried all the same", id,
            Problem.of(recorded.cause()).detail());
      }
      return Future.succeededFuture(TaskVerdict.RETRY);
    });
  }

  private Future<TaskVerdict> dead(AgentConsumer consumer, TaskDelivery delivery, JsonObject task, String error) {
    String id = task.getString("id");
    String reason = DeadTasks.rejectedAfter(delivery.attempt(), error);
    JsonObject detail = new JsonObject().put("reason", "rejected").put("queue", TaskTopology.queueOf(consumer.agent()))
        .put("attempt", delivery.attempt());
    LOG.warn("Task {} is dead on agent {}: {}", id, consumer.agent(), reason);
    return records.transition(id, "dead", reason, detail).transform(recorded -> {
      if (recorded.failed() && !TaskRecords.settledAlready(recorded.cause())) {
        LOG.warn("Task {} could not be recorded dead yet ({}); its dead letter records it",
            id, Problem.of(recorded.cause()).detail());
      }
      return Future.succeededFuture(TaskVerdict.REJECT);
    });
  }

  /**
   * Whether a failed delivery says nothing of the attempt: nobody listened, or no settle came, whether the agent's
   * consumer discarded the request while going away (Vert.x answers that with a timeout at once) or the agent still
   * works on it past the timeout.
   */
  private static boolean notSettled(Throwable failure) {
    return failure instanceof ReplyException reply
        && (reply.failureType() == ReplyFailure.NO_HANDLERS || reply.failureType() == ReplyFailure.TIMEOUT);
  }

  private static String describe(Throwable failure) {
    if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      return "the agent failed the delivery: " + Problem.of(failure).detail();
    }
    return "the delivery failed: " + failure;
  }
}
