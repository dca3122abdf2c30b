package ai.sutazai.storage.taskbus;

import ai.sutazai.storage.BusFields;
import ai.sutazai.storage.broker.DeadLetter;
import ai.sutazai.storage.broker.TaskTopology;
import ai.sutazai.storage.broker.UnroutableTask;
import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the tasks the transport gave up on as dead: dead letters from their own agent's queue (rejected or
 * expired), unroutable tasks, and tasks rejected, expired or interrupted in process; copies from other agents' queues
 * are ignored.
 * Recording is idempotent (a task already final stays as it is); a record that cannot be written yet fails the
 * future, so that the transport offers it again. A message whose task id is no task id at all (not a UUID) can
 * never be recorded: it is dropped with a warning instead of being offered again forever.
 */
final class DeadTasks {

  private static final Logger LOG = LoggerFactory.getLogger(DeadTasks.class);

  private final TaskRecords records;
  private final TaskBusMeters meters;
  private final AtomicLong deadLetters = new AtomicLong();

  DeadTasks(TaskRecords records, TaskBusMeters meters) {
    this.records = records;
    this.meters = meters;
  }

  /** Dead letters from the tasks' own agents' queues since start. */
  long deadLetters() {
    return deadLetters.get();
  }

  /** A dead letter from RabbitMQ's dead-letter queue. */
  Future<Void> deadLetter(DeadLetter letter) {
    Object task = letter.body().getValue("task");
    if (!(task instanceof JsonObject stored) || !(stored.getValue("id") instanceof String id) || !BusFields.isUuid(id)
        || !(stored.getValue("agent") instanceof String agent)) {
      LOG.warn("Dropped dead letter {} from {}: it carries no task", letter.taskId(), letter.queue());
      return Future.succeededFuture();
    }
    if (!TaskTopology.isNamePart(agent) || !TaskTopology.queueOf(agent).equals(letter.queue())) {
      LOG.debug("Ignored the dead copy of task {} from {}: the task is agent {}'s", id, letter.queue(), agent);
      return Future.succeededFuture();
    }
    Future<String> reason = switch (letter.reason()) {
      case "expired" -> Future.succeededFuture(expired(ttlOf(letter), letter.queue()));
      case "rejected" -> rejectedReason(id, letter.attempt());
      default -> Future.succeededFuture("dead-lettered by RabbitMQ (" + letter.reason() + ") from " + letter.queue());
    };
    return reason.compose(why -> dead(id, why, letter.death())).onSuccess(done -> counted(agent));
  }

  /** {@code rejected after N attempt(s): <error>}: how a task rejected on its attempt {@code attempts} is recorded. */
  static String rejectedAfter(int attempts, String error) {
    return "rejected after " + attempts + " attempt" + (attempts == 1 ? "" : "s") + ": " + error;
  }

  /** A task the alternate exchange caught: no agent queue was bound for its key. */
  Future<Void> unroutable(UnroutableTask task) {
    if (!BusFields.isUuid(task.taskId())) {
      LOG.warn("Dropped an unroutable message with key {}: it carries no task id ({})", task.routingKey(),
          task.taskId());
      return Future.succeededFuture();
    }
    return dead(task.taskId(), "unroutable: no agent queue is bound for " + task.routingKey(),
        new JsonObject().put("reason", "unroutable").put("routing_key", task.routingKey()));
  }

  /** A task that waited longer than {@code ttlMs} in the in-process queue {@code queue}. */
  Future<Void> expiredInProcess(JsonObject task, String queue, long ttlMs) {
    return dead(task.getString("id"), expired(ttlMs, queue),
        new JsonObject().put("reason", "expired").put("queue", queue))
        .onSuccess(done -> counted(task.getString("agent")));
  }

  /**
   * A task rejected in process on attempt {@code attempt}: recorded dead with the error it has on record, as a dead
   * letter is; one its delivery recorded dead already stays as it is.
   */
  Future<Void> rejectedInProcess(JsonObject task, String queue, int attempt) {
    String id = task.getString("id");
    return rejectedReason(id, attempt)
        .compose(why -> dead(id, why, new JsonObject().put("reason", "rejected").put("queue", queue)
            .put("attempt", attempt)))
        .onSuccess(done -> counted(task.getString("agent")));
  }

  /**
   * A task that was running on its attempt {@code attempts}, the last one, when the in-process bus stopped: no attempt
   * is left to hand it out as.
   */
  Future<Void> interruptedInProcess(JsonObject task, String queue, int attempts) {
    return dead(task.getString("id"), rejectedAfter(attempts, "interrupted by a restart"),
        new JsonObject().put("reason", "rejected").put("queue", queue).put("attempt", attempts))
        .onSuccess(done -> counted(task.getString("agent")));
  }

  private Future<String> rejectedReason(String id, int attempt) {
    return records.get(id).map(current -> current.getString("error"))
        .recover(failure -> TaskRecords.settledAlready(failure) ? Future.succeededFuture(null)
            : Future.failedFuture(failure))
        .map(error -> rejectedAfter(attempt, error == null ? "no error was recorded" : error));
  }

  private Future<Void> dead(String id, String reason, JsonObject detail) {
    return records.transition(id, "dead", reason, detail).<Void>mapEmpty().recover(failure -> {
      if (TaskRecords.settledAlready(failure)) {
        LOG.debug("Task {} stays as it is: {}", id, Problem.of(failure).detail());
        return Future.succeededFuture();
      }
      return Future.failedFuture(failure);
    });
  }

  private void counted(String agent) {
    deadLetters.incrementAndGet();
    meters.deadLetter(agent);
  }

  private static long ttlOf(DeadLetter letter) {
    Object original = letter.death().getValue("original-expiration");
    if (original != null) {
      try {
        return Long.parseLong(original.toString());
      } catch (NumberFormatException e) {
        LOG.debug("Dead letter {} has an unreadable original-expiration {}", letter.taskId(), original);
      }
    }
    return TaskTopology.MESSAGE_TTL_MS;
  }

  private static String expired(long ttlMs, String queue) {
    return "expired: waited more than " + duration(ttlMs) + " in " + queue;
  }

  private static String duration(long ms) {
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + " h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + " min";
    }
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }
}
