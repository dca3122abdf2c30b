package ai.sutazai.storage;

import ai.sutazai.storage.pg.TestServer;
import ai.sutazai.verticles.agents.AgentAddresses;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * An agent as the task bus sees it: a consumer at {@link AgentAddresses#deliveries(String)} that records every
 * delivery and settles it as its behaviour says, changing the task record over the event bus as a real agent does.
 */
final class FakeAgent implements AutoCloseable {

  /** One delivery as the agent received it. */
  record Delivery(JsonObject task, int attempt, int maxAttempts, boolean redelivered) {

    String taskId() {
      return task.getString("id");
    }
  }

  private final Vertx vertx;
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final MessageConsumer<JsonObject> consumer;

  /** @param behaviour given the agent and a delivery, answers the settle reply */
  FakeAgent(Vertx vertx, String agentId, BiFunction<FakeAgent, Delivery, Future<JsonObject>> behaviour) {
    this.vertx = vertx;
    this.consumer = vertx.eventBus().consumer(AgentAddresses.deliveries(agentId), message -> {
      JsonObject body = message.body();
      Delivery delivery = new Delivery(body.getJsonObject("task"), body.getInteger("attempt"),
          body.getInteger("max_attempts"), body.getBoolean("redelivered"));
      deliveries.add(delivery);
      behaviour.apply(this, delivery).onSuccess(message::reply)
          .onFailure(failure -> message.fail(500, failure.toString()));
    });
    TestServer.await(consumer.completion());
  }

  /** Runs each task and completes it. */
  static FakeAgent completing(Vertx vertx, String agentId) {
    return new FakeAgent(vertx, agentId, (agent, delivery) -> agent.complete(delivery));
  }

  /** Fails every attempt: retries with error "boom N" until the last attempt, which it rejects with that reason. */
  static FakeAgent failing(Vertx vertx, String agentId) {
    return new FakeAgent(vertx, agentId, (agent, delivery) -> agent.transition(delivery, "running", null)
        .compose(running -> {
          String error = "boom " + delivery.attempt();
          if (delivery.attempt() < delivery.maxAttempts()) {
            return agent.transition(delivery, "queued", error).map(new JsonObject().put("settle", "retry"));
          }
          return Future.succeededFuture(new JsonObject().put("settle", "reject").put("reason", error));
        }));
  }

  /** Marks the task running, then completed, and acknowledges it. */
  Future<JsonObject> complete(Delivery delivery) {
    return transition(delivery, "running", null)
        .compose(running -> vertx.eventBus().<JsonObject>request(StorageAddresses.TASK_TRANSITION,
            new JsonObject().put("id", delivery.taskId()).put("status", "completed")
                .put("result", new JsonObject().put("attempt", delivery.attempt()))))
        .map(new JsonObject().put("settle", "ack"));
  }

  Future<JsonObject> transition(Delivery delivery, String status, String error) {
    JsonObject change = new JsonObject().put("id", delivery.taskId()).put("status", status);
    if (error != null) {
      change.put("error", error);
    }
    return vertx.eventBus().<JsonObject>request(StorageAddresses.TASK_TRANSITION, change).map(reply -> reply.body());
  }

  List<Delivery> deliveries() {
    return deliveries;
  }

  List<Delivery> deliveriesOf(String taskId) {
    return deliveries.stream().filter(delivery -> delivery.taskId().equals(taskId)).toList();
  }

  @Override
  public void close() {
    TestServer.await(consumer.unregister());
  }
}
