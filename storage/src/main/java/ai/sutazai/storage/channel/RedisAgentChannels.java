package ai.sutazai.storage.channel;

import ai.sutazai.storage.cache.CacheOptions;
import ai.sutazai.storage.session.GuardedRedis;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.Objects;

/**
 * {@link AgentChannels} on Redis pub/sub: PUBLISH goes through a pooled client and fails fast with
 * a {@code storage-unavailable} problem while Redis is unreachable; subscriptions share one
 * dedicated connection ({@link RedisChannelSubscriber}) that subscribes every channel again after
 * Redis comes back. Messages published while the connection is down are lost, as Redis pub/sub
 * keeps none.
 */
public final class RedisAgentChannels implements AgentChannels {

  private final GuardedRedis publisher;
  private final RedisChannelSubscriber subscriber;

  private RedisAgentChannels(GuardedRedis publisher, RedisChannelSubscriber subscriber) {
    this.publisher = publisher;
    this.subscriber = subscriber;
  }

  /**
   * Connects the subscriber connection; the future always succeeds, and while Redis is away
   * subscriptions are kept and made once it answers.
   */
  public static Future<RedisAgentChannels> start(Vertx vertx, CacheOptions options) {
    GuardedRedis publisher = GuardedRedis.create(vertx, options, "agent channels",
        options.redisMaxPoolSize());
    return RedisChannelSubscriber.start(vertx, options)
        .map(subscriber -> new RedisAgentChannels(publisher, subscriber));
  }

  @Override
  public Future<Void> publish(AgentChannel channel, JsonObject message) {
    Objects.requireNonNull(message, "message");
    return publisher.send(Request.cmd(Command.PUBLISH).arg(channel.name()).arg(message.encode()))
        .mapEmpty();
  }

  @Override
  public Future<Subscription> subscribe(AgentChannel channel, Handler<JsonObject> handler) {
    Objects.requireNonNull(handler, "handler");
    return subscriber.subscribe(channel, handler);
  }

  @Override
  public boolean available() {
    return subscriber.connected();
  }

  @Override
  public Future<Void> close() {
    return Future.join(subscriber.close(), publisher.close()).mapEmpty();
  }
}
