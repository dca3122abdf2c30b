package ai.sutazai.storage.taskbus;

import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the outbox onto the transport, oldest first, one drain at a time: each task is published, then recorded
 * published (pending becomes queued). A failed publish leaves the task pending and ends the drain, so that order is
 * kept; the next drain tries again. A task that names no agent, or (over RabbitMQ) an agent whose family is not known
 * yet, stays in the outbox and the drain goes on with the next; a task that no queue could ever take is recorded
 * dead. A drain asked for while one runs runs once more after it.
 */
final class OutboxDrain {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxDrain.class);
  private static final int BATCH = 100;

  private final TaskRecords records;
  private final Supplier<TaskTransport> transport;
  private final Map<String, String> families;
  /** The agents whose waiting tasks were logged, so that each is logged once while it waits. */
  private final Set<String> waitingNoted = new HashSet<>();
  /** The tasks that can never be published whose failed dead record was logged, so that each is logged once. */
  private final Set<String> unroutableNoted = new HashSet<>();
  private boolean running;
  private boolean again;
  private boolean failing;

  /** @param families each consuming agent's family, by agent id */
  OutboxDrain(TaskRecords records, Supplier<TaskTransport> transport, Map<String, String> families) {
    this.records = records;
    this.transport = transport;
    this.families = families;
  }

  /** Drains now, or once more after the drain that is running. */
  void request() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    drain().onComplete(done -> {
      running = false;
      if (done.failed()) {
        LOG.debug("The outbox drain stopped: {}", done.cause().toString());
      }
      if (again || (done.succeeded() && done.result())) {
        request();
      }
    });
  }

  /** One batch; answers whether a full batch was published, so that more may wait. */
  private Future<Boolean> drain() {
    TaskTransport current = transport.get();
    if (current == null) {
      return Future.succeededFuture(false);
    }
    // over RabbitMQ only the agents whose family is known can be published to: ask for their tasks alone, so that
    // tasks of an agent that never consumed do not fill every batch
    return records.outbox(BATCH, current.needsFamily() ? List.copyOf(families.keySet()) : null)
        .compose(tasks -> publishFrom(current, tasks, 0, 0))
        .map(published -> published == BATCH);
  }

  private Future<Integer> publishFrom(TaskTransport current, JsonArray tasks, int index, int published) {
    if (index == tasks.size()) {
      return Future.succeededFuture(published);
    }
    JsonObject task = tasks.getJsonObject(index);
    String id = task.getString("id");
    String agent = task.getString("agent");
    String family = agent == null ? null : families.get(agent);
    if (agent == null || (current.needsFamily() && family == null)) {
      if (waitingNoted.add(String.valueOf(agent))) {
        LOG.info("Tasks such as {} wait in the outbox: {}", id, agent == null ? "they name no agent"
            : "agent " + agent + " has not consumed from the task bus yet, so its family is not known");
      }
      return publishFrom(current, tasks, index + 1, published);
    }
    Future<Void> sent;
    try {
      sent = current.publish(task, family);
    } catch (IllegalArgumentException never) {
      return records.transition(id, "dead", "unroutable: " + never.getMessage(), null).transform(recorded -> {
        if (recorded.failed() && !TaskRecords.settledAlready(recorded.cause())) {
          if (unroutableNoted.add(id)) {
            LOG.warn("Task {} can never be published ({}) but cannot be recorded dead yet ({}); it stays in the "
                + "outbox and is tried again", id, never.getMessage(), Problem.of(recorded.cause()).detail());
          }
        } else {
          unroutableNoted.remove(id);
        }
        return publishFrom(current, tasks, index + 1, published);
      });
    }
    return sent.transform(done -> {
      if (done.failed()) {
        if (!failing) {
          failing = true;
          LOG.warn("Publishing tasks fails ({}); they stay pending in the outbox until it works",
              done.cause().getMessage());
        }
        return Future.failedFuture(done.cause());
      }
      if (failing) {
        failing = false;
        LOG.info("Publishing tasks works again");
      }
      waitingNoted.remove(agent);
      return records.published(id).transform(recorded -> {
        if (recorded.failed() && !TaskRecords.settledAlready(recorded.cause())) {
          return Future.failedFuture(recorded.cause());
        }
        return publishFrom(current, tasks, index + 1, published + 1);
      });
    });
  }
}
