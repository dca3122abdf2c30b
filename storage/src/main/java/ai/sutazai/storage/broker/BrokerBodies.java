package ai.sutazai.storage.broker;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.RabbitMQMessage;

/** Reads message bodies, which SutazAI always publishes as JSON objects. */
final class BrokerBodies {

  private BrokerBodies() {
  }

  /** The body as JSON; a body that is not a JSON object comes back as {@code {"raw": "<text>"}}. */
  static JsonObject json(RabbitMQMessage message) {
    try {
      return message.body().toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      return new JsonObject().put("raw", message.body().toString());
    }
  }

  /** The attempt number a message carries in {@link TaskMessage#ATTEMPT_HEADER}, 1 when absent. */
  static int attempt(RabbitMQMessage message) {
    var headers = message.properties().getHeaders();
    Object value = headers == null ? null : headers.get(TaskMessage.ATTEMPT_HEADER);
    return value instanceof Number number ? Math.max(1, number.intValue()) : 1;
  }

  /** The key a task was first published with: its {@link TaskMessage#ROUTING_KEY_HEADER}, else the envelope's. */
  static String routingKey(RabbitMQMessage message) {
    var headers = message.properties().getHeaders();
    Object value = headers == null ? null : headers.get(TaskMessage.ROUTING_KEY_HEADER);
    return value == null ? message.envelope().getRoutingKey() : value.toString();
  }
}
