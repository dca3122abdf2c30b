package ai.sutazai.storage.channel;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.storage.cache.CacheOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The channel contract on the machine's Redis at 127.0.0.1:6379, plus what Redis itself sees. */
class RedisAgentChannelsTest extends AgentChannelsContract {

  static final String MACHINE_REDIS = "redis://127.0.0.1:6379";

  private Redis raw;

  @Override
  protected Future<AgentChannels> openChannels(Vertx vertx) {
    return AgentChannels.open(vertx, CacheOptions.defaults().withRedisUrl(MACHINE_REDIS));
  }

  @Override
  protected Future<Void> publishRaw(AgentChannel channel, String payload) {
    return raw.send(Request.cmd(Command.PUBLISH).arg(channel.name()).arg(payload)).mapEmpty();
  }

  @BeforeEach
  void connectRaw() {
    raw = Redis.createClient(vertx, MACHINE_REDIS);
  }

  @AfterEach
  void closeRaw() {
    raw.close().await();
  }

  /** Verifies that with a Redis URL the channels are Redis pub/sub and report themselves available. */
  @Test
  void isRedisWithRedisUrl() {
    assertThat(channels).isInstanceOf(RedisAgentChannels.class);
    assertThat(channels.available()).isTrue();
  }

  /** Verifies that Redis sees one subscription per channel, named agent:{id}:commands, until the last handler leaves. */
  @Test
  void redisSeesOneSubscriptionPerChannel() {
    AgentChannel channel = AgentChannel.commands("test-" + nonce);
    Subscription first = channels.subscribe(channel, new Inbox(nonce)).await();
    Subscription second = channels.subscribe(channel, new Inbox(nonce)).await();

    assertThat(channel.name()).isEqualTo("agent:test-" + nonce + ":commands");
    assertThat(subscribersAtRedis(channel)).isEqualTo(1L);
    first.unsubscribe().await();
    assertThat(subscribersAtRedis(channel)).isEqualTo(1L);
    second.unsubscribe().await();
    awaitSubscribersAtRedis(channel, 0L);
  }

  /** Verifies that a plain Redis subscriber of agent:broadcast receives what is published as JSON text. */
  @Test
  void publishesJsonTextOnTheNamedRedisChannel() {
    Inbox inbox = new Inbox(nonce);
    Promise<Void> confirmed = Promise.promise();
    RedisConnection subscriber = raw.connect().await();
    subscriber.handler(push -> {
      if (push.size() == 3 && "agent:broadcast".equals(push.get(1).toString())) {
        switch (push.get(0).toString()) {
          case "subscribe" -> confirmed.tryComplete();
          case "message" -> inbox.handle(new JsonObject(push.get(2).toString()));
          default -> { }
        }
      }
    });
    subscriber.send(Request.cmd(Command.SUBSCRIBE).arg("agent:broadcast")).await();
    confirmed.future().await();

    channels.publish(AgentChannel.BROADCAST, message(1)).await();

    assertThat(inbox.await(vertx, 1)).containsExactly(message(1));
    subscriber.close().await();
  }

  private long subscribersAtRedis(AgentChannel channel) {
    return raw.send(Request.cmd(Command.PUBSUB).arg("NUMSUB").arg(channel.name())).await()
        .get(1).toLong();
  }

  private void awaitSubscribersAtRedis(AgentChannel channel, long expected) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (subscribersAtRedis(channel) != expected) {
      assertThat(System.nanoTime()).as("%d subscribers within 10 s", expected).isLessThan(deadline);
      vertx.timer(20).await();
    }
  }
}
