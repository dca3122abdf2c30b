package ai.sutazai.storage.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The behaviour every {@link AgentChannels} shares; each subclass runs it against one transport.
 * Agent ids are unique to the test and messages carry a nonce, so concurrent runs stay apart.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class AgentChannelsContract {

  protected final String nonce = UUID.randomUUID().toString();
  protected Vertx vertx;
  protected AgentChannels channels;

  /** Opens the channels under test. */
  protected abstract Future<AgentChannels> openChannels(Vertx vertx);

  /** Puts {@code payload} on the channel's transport as is, past {@link AgentChannels}. */
  protected abstract Future<Void> publishRaw(AgentChannel channel, String payload);

  @BeforeEach
  void open(Vertx vertx) {
    this.vertx = vertx;
    this.channels = openChannels(vertx).await();
  }

  @AfterEach
  void close() {
    channels.close().await();
  }

  protected AgentChannel agentCommands() {
    return AgentChannel.commands("test-" + UUID.randomUUID());
  }

  protected JsonObject message(int number) {
    return new JsonObject().put("nonce", nonce).put("number", number).put("text", "grüße");
  }

  /** Verifies that a message published on an agent's channel reaches each of its subscribers once. */
  @Test
  void deliversToEverySubscriber() {
    AgentChannel channel = agentCommands();
    Inbox first = new Inbox(nonce);
    Inbox second = new Inbox(nonce);
    channels.subscribe(channel, first).await();
    channels.subscribe(channel, second).await();

    channels.publish(channel, message(1)).await();

    assertThat(first.await(vertx, 1)).containsExactly(message(1));
    assertThat(second.await(vertx, 1)).containsExactly(message(1));
  }

  /** Verifies that the broadcast channel reaches all its subscribers, in publish order. */
  @Test
  void broadcastArrivesInOrder() {
    Inbox first = new Inbox(nonce);
    Inbox second = new Inbox(nonce);
    channels.subscribe(AgentChannel.BROADCAST, first).await();
    channels.subscribe(AgentChannel.BROADCAST, second).await();

    for (int i = 0; i < 20; i++) {
      channels.publish(AgentChannel.BROADCAST, message(i)).await();
    }

    List<JsonObject> expected = IntStream.range(0, 20).mapToObj(this::message).toList();
    assertThat(first.await(vertx, 20)).containsExactlyElementsOf(expected);
    assertThat(second.await(vertx, 20)).containsExactlyElementsOf(expected);
  }

  /** Verifies that an unsubscribed handler receives nothing more while the others still do. */
  @Test
  void unsubscribeStopsDelivery() {
    AgentChannel channel = agentCommands();
    Inbox leaving = new Inbox(nonce);
    Inbox staying = new Inbox(nonce);
    Subscription left = channels.subscribe(channel, leaving).await();
    channels.subscribe(channel, staying).await();
    channels.publish(channel, message(1)).await();
    leaving.await(vertx, 1);

    left.unsubscribe().await();
    left.unsubscribe().await();
    channels.publish(channel, message(2)).await();
    channels.publish(channel, message(3)).await();

    assertThat(staying.await(vertx, 3)).containsExactly(message(1), message(2), message(3));
    assertThat(leaving.received()).containsExactly(message(1));
  }

  /** Verifies that a channel whose last subscriber left can be subscribed again. */
  @Test
  void channelCanBeSubscribedAgain() {
    AgentChannel channel = agentCommands();
    channels.subscribe(channel, new Inbox(nonce)).await().unsubscribe().await();
    Inbox again = new Inbox(nonce);

    channels.subscribe(channel, again).await();
    channels.publish(channel, message(1)).await();

    assertThat(again.await(vertx, 1)).containsExactly(message(1));
  }

  /** Verifies that two agents' channels and the broadcast channel do not see each other's messages. */
  @Test
  void channelsAreIsolated() {
    AgentChannel alpha = agentCommands();
    AgentChannel beta = agentCommands();
    Inbox alphaInbox = new Inbox(nonce);
    Inbox betaInbox = new Inbox(nonce);
    Inbox broadcastInbox = new Inbox(nonce);
    channels.subscribe(alpha, alphaInbox).await();
    channels.subscribe(beta, betaInbox).await();
    channels.subscribe(AgentChannel.BROADCAST, broadcastInbox).await();

    channels.publish(alpha, message(1)).await();
    channels.publish(AgentChannel.BROADCAST, message(2)).await();
    channels.publish(beta, message(3)).await();

    assertThat(alphaInbox.await(vertx, 1)).containsExactly(message(1));
    assertThat(broadcastInbox.await(vertx, 1)).containsExactly(message(2));
    assertThat(betaInbox.await(vertx, 1)).containsExactly(message(3));
    channels.publish(alpha, message(4)).await();
    assertThat(alphaInbox.await(vertx, 2)).containsExactly(message(1), message(4));
    assertThat(betaInbox.received()).containsExactly(message(3));
    assertThat(broadcastInbox.received()).containsExactly(message(2));
  }

  /** Verifies that payloads that are not JSON objects are dropped and later messages still arrive. */
  @Test
  void malformedPayloadsAreDropped() {
    AgentChannel channel = agentCommands();
    AtomicInteger calls = new AtomicInteger();
    Inbox inbox = new Inbox(nonce);
    channels.subscribe(channel, message -> {
      calls.incrementAndGet();
      inbox.handle(message);
    }).await();

    publishRaw(channel, "not json {").await();
    publishRaw(channel, "[1, 2, 3]").await();
    publishRaw(channel, "\"a string\"").await();
    channels.publish(channel, message(1)).await();

    assertThat(inbox.await(vertx, 1)).containsExactly(message(1));
    assertThat(calls.get()).as("the handler saw only the JSON object").isEqualTo(1);
  }

  /** Verifies that a handler that throws neither stops its own later deliveries nor others'. */
  @Test
  void throwingHandlerDoesNotStopDelivery() {
    AgentChannel channel = agentCommands();
    Inbox thrower = new Inbox(nonce);
    Inbox other = new Inbox(nonce);
    channels.subscribe(channel, message -> {
      thrower.handle(message);
      throw new IllegalStateException("handler bug");
    }).await();
    channels.subscribe(channel, other).await();

    channels.publish(channel, message(1)).await();
    channels.publish(channel, message(2)).await();

    assertThat(thrower.await(vertx, 2)).containsExactly(message(1), message(2));
    assertThat(other.await(vertx, 2)).containsExactly(message(1), message(2));
  }

  /** Verifies that a handler runs on the event loop of the context it subscribed from (a verticle's). */
  @Test
  void handlerRunsOnTheSubscribersEventLoop() {
    AgentChannel channel = agentCommands();
    Context subscriberContext = vertx.getOrCreateContext();
    Promise<Thread> subscriberThread = Promise.promise();
    Promise<Thread> handlerThread = Promise.promise();
    Promise<Subscription> subscribed = Promise.promise();
    subscriberContext.runOnContext(v -> {
      subscriberThread.complete(Thread.currentThread());
      channels.subscribe(channel, message -> handlerThread.tryComplete(Thread.currentThread()))
          .onComplete(subscribed);
    });
    subscribed.future().await();

    channels.publish(channel, message(1)).await();

    assertThat(handlerThread.future().await()).isSameAs(subscriberThread.future().await());
  }
}
