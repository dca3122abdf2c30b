package ai.sutazai.storage.taskbus;

import static ai.sutazai.storage.BusRequests.serve;

import ai.sutazai.storage.broker.TaskTopology;
import ai.sutazai.storage.pg.ResilientPostgres;
import ai.sutazai.storage.task.RecordedChange;
import ai.sutazai.storage.task.Task;
import ai.sutazai.storage.task.TaskChangeListener;
import ai.sutazai.storage.task.TaskRepository;
import ai.sutazai.storage.task.TaskStatus;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task bus: moves stored tasks from the outbox to the agent that takes them and records what happens, over
 * RabbitMQ when {@code rabbitmq.url} is set, else in process, with the same semantics. It serves
 * {@link StorageAddresses#TASK_BUS_CONSUME} and {@link StorageAddresses#TASK_BUS_STOP}, announces every recorded
 * task change at {@link StorageAddresses#TASK_CHANGES} (and to other nodes through {@code agent.events}), and counts
 * tasks for the metrics. Start it after PostgreSQL and stop it before; it runs on its verticle's context.
 */
public final class TaskBus implements TaskChangeListener {

  private static final Logger LOG = LoggerFactory.getLogger(TaskBus.class);

  private final Vertx vertx;
  private final ResilientPostgres postgres;
  private final TaskBusOptions options;
  private final String node = UUID.randomUUID().toString();
  private final Map<String, String> families = new HashMap<>();
  private final TaskRecords records;
  private final TaskDeliveries deliveries;
  private final TaskBusMeters meters = new TaskBusMeters();
  private final DeadTasks deadTasks;
  private final OutboxDrain drain;
  private volatile TaskTransport transport;
  private boolean recovered;
  private long outboxTimer = -1;
  private long countTimer = -1;

  public TaskBus(Vertx vertx, ResilientPostgres postgres, TaskBusOptions options) {
    this.vertx = vertx;
    this.postgres = postgres;
    this.options = options;
    this.records = new TaskRecords(vertx);
    this.deliveries = new TaskDeliveries(vertx, records, options.maxAttempts());
    this.deadTasks = new DeadTasks(records, meters);
    this.drain = new OutboxDrain(records, () -> transport, families);
  }

  /**
   * Opens the transport (over RabbitMQ it succeeds whether the broker answers or not, and keeps trying), hands the
   * unfinished tasks of an in-process bus out again, and starts draining the outbox and counting tasks.
   */
  public Future<Void> start() {
    Future<TaskTransport> opened;
    if (options.broker() == null) {
      recovered = false;
      opened = Future.succeededFuture(new EmbeddedTaskTransport(vertx, options, TaskTopology.MESSAGE_TTL_MS,
          deadTasks));
    } else {
      recovered = true;
      opened = RabbitTaskTransport.start(vertx, options,
          new RabbitTaskTransport.TaskBusHandlers(deadTasks::deadLetter, deadTasks::unroutable, this::fromOtherNode,
              drain::request)).map(rabbit -> rabbit);
    }
    return opened.map(started -> {
      transport = started;
      LOG.info("task bus: {}", started.describe());
      outboxTimer = vertx.setPeriodic(options.outboxInterval().toMillis(), id -> tick());
      countTimer = vertx.setPeriodic(options.countInterval().toMillis(), id -> count());
      tick();
      count();
      return null;
    });
  }

  /** The handlers of {@link StorageAddresses#TASK_BUS_CONSUME} and {@link StorageAddresses#TASK_BUS_STOP}. */
  public Map<String, Handler<Message<Object>>> handlers() {
    return Map.of(
        StorageAddresses.TASK_BUS_CONSUME, message -> serve(message, this::consume),
        StorageAddresses.TASK_BUS_STOP, message -> serve(message, this::stopConsuming));
  }

  /** The {@code tasks} part of {@link StorageAddresses#STATUS}: tasks by status, as last counted. */
  public JsonObject counts() {
    return meters.counts();
  }

  /** The {@code task_bus} part of {@link StorageAddresses#STATUS}. */
  public JsonObject status() {
    TaskTransport current = transport;
    JsonObject status = current == null
        ? new JsonObject().put("transport", options.broker() == null ? "embedded" : "rabbitmq")
            .put("state", "unavailable").put("unroutable", 0)
        : current.status();
    return status
        .put("outbox", meters.outbox())
        .put("consumers", new JsonArray(current == null ? List.of() : List.copyOf(current.consumers())))
        .put("dead_letters", deadTasks.deadLetters());
  }

  /**
   * Announces a recorded change locally and to the other nodes, and drains the outbox when the change may free a
   * task (a new task, a completed dependency). Never fails: the change is written already.
   */
  @Override
  public void recorded(RecordedChange change) {
    try {
      Task task = change.task();
      JsonObject event = new JsonObject()
          .put("task_id", task.id().toString())
          .put("status", task.status().wireName())
          .put("agent", task.agent())
          .put("type", task.type())
          .put("owner", task.owner())
          .put("workflow", task.workflow() == null ? null : task.workflow().toString())
          .put("attempts", task.attempts())
          .put("error", task.error())
          .put("cancel_requested", task.cancelRequestedAt() != null)
          .put("event_id", change.eventId())
          .put("at", task.updatedAt().toString());
      vertx.eventBus().publish(StorageAddresses.TASK_CHANGES, event);
      TaskTransport current = transport;
      if (current != null) {
        current.publishEvent(event.copy().put("node", node)).onFailure(failure ->
            LOG.debug("The change of task {} did not reach the other nodes: {}", task.id(), failure.getMessage()));
      }
      if (transport != null && (task.status() == TaskStatus.PENDING || task.status() == TaskStatus.COMPLETED)) {
        drain.request();
      }
    } catch (RuntimeException e) {
      LOG.warn("Announcing the change of task {} failed", change.task().id(), e);
    }
  }

  /** Stops draining and counting, and closes the transport (over RabbitMQ unsettled tasks go back to their queues). */
  public Future<Void> stop() {
    vertx.cancelTimer(outboxTimer);
    vertx.cancelTimer(countTimer);
    meters.remove();
    TaskTransport current = transport;
    transport = null;
    return current == null ? Future.succeededFuture() : current.close();
  }

  private Future<JsonObject> consume(JsonObject body) {
    AgentConsumer consumer = AgentConsumer.from(body);
    TaskTransport current = running();
    families.put(consumer.agent(), consumer.type());
    meters.consuming(consumer.agent());
    return current.consume(consumer, delivery -> deliveries.deliver(consumer, delivery)).map(consuming -> {
      drain.request();
      return new JsonObject();
    });
  }

  private Future<JsonObject> stopConsuming(JsonObject body) {
    return running().stop(AgentConsumer.agentOf(body)).map(stopped -> new JsonObject());
  }

  private TaskTransport running() {
    TaskTransport current = transport;
    if (current == null) {
      throw ProblemType.SERVICE_UNAVAILABLE.problem("the task bus is stopped")
          .asException();
    }
    return current;
  }

  private void fromOtherNode(JsonObject event) {
    Object from = event.remove("node");
    if (from != null && !node.equals(from)) {
      vertx.eventBus().publish(StorageAddresses.TASK_CHANGES, event);
    }
  }

  private void tick() {
    if (!recovered) {
      recover();
    }
    drain.request();
  }

  /** Puts the published tasks an in-process bus lost with its process (queued or running) back in their queues. */
  private void recover() {
    if (!(transport instanceof EmbeddedTaskTransport embedded)) {
      return;
    }
    recovered = true;
    postgres.call(pool -> new TaskRepository(pool).unfinished()).onComplete(found -> {
      if (found.failed()) {
        recovered = false;
        LOG.debug("Unfinished tasks cannot be read yet: {}", found.cause().getMessage());
        return;
      }
      int handedOut = 0;
      for (Task task : found.result()) {
        if (task.status() == TaskStatus.RUNNING && task.attempts() >= options.maxAttempts()) {
          interrupted(task, false);
        } else {
          embedded.recover(task.toJson(), task.attempts() + 1, task.status() == TaskStatus.RUNNING);
          handedOut++;
        }
      }
      if (handedOut > 0) {
        LOG.info("task bus: {} unfinished task(s) handed out again", handedOut);
      }
    });
  }

  /** Records dead a task interrupted on its last attempt, trying again every outbox interval while that fails. */
  private void interrupted(Task task, boolean warned) {
    deadTasks.interruptedInProcess(task.toJson(), EmbeddedTaskTransport.queueName(task.agent()), task.attempts())
        .onSuccess(recorded -> LOG.warn("Task {} is dead: its last attempt ({} of {}) on agent {} was interrupted by a "
            + "restart", task.id(), task.attempts(), options.maxAttempts(), task.agent()))
        .onFailure(failure -> {
          if (!warned) {
            LOG.warn("Task {}, interrupted on its last attempt, cannot be recorded dead yet ({}); tried again shortly",
                task.id(), Problem.of(failure).detail());
          }
          vertx.setTimer(options.outboxInterval().toMillis(), id -> {
            if (transport != null) {
              interrupted(task, true);
            }
          });
        });
  }

  private void count() {
    postgres.call(pool -> new TaskRepository(pool).counts()).onComplete(counted -> {
      if (counted.succeeded()) {
        meters.counted(counted.result());
      } else {
        LOG.debug("Tasks cannot be counted now: {}", counted.cause().getMessage());
      }
    });
  }
}
