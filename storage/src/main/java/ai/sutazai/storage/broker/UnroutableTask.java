package ai.sutazai.storage.broker;

import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.RabbitMQMessage;

/** A task published with a key no agent queue is bound to, caught by the alternate exchange. */
public record UnroutableTask(String taskId, String routingKey, JsonObject body) {

  static UnroutableTask of(RabbitMQMessage message) {
    return new UnroutableTask(message.properties().getMessageId(), message.envelope().getRoutingKey(),
        BrokerBodies.json(message));
  }
}
