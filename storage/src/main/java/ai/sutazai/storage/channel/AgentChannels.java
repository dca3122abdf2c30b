package ai.sutazai.storage.channel;

import ai.sutazai.storage.cache.CacheOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Publish and subscribe on agent channels: each JSON message published reaches every handler
 * subscribed to its channel at that moment, at most once (no history, no acknowledgement).
 * Handlers run on the context they subscribed from; a payload that is not a JSON object is logged
 * and dropped, and a handler that throws is logged without disturbing the others.
 */
public interface AgentChannels {

  /** Publishes {@code message}; fails with a {@code storage-unavailable} problem when it cannot. */
  Future<Void> publish(AgentChannel channel, JsonObject message);

  /**
   * Subscribes {@code handler}; once the future has succeeded, every later publish reaches it
   * while the backing store is reachable.
   */
  Future<Subscription> subscribe(AgentChannel channel, Handler<JsonObject> handler);

  /** Whether subscriptions currently receive messages; {@code false} while Redis is away. */
  default boolean available() {
    return true;
  }

  /** Ends every subscription and releases connections. */
  Future<Void> close();

  /**
   * The channels SutazAI runs with: {@link RedisAgentChannels} when {@code options} name a Redis
   * URL, otherwise {@link EventBusAgentChannels}. The future always succeeds.
   */
  static Future<AgentChannels> open(Vertx vertx, CacheOptions options) {
    if (options.usesRedis()) {
      return RedisAgentChannels.start(vertx, options).map(channels -> (AgentChannels) channels);
    }
    return Future.succeededFuture(new EventBusAgentChannels(vertx));
  }
}
