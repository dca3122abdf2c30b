package ai.sutazai.storage.broker;

import com.rabbitmq.client.BasicProperties;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.RabbitMQMessage;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * A task the broker dead-lettered, with why, read from the newest {@code x-death} entry.
 *
 * @param reason     {@code rejected} (its last attempt failed), {@code expired} (its time to live ran out),
 *                   {@code maxlen} or {@code delivery_limit}
 * @param queue      the agent queue it died in
 * @param count      how often it died in that queue for that reason
 * @param routingKey the key it was first published with (kept in a header across retries)
 * @param attempt    the attempt number the message carried when it died (1 for a task never retried)
 * @param death      the newest {@code x-death} entry as JSON (times as ISO-8601, keys as the broker wrote them)
 */
public record DeadLetter(String taskId, String reason, String queue, long count, String routingKey, int attempt,
    JsonObject death, JsonObject body) {

  /** Reads {@code message}; a message without {@code x-death} gets reason {@code unknown}. */
  static DeadLetter of(RabbitMQMessage message) {
    BasicProperties properties = message.properties();
    Map<String, Object> headers = properties.getHeaders();
    Object deaths = headers == null ? null : headers.get("x-death");
    String reason = "unknown";
    String queue = "";
    long count = 0;
    JsonObject death = new JsonObject();
    if (deaths instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> newest) {
      reason = String.valueOf(newest.get("reason"));
      queue = String.valueOf(newest.get("queue"));
      count = newest.get("count") instanceof Number number ? number.longValue() : 0;
      newest.forEach((key, value) -> death.put(String.valueOf(key), plain(value)));
    }
    return new DeadLetter(properties.getMessageId(), reason, queue, count, BrokerBodies.routingKey(message),
        BrokerBodies.attempt(message), death, BrokerBodies.json(message));
  }

  /** A header value as JSON: numbers and booleans as they are, lists as arrays, times as ISO-8601, the rest as text. */
  private static Object plain(Object value) {
    if (value instanceof Number || value instanceof Boolean || value == null) {
      return value;
    }
    if (value instanceof Date date) {
      return date.toInstant().toString();
    }
    if (value instanceof List<?> list) {
      JsonArray array = new JsonArray();
      list.forEach(item -> array.add(plain(item)));
      return array;
    }
    return value.toString();
  }
}
