package ai.sutazai.storage.broker;

import ai.sutazai.storage.broker.QueueConsumer.Settlement;
import com.rabbitmq.client.AMQP;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The RabbitMQ task transport: publishes tasks with publisher confirms, consumes each agent's queue with
 * manual acknowledgement, retries and dead-letters failing tasks, reports dead letters and unroutable tasks,
 * and carries agent events to every node. While the broker is away every publish fails at once with a
 * {@code storage-unavailable} problem (the caller keeps the task pending in its outbox); the connection is
 * retried with backoff, and on return the topology is declared and every consumer registered again.
 */
public final class RabbitTaskBroker {

  private static final int EVENT_PREFETCH = 256;

  private final Vertx vertx;
  private final BrokerOptions options;
  private final TaskTopology topology;
  private final BrokerConnection connection;
  private final ConfirmedPublisher publisher;
  private final AtomicLong unroutable = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();

  private RabbitTaskBroker(Vertx vertx, BrokerOptions options, TaskTopology topology) {
    this.vertx = vertx;
    this.options = options;
    this.topology = topology;
    this.connection = new BrokerConnection(vertx, vertx.getOrCreateContext(), options);
    this.publisher = new ConfirmedPublisher(vertx, connection, options.confirmTimeout());
  }

  /**
   * Connects and declares the shared topology; the future succeeds whether the broker answered or not (see
   * {@link #isConnected()}). Call on the context that owns the broker (a verticle's).
   */
  public static Future<RabbitTaskBroker> start(Vertx vertx, BrokerOptions options, TaskTopology topology) {
    RabbitTaskBroker broker = new RabbitTaskBroker(vertx, options, topology);
    return broker.connection.prepareEachConnection(topology::declareShared)
        .compose(v -> broker.publisher.install())
        .compose(v -> broker.connection.start())
        .map(broker);
  }

  /** Whether the broker is connected and every consumer registered: what readiness reports. */
  public boolean isConnected() {
    return connection.ready();
  }

  /** {@code {"state": "connected"|"unavailable", "endpoint", "unroutable", "dead_letters"}}. */
  public JsonObject status() {
    return new JsonObject()
        .put("state", isConnected() ? "connected" : "unavailable")
        .put("endpoint", options.endpoint())
        .put("unroutable", unroutable.get())
        .put("dead_letters", deadLetters.get());
  }

  /**
   * Runs {@code listener} on the broker's context each time a connection is ready (topology declared, consumers
   * registered): at the first connection and after every reconnect.
   */
  public void onConnected(Runnable listener) {
    connection.onReady(listener);
  }

  /** Tasks caught by the alternate exchange since start. */
  public long unroutableCount() {
    return unroutable.get();
  }

  /**
   * Publishes {@code task} to {@code agent.tasks}; completes only once the broker confirmed it, fails at once
   * while the broker is away and after the confirm timeout when no confirm comes.
   */
  public Future<Void> publish(TaskMessage task) {
    Objects.requireNonNull(task, "task");
    return publisher.publish(TaskTopology.TASKS_EXCHANGE, task.routingKey(), task.properties(), task.content(),
        "publish task " + task.taskId());
  }

  /**
   * Declares the queue of agent {@code agentId} (type {@code agentType}) and consumes it with {@code concurrency}
   * tasks in flight at most. Each task is settled as {@code handler}'s verdict says (see {@link TaskVerdict}); its
   * failure counts as {@link TaskVerdict#RETRY}: retried after the backoff until the last attempt, which
   * dead-letters it.
   */
  public Future<BrokerSubscription> consumeTasks(String agentId, String agentType, int concurrency,
      Function<TaskDelivery, Future<TaskVerdict>> handler) {
    TaskRetries retries = new TaskRetries(vertx, publisher, options, agentId, handler);
    String queue = TaskTopology.queueOf(agentId);
    return new QueueConsumer(vertx, connection,
        client -> topology.declareAgentQueue(client, agentId, agentType).map(queue),
        concurrency, false, (client, message) -> retries.process(message)).start();
  }

  /** Declares an agent's queue without consuming it, so that tasks published for it wait. */
  public Future<Void> declareAgentQueue(String agentId, String agentType) {
    return connection.call(null, client -> topology.declareAgentQueue(client, agentId, agentType),
        "declare the queue of agent " + agentId);
  }

  /**
   * Consumes the dead-letter queue: {@code handler}'s success acknowledges a dead letter (record the task as
   * dead first); its failure puts it back.
   */
  public Future<BrokerSubscription> consumeDeadLetters(Function<DeadLetter, Future<Void>> handler) {
    return new QueueConsumer(vertx, connection, client -> Future.succeededFuture(topology.deadLetterQueue()),
        EVENT_PREFETCH, false, (client, message) -> {
          deadLetters.incrementAndGet();
          return handler.apply(DeadLetter.of(message)).map(Settlement.ACK);
        }).start();
  }

  /**
   * Consumes the tasks no agent queue took: {@code handler}'s success acknowledges one (record the task as
   * undeliverable first); its failure puts it back.
   */
  public Future<BrokerSubscription> consumeUnroutable(Function<UnroutableTask, Future<Void>> handler) {
    return new QueueConsumer(vertx, connection, client -> Future.succeededFuture(topology.unroutableQueue()),
        EVENT_PREFETCH, false, (client, message) -> {
          unroutable.incrementAndGet();
          return handler.apply(UnroutableTask.of(message)).map(Settlement.ACK);
        }).start();
  }

  /** Publishes {@code event} to {@code agent.events}, reaching every node's event subscribers; confirmed. */
  public Future<Void> publishEvent(JsonObject event) {
    Objects.requireNonNull(event, "event");
    AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json").build();
    return publisher.publish(TaskTopology.EVENTS_EXCHANGE, "", properties, event.toBuffer(), "publish an agent event");
  }

  /**
   * Receives every event published to {@code agent.events} from now on, through an exclusive auto-delete queue
   * of this node (declared again after a reconnect; events published while disconnected are missed).
   */
  public Future<BrokerSubscription> subscribeEvents(Consumer<JsonObject> handler) {
    return new QueueConsumer(vertx, connection,
        client -> client.queueDeclare("", false, true, true)
            .compose(declared -> client.queueBind(declared.getQueue(), TaskTopology.EVENTS_EXCHANGE, "")
                .map(declared.getQueue())),
        EVENT_PREFETCH, true, (client, message) -> {
          handler.accept(BrokerBodies.json(message));
          return Future.succeededFuture(Settlement.ACK);
        }).start();
  }

  /** Closes the connection; unacknowledged tasks go back to their queues. */
  public Future<Void> close() {
    return connection.close();
  }
}
