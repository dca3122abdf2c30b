package ai.sutazai.storage.broker;

import com.rabbitmq.client.AMQP;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Objects;

/**
 * A task as the broker carries it: published to {@code agent.tasks} with key {@code agent.{agentType}.{taskType}},
 * message id = task id, its priority (0..10), persistent, the JSON {@code body} as content.
 *
 * @param expirationMs a per-message time to live shorter than the queue's hour, or 0 for the queue's
 */
public record TaskMessage(String taskId, String agentType, String taskType, int priority, JsonObject body,
    long expirationMs) {

  /** Header carrying the attempt number (1 for the first delivery) of a task. */
  public static final String ATTEMPT_HEADER = "x-sutazai-attempt";
  /** Header keeping the key a task was first published with; retries travel through the default exchange. */
  public static final String ROUTING_KEY_HEADER = "x-sutazai-routing-key";

  public TaskMessage {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(body, "body");
    if (taskId.isBlank()) {
      throw new IllegalArgumentException("taskId must not be blank");
    }
    if (priority < 0 || priority > TaskTopology.MAX_PRIORITY) {
      throw new IllegalArgumentException("priority must be 0.." + TaskTopology.MAX_PRIORITY + ", not " + priority);
    }
    if (expirationMs < 0) {
      throw new IllegalArgumentException("expirationMs must not be negative");
    }
    TaskTopology.routingKey(agentType, taskType);
  }

  /** A task kept for the queue's full time to live. */
  public TaskMessage(String taskId, String agentType, String taskType, int priority, JsonObject body) {
    this(taskId, agentType, taskType, priority, body, 0);
  }

  public String routingKey() {
    return TaskTopology.routingKey(agentType, taskType);
  }

  AMQP.BasicProperties properties() {
    return properties(taskId, routingKey(), priority, 1, expirationMs);
  }

  Buffer content() {
    return body.toBuffer();
  }

  static AMQP.BasicProperties properties(String taskId, String routingKey, int priority, int attempt,
      long expirationMs) {
    return new AMQP.BasicProperties.Builder()
        .messageId(taskId)
        .priority(priority)
        .deliveryMode(2)
        .contentType("application/json")
        .headers(Map.of(ATTEMPT_HEADER, attempt, ROUTING_KEY_HEADER, routingKey))
        .expiration(expirationMs > 0 ? Long.toString(expirationMs) : null)
        .build();
  }
}
