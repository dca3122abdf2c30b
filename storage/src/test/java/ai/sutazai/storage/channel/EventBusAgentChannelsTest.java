package ai.sutazai.storage.channel;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.storage.cache.CacheOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The channel contract on the Vert.x event bus, used without a Redis URL. */
class EventBusAgentChannelsTest extends AgentChannelsContract {

  @Override
  protected Future<AgentChannels> openChannels(Vertx vertx) {
    return AgentChannels.open(vertx, CacheOptions.defaults());
  }

  @Override
  protected Future<Void> publishRaw(AgentChannel channel, String payload) {
    vertx.eventBus().publish(channel.eventBusAddress(), payload);
    return Future.succeededFuture();
  }

  /** Verifies that without a Redis URL the channels are the event bus at sutazai.channel.<channel>. */
  @Test
  void isTheEventBusWithoutRedisUrl() {
    AgentChannel channel = agentCommands();
    Inbox inbox = new Inbox(nonce);
    channels.subscribe(channel, inbox).await();

    vertx.eventBus().publish("sutazai.channel." + channel.name(), message(7));

    assertThat(channels).isInstanceOf(EventBusAgentChannels.class);
    assertThat(channels.available()).isTrue();
    assertThat(inbox.await(vertx, 1)).containsExactly(message(7));
  }

  /** Verifies that close ends every subscription. */
  @Test
  void closeEndsSubscriptions() {
    AgentChannel channel = agentCommands();
    Inbox inbox = new Inbox(nonce);
    Inbox witness = new Inbox(nonce);
    channels.subscribe(channel, inbox).await();
    vertx.eventBus().<JsonObject>consumer(channel.eventBusAddress(),
        delivery -> witness.handle(delivery.body())).completion().await();

    channels.close().await();
    vertx.eventBus().publish(channel.eventBusAddress(), message(1));

    assertThat(witness.await(vertx, 1)).containsExactly(message(1));
    assertThat(inbox.received()).isEmpty();
  }
}
