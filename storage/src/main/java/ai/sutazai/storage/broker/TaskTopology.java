package ai.sutazai.storage.broker;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.RabbitMQClient;
import java.util.regex.Pattern;

/**
 * The task transport's exchanges, queues and bindings. Fixed by the platform: {@code agent.tasks} (topic),
 * {@code agent.events} (fanout) and {@code agent.dlx} (direct), all durable; per agent a durable queue
 * {@code agent.{id}.tasks} bound to {@code agent.tasks} with {@code agent.{type}.#}. Tasks no queue takes go,
 * through the alternate exchange {@code agent.unroutable} (fanout), to the durable queue of that name. A dead letter
 * is re-routed with its agent queue's name as key, and the dead-letter queue is bound to {@code agent.dlx}
 * with that key for every agent queue declared, so one direct exchange serves any task type.
 *
 * @param deadLetterQueue the dead-letter queue's name ({@link #standard()}: {@code agent.dead-letters})
 * @param unroutableQueue the queue bound to {@code agent.unroutable} that this node consumes ({@link #standard()}:
 *                        {@code agent.unroutable}); each queue bound to that fanout gets a copy of every unroutable task
 */
public record TaskTopology(String deadLetterQueue, String unroutableQueue) {

  public static final String TASKS_EXCHANGE = "agent.tasks";
  public static final String EVENTS_EXCHANGE = "agent.events";
  public static final String DEAD_LETTER_EXCHANGE = "agent.dlx";
  public static final String UNROUTABLE_EXCHANGE = "agent.unroutable";
  public static final String UNROUTABLE_QUEUE = "agent.unroutable";
  public static final int MAX_PRIORITY = 10;
  public static final long MESSAGE_TTL_MS = 3_600_000;

  private static final Pattern NAME_PART = Pattern.compile("[A-Za-z0-9_-]{1,100}");

  public TaskTopology {
    checkPart(deadLetterQueue.replace('.', '_'), "dead-letter queue name");
    checkPart(unroutableQueue.replace('.', '_'), "unroutable queue name");
  }

  /** The platform's unroutable queue with dead letters in {@code deadLetterQueue}. */
  public TaskTopology(String deadLetterQueue) {
    this(deadLetterQueue, UNROUTABLE_QUEUE);
  }

  /** The platform's topology. */
  public static TaskTopology standard() {
    return new TaskTopology("agent.dead-letters", UNROUTABLE_QUEUE);
  }

  /** {@code agent.{agentId}.tasks}. */
  public static String queueOf(String agentId) {
    return "agent." + checkPart(agentId, "agent id") + ".tasks";
  }

  /** {@code agent.{agentType}.{taskType}}: the key a task is published with. */
  public static String routingKey(String agentType, String taskType) {
    return "agent." + checkPart(agentType, "agent type") + "." + checkPart(taskType, "task type");
  }

  /** The arguments of an agent's queue: priorities 0..10, one hour to live, dead letters to {@code agent.dlx}. */
  public static JsonObject agentQueueArguments(String agentId) {
    return new JsonObject()
        .put("x-max-priority", MAX_PRIORITY)
        .put("x-message-ttl", MESSAGE_TTL_MS)
        .put("x-dead-letter-exchange", DEAD_LETTER_EXCHANGE)
        .put("x-dead-letter-routing-key", queueOf(agentId));
  }

  /** Declares the exchanges, the unroutable queue and the dead-letter queue; idempotent. */
  Future<Void> declareShared(RabbitMQClient client) {
    return client.exchangeDeclare(UNROUTABLE_EXCHANGE, "fanout", true, false)
        .compose(v -> client.exchangeDeclare(TASKS_EXCHANGE, "topic", true, false,
            new JsonObject().put("alternate-exchange", UNROUTABLE_EXCHANGE)))
        .compose(v -> client.exchangeDeclare(EVENTS_EXCHANGE, "fanout", true, false))
        .compose(v -> client.exchangeDeclare(DEAD_LETTER_EXCHANGE, "direct", true, false))
        .compose(v -> client.queueDeclare(unroutableQueue, true, false, false))
        .compose(v -> client.queueBind(unroutableQueue, UNROUTABLE_EXCHANGE, ""))
        .compose(v -> client.queueDeclare(deadLetterQueue, true, false, false))
        .mapEmpty();
  }

  /** Declares {@code agent.{agentId}.tasks}, binds it for {@code agentType} and routes its dead letters. */
  Future<Void> declareAgentQueue(RabbitMQClient client, String agentId, String agentType) {
    String queue = queueOf(agentId);
    String bindingKey = "agent." + checkPart(agentType, "agent type") + ".#";
    return client.queueDeclare(queue, true, false, false, agentQueueArguments(agentId))
        .compose(v -> client.queueBind(queue, TASKS_EXCHANGE, bindingKey))
        .compose(v -> client.queueBind(deadLetterQueue, DEAD_LETTER_EXCHANGE, queue));
  }

  /** Whether {@code part} may be an agent id, agent type or task type: 1 to 100 letters, digits, '_' or '-'. */
  public static boolean isNamePart(String part) {
    return part != null && NAME_PART.matcher(part).matches();
  }

  private static String checkPart(String part, String what) {
    if (!isNamePart(part)) {
      throw new IllegalArgumentException(what + " must be 1 to 100 letters, digits, '_' or '-', not " + part);
    }
    return part;
  }
}
