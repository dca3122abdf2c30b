package ai.sutazai.storage.taskbus;

import ai.sutazai.storage.broker.TaskDelivery;
import ai.sutazai.storage.broker.TaskVerdict;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.function.Function;

/**
 * Where published tasks wait for their agent: RabbitMQ or in process. A task is a JSON object as the task addresses
 * reply it; its {@code agent} names the queue it waits in. Used on the owning verticle's context only.
 */
interface TaskTransport {

  /**
   * Puts {@code task} in its agent's queue; completes once the transport holds it (over RabbitMQ: confirmed). Fails
   * while the transport cannot take it; fails with an {@code IllegalArgumentException} when it never could.
   *
   * @param family the family of the task's agent, or null when not known (see {@link #needsFamily()})
   */
  Future<Void> publish(JsonObject task, String family);

  /** Whether a task can be published only once its agent's family is known (RabbitMQ routes by family). */
  boolean needsFamily();

  /** Hands {@code consumer.agent()}'s tasks to {@code handler}, replacing its previous consumer. */
  Future<Void> consume(AgentConsumer consumer, Function<TaskDelivery, Future<TaskVerdict>> handler);

  /** Stops handing out the agent's tasks; completes once no new one will be handed out. */
  Future<Void> stop(String agent);

  /** The agents whose tasks are being handed out. */
  Set<String> consumers();

  /** Publishes a task change to every node's subscribers; in process there are no other nodes. */
  Future<Void> publishEvent(JsonObject event);

  /** {@code {"transport", "state", "endpoint"?, "unroutable"}}. */
  JsonObject status();

  /** One line for the startup log: what carries tasks. */
  String describe();

  Future<Void> close();
}
