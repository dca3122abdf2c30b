package ai.sutazai.storage.channel;

import ai.sutazai.storage.ReconnectSchedule;
import ai.sutazai.storage.cache.CacheOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions behind {@link RedisAgentChannels}, all on one {@link ReconnectingConnection}:
 * a channel is subscribed at Redis for its first handler and unsubscribed after its last, every
 * channel is subscribed again on each new connection, and each pushed message goes to the
 * handlers of its channel. Its state is touched on its own context only.
 */
final class RedisChannelSubscriber {

  private static final Logger LOG = LoggerFactory.getLogger(RedisChannelSubscriber.class);

  /** The handlers of one channel, and the SUBSCRIBE they wait for. */
  private static final class Channel {
    private final List<ChannelSubscription> handlers = new ArrayList<>();
    private Future<Void> subscribed = Future.succeededFuture();
  }

  private final Vertx vertx;
  private final Context context;
  private final ReconnectingConnection connection;
  private final Map<String, Channel> channels = new HashMap<>();
  /** Per channel, the SUBSCRIBE commands sent and not yet confirmed, oldest first. */
  private final Map<String, List<Promise<Void>>> confirmations = new HashMap<>();
  private boolean closed;

  private RedisChannelSubscriber(Vertx vertx, CacheOptions options) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.connection = new ReconnectingConnection(vertx, context, options, this::dispatch,
        this::subscribeEveryChannel);
  }

  /** Makes the first connection attempt; the future succeeds whether Redis answered or not. */
  static Future<RedisChannelSubscriber> start(Vertx vertx, CacheOptions options) {
    RedisChannelSubscriber subscriber = new RedisChannelSubscriber(vertx, options);
    return subscriber.connection.start().map(subscriber);
  }

  /** Whether the connection is up with every channel subscribed. */
  boolean connected() {
    return connection.ready();
  }

  /**
   * Adds {@code handler}; the future succeeds once Redis confirmed the channel's subscription, or
   * at once while Redis is away (the subscription is then made when it is back).
   */
  Future<Subscription> subscribe(AgentChannel channel, Handler<JsonObject> handler) {
    ChannelSubscription subscription = new ChannelSubscription(channel, handler,
        vertx.getOrCreateContext(), this::remove);
    Promise<Subscription> added = Promise.promise();
    ReconnectSchedule.onContext(context, () -> {
      if (closed) {
        added.fail(new IllegalStateException("agent channels are closed"));
        return;
      }
      Channel subscribed = channels.get(channel.name());
      if (subscribed == null) {
        subscribed = new Channel();
        channels.put(channel.name(), subscribed);
        RedisConnection open = connection.current();
        if (open != null) {
          subscribed.subscribed = subscribeAtRedis(open, List.of(channel.name()));
        }
      }
      subscribed.handlers.add(subscription);
      subscribed.subscribed.onComplete(done -> added.complete(subscription));
    });
    return added.future();
  }

  Future<Void> close() {
    Promise<Void> closing = Promise.promise();
    ReconnectSchedule.onContext(context, () -> {
      closed = true;
      channels.values().forEach(channel -> channel.handlers.forEach(ChannelSubscription::end));
      channels.clear();
      connection.close().onComplete(closing);
    });
    return closing.future();
  }

  private Future<Void> remove(ChannelSubscription subscription) {
    Promise<Void> removed = Promise.promise();
    ReconnectSchedule.onContext(context, () -> {
      String name = subscription.channel().name();
      Channel channel = channels.get(name);
      RedisConnection open = connection.current();
      if (channel == null || !channel.handlers.remove(subscription)
          || !channel.handlers.isEmpty()) {
        removed.complete();
        return;
      }
      channels.remove(name);
      if (open == null) {
        removed.complete();
        return;
      }
      connection.guard(open, () -> open.send(Request.cmd(Command.UNSUBSCRIBE).arg(name)),
          "UNSUBSCRIBE").onComplete(sent -> removed.complete());
    });
    return removed.future();
  }

  private Future<Void> subscribeEveryChannel(RedisConnection fresh) {
    Future<Void> subscribed = subscribeAtRedis(fresh, List.copyOf(channels.keySet()));
    channels.values().forEach(channel -> channel.subscribed = subscribed);
    return subscribed;
  }

  /**
   * SUBSCRIBE, answered once Redis pushed a confirmation for every channel: from then on, a
   * message published on them reaches this connection.
   */
  private Future<Void> subscribeAtRedis(RedisConnection open, List<String> names) {
    if (names.isEmpty()) {
      return Future.succeededFuture();
    }
    Request subscribe = Request.cmd(Command.SUBSCRIBE);
    List<Promise<Void>> expected = new ArrayList<>();
    for (String name : names) {
      subscribe.arg(name);
      Promise<Void> confirmation = Promise.promise();
      confirmations.computeIfAbsent(name, n -> new ArrayList<>()).add(confirmation);
      expected.add(confirmation);
    }
    Future<Void> confirmed = Future.all(expected.stream().map(Promise::future).toList())
        .mapEmpty();
    return connection.guard(open, () -> open.send(subscribe).compose(sent -> confirmed),
            "SUBSCRIBE")
        .onComplete(done -> ReconnectSchedule.onContext(context, () -> forget(expected)));
  }

  private void forget(List<Promise<Void>> answered) {
    confirmations.values().forEach(waiting -> waiting.removeAll(answered));
    confirmations.values().removeIf(List::isEmpty);
  }

  /**
   * Hands a {@code message} push to the handlers of its channel, and takes a {@code subscribe}
   * push as the confirmation of the oldest SUBSCRIBE waiting for that channel (Redis pushes one per
   * channel and command); ignores every other push.
   */
  private void dispatch(Response push) {
    try {
      if (push == null || (push.type() != ResponseType.PUSH && push.type() != ResponseType.MULTI)
          || push.size() != 3) {
        return;
      }
      String kind = String.valueOf(push.get(0));
      String name = push.get(1).toString();
      if ("subscribe".equals(kind)) {
        List<Promise<Void>> waiting = confirmations.get(name);
        if (waiting != null) {
          Promise<Void> oldest = waiting.remove(0);
          if (waiting.isEmpty()) {
            confirmations.remove(name);
          }
          oldest.tryComplete();
        }
      } else if ("message".equals(kind) && channels.containsKey(name)) {
        Response payload = push.get(2);
        JsonObject message = ChannelSubscription.decode(name,
            payload == null ? null : payload.toString());
        if (message != null) {
          channels.get(name).handlers.forEach(handler -> handler.dispatch(message.copy()));
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Dropped an unreadable push from Redis: {}", push, e);
    }
  }
}
