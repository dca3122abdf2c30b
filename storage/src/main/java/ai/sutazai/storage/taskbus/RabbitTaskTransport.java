package ai.sutazai.storage.taskbus;

import ai.sutazai.storage.broker.BrokerSubscription;
import ai.sutazai.storage.broker.DeadLetter;
import ai.sutazai.storage.broker.RabbitTaskBroker;
import ai.sutazai.storage.broker.TaskDelivery;
import ai.sutazai.storage.broker.TaskMessage;
import ai.sutazai.storage.broker.TaskVerdict;
import ai.sutazai.storage.broker.UnroutableTask;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Tasks over RabbitMQ: each task published once to {@code agent.tasks} with key {@code agent.{family}.{type}} and its
 * priority, each consuming agent's queue consumed with a prefetch of its concurrency; dead letters, unroutable tasks
 * and the {@code agent.events} of other nodes go to the handlers given at start.
 */
final class RabbitTaskTransport implements TaskTransport {

  private final RabbitTaskBroker broker;
  private final long expirationMs;
  private final Map<String, BrokerSubscription> agents = new HashMap<>();
  private final List<BrokerSubscription> own = new ArrayList<>();
  /** The last consume or stop of each agent still under way: the next one waits for it. */
  private final Map<String, Future<Void>> turns = new HashMap<>();

  private RabbitTaskTransport(RabbitTaskBroker broker, long expirationMs) {
    this.broker = broker;
    this.expirationMs = expirationMs;
  }

  /**
   * Connects (or keeps trying) and consumes the dead letters, the unroutable tasks and the events. When a step fails,
   * what started before it is cancelled and the broker closed, so that nothing keeps reconnecting behind the failure.
   */
  static Future<RabbitTaskTransport> start(Vertx vertx, TaskBusOptions options, TaskBusHandlers handlers) {
    return RabbitTaskBroker.start(vertx, options.broker(), options.topology()).compose(broker -> {
      RabbitTaskTransport transport = new RabbitTaskTransport(broker, options.expirationMs());
      broker.onConnected(handlers.connected());
      return broker.consumeDeadLetters(handlers.deadLetters())
          .compose(subscription -> transport.keep(subscription, broker.consumeUnroutable(handlers.unroutable())))
          .compose(subscription -> transport.keep(subscription, broker.subscribeEvents(handlers.events())))
          .map(subscription -> {
            transport.own.add(subscription);
            return transport;
          })
          .recover(failure -> transport.close().transform(closed -> {
            if (closed.failed()) {
              failure.addSuppressed(closed.cause());
            }
            return Future.failedFuture(failure);
          }));
    });
  }

  /** What the transport hands to the task bus. */
  record TaskBusHandlers(Function<DeadLetter, Future<Void>> deadLetters,
      Function<UnroutableTask, Future<Void>> unroutable, Consumer<JsonObject> events, Runnable connected) {
  }

  private Future<BrokerSubscription> keep(BrokerSubscription subscription, Future<BrokerSubscription> next) {
    own.add(subscription);
    return next;
  }

  @Override
  public Future<Void> publish(JsonObject task, String family) {
    TaskMessage message = new TaskMessage(task.getString("id"), family, task.getString("type"),
        task.getInteger("priority"), new JsonObject().put("task", task), expirationMs);
    return broker.publish(message);
  }

  @Override
  public boolean needsFamily() {
    return true;
  }

  @Override
  public Future<Void> consume(AgentConsumer consumer, Function<TaskDelivery, Future<TaskVerdict>> handler) {
    String agent = consumer.agent();
    return inTurn(agent, () -> cancel(agent)
        .compose(cancelled -> broker.consumeTasks(agent, consumer.type(), consumer.concurrency(), handler))
        .map(subscription -> {
          agents.put(agent, subscription);
          return null;
        }));
  }

  @Override
  public Future<Void> stop(String agent) {
    return inTurn(agent, () -> cancel(agent));
  }

  /** Runs {@code step} once every consume and stop of {@code agent} asked for before it has completed. */
  private Future<Void> inTurn(String agent, Supplier<Future<Void>> step) {
    Future<Void> run = turns.getOrDefault(agent, Future.succeededFuture()).transform(previous -> step.get());
    turns.put(agent, run);
    run.onComplete(done -> turns.remove(agent, run));
    return run;
  }

  private Future<Void> cancel(String agent) {
    BrokerSubscription subscription = agents.remove(agent);
    return subscription == null ? Future.succeededFuture() : subscription.cancel();
  }

  @Override
  public Set<String> consumers() {
    return new TreeSet<>(agents.keySet());
  }

  @Override
  public Future<Void> publishEvent(JsonObject event) {
    return broker.publishEvent(event);
  }

  @Override
  public JsonObject status() {
    JsonObject broker = this.broker.status();
    return new JsonObject()
        .put("transport", "rabbitmq")
        .put("state", broker.getString("state"))
        .put("endpoint", broker.getString("endpoint"))
        .put("unroutable", broker.getLong("unroutable"));
  }

  @Override
  public String describe() {
    return "RabbitMQ at " + broker.status().getString("endpoint");
  }

  @Override
  public Future<Void> close() {
    return Future.join(List.copyOf(turns.values())).transform(settled -> {
      List<Future<Void>> cancelled = new ArrayList<>();
      agents.values().forEach(subscription -> cancelled.add(subscription.cancel()));
      own.forEach(subscription -> cancelled.add(subscription.cancel()));
      agents.clear();
      own.clear();
      return Future.join(cancelled).transform(done -> broker.close());
    });
  }
}
