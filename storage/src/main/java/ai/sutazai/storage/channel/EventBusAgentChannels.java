package ai.sutazai.storage.channel;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link AgentChannels} on the Vert.x event bus, used when no Redis URL is configured: a channel is
 * the address {@link AgentChannel#eventBusAddress()}, publish is an event-bus publish and each
 * subscription a consumer, so a clustered event bus would carry the same messages between nodes.
 */
public final class EventBusAgentChannels implements AgentChannels {

  private final Vertx vertx;
  private final Map<ChannelSubscription, MessageConsumer<Object>> consumers =
      new ConcurrentHashMap<>();

  public EventBusAgentChannels(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<Void> publish(AgentChannel channel, JsonObject message) {
    Objects.requireNonNull(message, "message");
    vertx.eventBus().publish(channel.eventBusAddress(), message);
    return Future.succeededFuture();
  }

  @Override
  public Future<Subscription> subscribe(AgentChannel channel, Handler<JsonObject> handler) {
    Objects.requireNonNull(handler, "handler");
    ChannelSubscription subscription = new ChannelSubscription(channel, handler,
        vertx.getOrCreateContext(), this::unregister);
    MessageConsumer<Object> consumer = vertx.eventBus().consumer(channel.eventBusAddress());
    consumer.handler(delivery -> {
      JsonObject message = ChannelSubscription.decode(channel.name(), delivery.body());
      if (message != null) {
        subscription.deliver(message);
      }
    });
    consumers.put(subscription, consumer);
    return consumer.completion()
        .onFailure(failure -> consumers.remove(subscription))
        .map(registered -> (Subscription) subscription);
  }

  @Override
  public Future<Void> close() {
    List<ChannelSubscription> open = List.copyOf(consumers.keySet());
    open.forEach(ChannelSubscription::end);
    return Future.all(open.stream().map(this::unregister).toList()).mapEmpty();
  }

  private Future<Void> unregister(ChannelSubscription subscription) {
    MessageConsumer<Object> consumer = consumers.remove(subscription);
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }
}
