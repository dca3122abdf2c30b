package ai.sutazai.verticles.agents.supervisor;

import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for storage's task bus: answers {@code TASK_BUS_CONSUME} and {@code TASK_BUS_STOP} with {@code {}},
 * keeping each request, and logs {@code bus-stop:<agent>} in the test agents' event log.
 */
final class FakeTaskBus {

  final List<JsonObject> consumes = new CopyOnWriteArrayList<>();
  final List<JsonObject> stops = new CopyOnWriteArrayList<>();
  private final List<MessageConsumer<JsonObject>> consumers = new CopyOnWriteArrayList<>();

  /** Starts answering; returns once both addresses are served. */
  FakeTaskBus start(Vertx vertx, TestAgents agents) {
    consumers.add(vertx.eventBus().<JsonObject>consumer(StorageAddresses.TASK_BUS_CONSUME, message -> {
      consumes.add(message.body());
      message.reply(new JsonObject());
    }));
    consumers.add(vertx.eventBus().<JsonObject>consumer(StorageAddresses.TASK_BUS_STOP, message -> {
      stops.add(message.body());
      agents.log("bus-stop:" + message.body().getString("agent"));
      message.reply(new JsonObject());
    }));
    consumers.forEach(consumer -> consumer.completion().await());
    return this;
  }

  List<JsonObject> consumesOf(String agent) {
    return consumes.stream().filter(body -> agent.equals(body.getString("agent"))).toList();
  }
}
