package ai.sutazai.storage.broker;

import ai.sutazai.verticles.config.Settings;
import ai.sutazai.verticles.config.UrlCredentials;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.RabbitMQOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the RabbitMQ task transport connects and retries.
 *
 * @param url                   {@code amqp[s]://user:password@host:port[/vhost]}
 * @param connectTimeout        the longest opening a connection may take
 * @param confirmTimeout        the longest a publish waits for the broker's confirm
 * @param reconnectInitialDelay the first wait before trying an unreachable broker again
 * @param reconnectMaxDelay     the ceiling of the doubling wait between attempts
 * @param healthCheckInterval   how often the connection and its channel are checked for life
 * @param maxAttempts           attempts a task gets before it is dead-lettered
 * @param retryBackoff          wait before the first retry of a failed task, doubling per attempt
 */
public record BrokerOptions(
    String url,
    Duration connectTimeout,
    Duration confirmTimeout,
    Duration reconnectInitialDelay,
    Duration reconnectMaxDelay,
    Duration healthCheckInterval,
    int maxAttempts,
    Duration retryBackoff) {

  private static final int HEARTBEAT_SECONDS = 10;

  public BrokerOptions {
    Objects.requireNonNull(url, "url");
    if (!url.startsWith("amqp://") && !url.startsWith("amqps://")) {
      throw new IllegalArgumentException("rabbitmq.url must be an amqp:// or amqps:// URL, not "
          + UrlCredentials.redact(url));
    }
    if (reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
      throw new IllegalArgumentException("reconnectMaxDelay must not be below reconnectInitialDelay");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** The options the settings in {@code config} give, or {@code null} when no RabbitMQ URL is configured. */
  public static BrokerOptions fromConfig(JsonObject config) {
    String url = Settings.RABBITMQ_URL.optionalStringIn(config);
    if (url == null) {
      return null;
    }
    return new BrokerOptions(url, Duration.ofSeconds(5),
        Duration.ofMillis(Settings.RABBITMQ_CONFIRM_TIMEOUT_MS.intIn(config)), Duration.ofMillis(250),
        Duration.ofMillis(Settings.RABBITMQ_RECONNECT_MAX_DELAY_MS.intIn(config)), Duration.ofMillis(250),
        Settings.TASKS_MAX_ATTEMPTS.intIn(config), Duration.ofMillis(Settings.TASKS_RETRY_BACKOFF_MS.longIn(config)));
  }

  /**
   * Client options with the client's own reconnection switched off: {@link BrokerConnection} replaces a lost
   * client as a whole, so delivery tags and confirms never outlive the channel they belong to.
   */
  RabbitMQOptions clientOptions() {
    int connectMs = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
    return new RabbitMQOptions()
        .setUri(url)
        .setConnectionTimeout(connectMs)
        .setHandshakeTimeout(connectMs)
        .setRequestedHeartbeat(HEARTBEAT_SECONDS)
        .setAutomaticRecoveryEnabled(false)
        .setAutomaticRecoveryOnInitialConnection(false)
        .setReconnectAttempts(0)
        .setConnectionName("sutazai");
  }

  /** The wait before retrying a task whose attempt number {@code attempt} (1-based) failed. */
  Duration backoffAfter(int attempt) {
    return TaskVerdict.backoff(retryBackoff, attempt);
  }

  /** {@code host:port} of the broker, safe to log. */
  public String endpoint() {
    try {
      URI uri = URI.create(url);
      int port = uri.getPort() >= 0 ? uri.getPort() : url.startsWith("amqps") ? 5671 : 5672;
      return uri.getHost() + ":" + port;
    } catch (IllegalArgumentException e) {
      return UrlCredentials.redact(url);
    }
  }
}
