package ai.sutazai.storage.taskbus;

import ai.sutazai.storage.broker.BrokerOptions;
import ai.sutazai.storage.broker.TaskTopology;
import ai.sutazai.storage.broker.TaskVerdict;
import ai.sutazai.verticles.config.Settings;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * How the task bus runs.
 *
 * @param broker         the RabbitMQ transport's options, or null to keep tasks in process
 * @param topology       the RabbitMQ exchanges and queues ({@link TaskTopology#standard()} but in tests)
 * @param expirationMs   a per-message time to live for published tasks shorter than the queue's hour (tests), or 0
 * @param maxAttempts    attempts a task gets before it is dead-lettered
 * @param retryBackoff   wait before the first retry, doubling per attempt
 * @param outboxInterval how often the outbox is drained as a safety net
 * @param countInterval  how often tasks are counted by status
 */
public record TaskBusOptions(BrokerOptions broker, TaskTopology topology, long expirationMs, int maxAttempts,
    Duration retryBackoff, Duration outboxInterval, Duration countInterval) {

  /** The options the settings in {@code config} give, with {@code topology} and {@code expirationMs}. */
  public static TaskBusOptions fromConfig(JsonObject config, TaskTopology topology, long expirationMs) {
    return new TaskBusOptions(BrokerOptions.fromConfig(config), topology, expirationMs,
        Settings.TASKS_MAX_ATTEMPTS.intIn(config), Duration.ofMillis(Settings.TASKS_RETRY_BACKOFF_MS.longIn(config)),
        Duration.ofMillis(Settings.TASKS_OUTBOX_INTERVAL_MS.intIn(config)),
        Duration.ofMillis(Settings.TASKS_COUNT_INTERVAL_MS.intIn(config)));
  }

  /** The wait before retrying a task whose attempt {@code attempt} failed. */
  Duration backoffAfter(int attempt) {
    return TaskVerdict.backoff(retryBackoff, attempt);
  }
}
