package ai.sutazai.storage.cache;

import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.RedisOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the cache is built: Redis when {@code redisUrl} is set, the in-process cache otherwise.
 *
 * @param redisUrl              {@code redis://[user:pass@]host:port[/db]}, or {@code null} for the
 *                              in-process cache
 * @param operationTimeout      the longest a Redis operation may take before it counts as a miss
 * @param reconnectInitialDelay the first wait before probing an unreachable Redis again
 * @param reconnectMaxDelay     the ceiling of the doubling wait between probes
 * @param redisMaxPoolSize      connections kept open to Redis
 * @param inProcessMaxEntries   the entry bound of the in-process cache
 */
public record CacheOptions(
    String redisUrl,
    Duration operationTimeout,
    Duration reconnectInitialDelay,
    Duration reconnectMaxDelay,
    int redisMaxPoolSize,
    long inProcessMaxEntries) {

  public CacheOptions {
    Objects.requireNonNull(operationTimeout, "operationTimeout");
    Objects.requireNonNull(reconnectInitialDelay, "reconnectInitialDelay");
    Objects.requireNonNull(reconnectMaxDelay, "reconnectMaxDelay");
    KeyValueCache.positiveMillis(operationTimeout, "operationTimeout");
    KeyValueCache.positiveMillis(reconnectInitialDelay, "reconnectInitialDelay");
    if (reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
      throw new IllegalArgumentException("reconnectMaxDelay must not be below reconnectInitialDelay");
    }
    if (redisMaxPoolSize < 1 || inProcessMaxEntries < 1) {
      throw new IllegalArgumentException("redisMaxPoolSize and inProcessMaxEntries must be positive");
    }
    if (redisUrl != null && redisUrl.isBlank()) {
      redisUrl = null;
    }
  }

  /** In-process cache of 10,000 entries; Redis timings used once a URL is given. */
  public static CacheOptions defaults() {
    return new CacheOptions(null, Duration.ofMillis(1000), Duration.ofMillis(250),
        Duration.ofSeconds(10), 8, 10_000);
  }

  public CacheOptions withRedisUrl(String url) {
    return new CacheOptions(url, operationTimeout, reconnectInitialDelay, reconnectMaxDelay,
        redisMaxPoolSize, inProcessMaxEntries);
  }

  public CacheOptions withInProcessMaxEntries(long maxEntries) {
    return new CacheOptions(redisUrl, operationTimeout, reconnectInitialDelay, reconnectMaxDelay,
        redisMaxPoolSize, maxEntries);
  }

  /**
   * Client options for the configured Redis with {@code maxPoolSize} pooled connections, each opened
   * within {@link #operationTimeout()}.
   */
  public RedisOptions redisOptions(int maxPoolSize) {
    int connectTimeoutMs = (int) Math.min(Integer.MAX_VALUE, operationTimeout.toMillis());
    return new RedisOptions()
        .setConnectionString(redisUrl)
        .setMaxPoolSize(maxPoolSize)
        .setMaxPoolWaiting(4096)
        .setNetClientOptions(new NetClientOptions()
            .setConnectTimeout(connectTimeoutMs)
            .setTcpNoDelay(true)
            .setTcpKeepAlive(true));
  }

  public boolean usesRedis() {
    return redisUrl != null;
  }

  /** {@code host:port} of the Redis URL, safe to log (no credentials). */
  public String redisEndpoint() {
    if (redisUrl == null) {
      return "in-process";
    }
    try {
      URI uri = URI.create(redisUrl);
      return uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort());
    } catch (IllegalArgumentException e) {
      return "an unparsable Redis URL";
    }
  }
}
