package ai.sutazai.storage.broker;

import io.vertx.core.json.JsonObject;

/**
 * A task handed to an agent's consumer.
 *
 * @param attempt     1 for the first delivery, one more for each retry after a failure
 * @param redelivered whether the broker delivered this copy before (a consumer died holding it): the task
 *                    may already be done, so completing it must be idempotent
 */
public record TaskDelivery(String taskId, String agentId, String routingKey, int priority, int attempt,
    boolean redelivered, JsonObject body) {
}
