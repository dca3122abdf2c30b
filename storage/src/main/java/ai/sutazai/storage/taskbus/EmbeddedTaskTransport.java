package ai.sutazai.storage.taskbus;

import ai.sutazai.storage.broker.TaskDelivery;
import ai.sutazai.storage.broker.TaskTopology;
import ai.sutazai.storage.broker.TaskVerdict;
import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tasks in process, with RabbitMQ's semantics: one queue per agent, highest priority first then oldest, at most the
 * consumer's concurrency unsettled, retries after the backoff as the next attempt, requeues after a pause without
 * counting one, rejects dead-lettered at once, and a task waiting longer than the time to live expired. A task is
 * held once however often it is published. A task given up on (rejected or expired) whose dead record cannot be
 * written yet is kept: a rejected one is recorded again at each sweep and never handed out again, an expired one waits
 * on in its queue (handed out if a consumer takes it first) and expires again. Nothing survives the process: the task
 * bus hands the unfinished tasks of the record out again at start.
 */
final class EmbeddedTaskTransport implements TaskTransport {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTaskTransport.class);
  private static final Comparator<Waiting> ORDER = Comparator.comparingInt(Waiting::priority).reversed()
      .thenComparingLong(Waiting::sequence);

  private final Vertx vertx;
  private final TaskBusOptions options;
  private final long ttlMs;
  private final DeadTasks deadTasks;
  private final Map<String, AgentQueue> queues = new HashMap<>();
  private final Set<String> held = new HashSet<>();
  /** Rejected tasks whose dead record failed, recorded again at the next sweep. */
  private final List<Rejected> unrecorded = new ArrayList<>();
  /** The tasks whose failed dead record was logged, so that each is logged once. */
  private final Set<String> warned = new HashSet<>();
  private final long sweepTimer;
  private long sequence;
  private boolean closed;

  /** @param deadTasks records the tasks rejected, or waiting longer than {@code ttlMs}, as dead */
  EmbeddedTaskTransport(Vertx vertx, TaskBusOptions options, long ttlMs, DeadTasks deadTasks) {
    this.vertx = vertx;
    this.options = options;
    this.ttlMs = ttlMs;
    this.deadTasks = deadTasks;
    this.sweepTimer = vertx.setPeriodic(Math.max(10, Math.min(ttlMs / 4, 60_000)), id -> sweep());
  }

  /** The name of agent {@code agent}'s queue in logs and records. */
  static String queueName(String agent) {
    return TaskTopology.isNamePart(agent) ? TaskTopology.queueOf(agent) : "agent " + agent + "'s queue";
  }

  private static final class AgentQueue {
    final PriorityQueue<Waiting> waiting = new PriorityQueue<>(ORDER);
    AgentConsumer consumer;
    Function<TaskDelivery, Future<TaskVerdict>> handler;
    int unsettled;
  }

  private record Waiting(JsonObject task, int priority, int attempt, boolean redelivered, long since,
      long sequence) {
  }

  private record Rejected(JsonObject task, String queue, int attempt) {
  }

  @Override
  public Future<Void> publish(JsonObject task, String family) {
    hold(task, 1, false);
    return Future.succeededFuture();
  }

  /** Puts an unfinished task of the record back in its agent's queue as attempt {@code attempt}. */
  void recover(JsonObject task, int attempt, boolean redelivered) {
    hold(task, attempt, redelivered);
  }

  private void hold(JsonObject task, int attempt, boolean redelivered) {
    if (held.add(task.getString("id"))) {
      enqueue(task, attempt, redelivered, System.nanoTime());
    }
  }

  private void enqueue(JsonObject task, int attempt, boolean redelivered, long since) {
    String agent = task.getString("agent");
    queue(agent).waiting.add(new Waiting(task, task.getInteger("priority"), attempt, redelivered, since,
        sequence++));
    dispatch(agent);
  }

  @Override
  public boolean needsFamily() {
    return false;
  }

  @Override
  public Future<Void> consume(AgentConsumer consumer, Function<TaskDelivery, Future<TaskVerdict>> handler) {
    AgentQueue queue = queue(consumer.agent());
    queue.consumer = consumer;
    queue.handler = handler;
    dispatch(consumer.agent());
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop(String agent) {
    AgentQueue queue = queues.get(agent);
    if (queue != null) {
      queue.consumer = null;
      queue.handler = null;
    }
    return Future.succeededFuture();
  }

  @Override
  public Set<String> consumers() {
    Set<String> consuming = new TreeSet<>();
    queues.forEach((agent, queue) -> {
      if (queue.consumer != null) {
        consuming.add(agent);
      }
    });
    return consuming;
  }

  @Override
  public Future<Void> publishEvent(JsonObject event) {
    return Future.succeededFuture();
  }

  @Override
  public JsonObject status() {
    return new JsonObject().put("transport", "embedded").put("state", "running").put("unroutable", 0);
  }

  @Override
  public String describe() {
    return "in process (embedded; set rabbitmq.url to share tasks between processes)";
  }

  @Override
  public Future<Void> close() {
    closed = true;
    vertx.cancelTimer(sweepTimer);
    queues.clear();
    held.clear();
    unrecorded.clear();
    warned.clear();
    return Future.succeededFuture();
  }

  private AgentQueue queue(String agent) {
    return queues.computeIfAbsent(agent, id -> new AgentQueue());
  }

  private void dispatch(String agent) {
    AgentQueue queue = queues.get(agent);
    while (!closed && queue != null && queue.consumer != null && queue.unsettled < queue.consumer.concurrency()
        && !queue.waiting.isEmpty()) {
      Waiting next = queue.waiting.poll();
      queue.unsettled++;
      TaskDelivery delivery = new TaskDelivery(next.task().getString("id"), agent, null, next.priority(),
          next.attempt(), next.redelivered(), new JsonObject().put("task", next.task()));
      Future<TaskVerdict> verdict;
      try {
        verdict = queue.handler.apply(delivery);
      } catch (RuntimeException e) {
        verdict = Future.failedFuture(e);
      }
      verdict.transform(done -> settle(agent, next, done)).onComplete(settled -> {
        queue.unsettled--;
        dispatch(agent);
      });
    }
  }

  private Future<Void> settle(String agent, Waiting task, AsyncResult<TaskVerdict> verdict) {
    String id = task.task().getString("id");
    TaskVerdict how = verdict.succeeded() ? verdict.result() : TaskVerdict.RETRY;
    if (how == TaskVerdict.RETRY && task.attempt() >= options.maxAttempts()) {
      how = TaskVerdict.REJECT;
    }
    switch (how) {
      case ACK -> released(id);
      case REJECT -> recordRejected(new Rejected(task.task(), queueName(agent), task.attempt()));
      case RETRY -> {
        long waitMs = options.backoffAfter(task.attempt()).toMillis();
        LOG.info("Task {} failed attempt {} of {} on agent {}; retrying in {} ms", id, task.attempt(),
            options.maxAttempts(), agent, waitMs);
        return later(waitMs, () -> enqueue(task.task(), task.attempt() + 1, false, System.nanoTime()));
      }
      case REQUEUE -> {
        return later(TaskVerdict.REQUEUE_PAUSE.toMillis(),
            () -> enqueue(task.task(), task.attempt(), true, task.since()));
      }
    }
    return Future.succeededFuture();
  }

  private Future<Void> later(long waitMs, Runnable action) {
    return (waitMs > 0 ? vertx.timer(waitMs) : Future.succeededFuture()).map(waited -> {
      if (!closed) {
        action.run();
      }
      return null;
    });
  }

  private void recordRejected(Rejected task) {
    String id = task.task().getString("id");
    deadTasks.rejectedInProcess(task.task(), task.queue(), task.attempt()).onComplete(recorded -> {
      if (closed) {
        return;
      }
      if (recorded.succeeded()) {
        released(id);
      } else {
        unrecorded.add(task);
        notRecorded(id, "was rejected in " + task.queue(), "it is kept and recorded at the next sweep",
            recorded.cause());
      }
    });
  }

  private void sweep() {
    List<Rejected> rejected = List.copyOf(unrecorded);
    unrecorded.clear();
    rejected.forEach(this::recordRejected);
    long now = System.nanoTime();
    queues.forEach((agent, queue) -> {
      List<Waiting> stale = new ArrayList<>();
      queue.waiting.removeIf(task -> now - task.since() > ttlMs * 1_000_000 && stale.add(task));
      for (Waiting task : stale) {
        String id = task.task().getString("id");
        String name = queueName(agent);
        deadTasks.expiredInProcess(task.task(), name, ttlMs).onComplete(recorded -> {
          if (closed) {
            return;
          }
          if (recorded.succeeded()) {
            released(id);
          } else {
            notRecorded(id, "expired in " + name, "it waits on in its queue and expires again at the next sweep",
                recorded.cause());
            queue.waiting.add(task);
            dispatch(agent);
          }
        });
      }
    });
  }

  private void released(String id) {
    held.remove(id);
    warned.remove(id);
  }

  private void notRecorded(String id, String what, String then, Throwable failure) {
    if (warned.add(id)) {
      LOG.warn("Task {} {} but cannot be recorded dead yet ({}); {}", id, what, Problem.of(failure).detail(), then);
    } else {
      LOG.debug("Task {} still cannot be recorded dead: {}", id, Problem.of(failure).detail());
    }
  }
}
