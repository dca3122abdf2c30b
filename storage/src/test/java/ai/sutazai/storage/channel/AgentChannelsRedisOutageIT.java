package ai.sutazai.storage.channel;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.storage.cache.CacheOptions;
import ai.sutazai.storage.testing.RedisServerProcess;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Agent channels subscribe every channel again when their Redis comes back, and publish fails fast while it is away. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AgentChannelsRedisOutageIT {

  /** Ten times the configured operation timeout: what "fast" means on a noisy machine. */
  private static final long QUICK_MS = 5_000;

  private final String nonce = UUID.randomUUID().toString();
  private final AgentChannel alpha = AgentChannel.commands("alpha");
  private final AgentChannel beta = AgentChannel.commands("beta");
  private Vertx vertx;
  private RedisServerProcess server;
  private AgentChannels channels;

  @BeforeEach
  void prepare(Vertx vertx) {
    this.vertx = vertx;
    server = new RedisServerProcess(RedisServerProcess.freePort());
  }

  @AfterEach
  void tearDown() {
    if (channels != null) {
      channels.close().await();
    }
    server.close();
  }

  /** Verifies that after Redis restarts every channel is subscribed again and delivers, and that publishing meanwhile fails quickly. */
  @Test
  void resubscribesAfterRedisRestarts() {
    server.start();
    channels = AgentChannels.open(vertx, options()).await();
    Inbox alphaInbox = new Inbox(nonce);
    Inbox broadcastInbox = new Inbox(nonce);
    channels.subscribe(alpha, alphaInbox).await();
    channels.subscribe(AgentChannel.BROADCAST, broadcastInbox).await();
    channels.publish(alpha, message(1)).await();
    alphaInbox.await(vertx, 1);

    server.stop();
    awaitTrue(() -> !channels.available(), "channels report Redis away");
    assertPublishFailsQuickly(alpha);

    server.start();
    awaitTrue(channels::available, "channels subscribed again");
    channels.publish(alpha, message(2)).await();
    channels.publish(AgentChannel.BROADCAST, message(3)).await();

    assertThat(alphaInbox.await(vertx, 2)).containsExactly(message(1), message(2));
    assertThat(broadcastInbox.await(vertx, 1)).containsExactly(message(3));
  }

  /** Verifies that channels opened while Redis is down accept subscriptions and deliver once Redis starts. */
  @Test
  void subscriptionsMadeWhileRedisIsDownWorkOnceItStarts() {
    channels = AgentChannels.open(vertx, options()).await();
    assertThat(channels.available()).isFalse();
    Inbox inbox = new Inbox(nonce);

    long start = System.nanoTime();
    channels.subscribe(alpha, inbox).await();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(QUICK_MS);
    assertPublishFailsQuickly(alpha);

    server.start();
    awaitTrue(channels::available, "channels subscribed once Redis started");
    channels.publish(alpha, message(1)).await();

    assertThat(inbox.await(vertx, 1)).containsExactly(message(1));
  }

  /** Verifies that a channel unsubscribed while Redis was down is not subscribed again when it is back. */
  @Test
  void unsubscribedWhileDownStaysUnsubscribed() {
    server.start();
    channels = AgentChannels.open(vertx, options()).await();
    Inbox leaving = new Inbox(nonce);
    Inbox staying = new Inbox(nonce);
    Subscription left = channels.subscribe(alpha, leaving).await();
    channels.subscribe(beta, staying).await();

    server.stop();
    awaitTrue(() -> !channels.available(), "channels report Redis away");
    left.unsubscribe().await();
    server.start();
    awaitTrue(channels::available, "channels subscribed again");

    assertThat(subscribersAtRedis(alpha)).isZero();
    assertThat(subscribersAtRedis(beta)).isEqualTo(1L);
    channels.publish(alpha, message(1)).await();
    channels.publish(beta, message(2)).await();
    assertThat(staying.await(vertx, 1)).containsExactly(message(2));
    assertThat(leaving.received()).isEmpty();
  }

  /** Verifies that a frozen Redis is noticed by the heartbeat and that channels deliver again once it answers. */
  @Test
  void noticesAFrozenRedisAndRecovers() {
    server.start();
    channels = AgentChannels.open(vertx, options()).await();
    Inbox inbox = new Inbox(nonce);
    channels.subscribe(alpha, inbox).await();

    server.pause();
    awaitTrue(() -> !channels.available(), "the heartbeat noticed the frozen Redis");
    server.resume();
    awaitTrue(channels::available, "channels subscribed again");
    channels.publish(alpha, message(1)).await();

    assertThat(inbox.await(vertx, 1)).containsExactly(message(1));
  }

  private CacheOptions options() {
    return new CacheOptions(server.url(), Duration.ofMillis(500), Duration.ofMillis(100),
        Duration.ofSeconds(1), 4, 100);
  }

  private JsonObject message(int number) {
    return new JsonObject().put("nonce", nonce).put("number", number);
  }

  private void assertPublishFailsQuickly(AgentChannel channel) {
    long start = System.nanoTime();
    Throwable failure = channels.publish(channel, message(0))
        .transform(Future::succeededFuture).await().cause();

    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(QUICK_MS);
    assertThat(failure).as("publish failed").isNotNull();
    assertThat(Problem.of(failure).type()).isEqualTo(ProblemType.STORAGE_UNAVAILABLE.uri());
  }

  private long subscribersAtRedis(AgentChannel channel) {
    Redis raw = Redis.createClient(vertx, server.url());
    try {
      return raw.send(Request.cmd(Command.PUBSUB).arg("NUMSUB").arg(channel.name())).await()
          .get(1).toLong();
    } finally {
      raw.close().await();
    }
  }

  private void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("%s within 20 s", what).isLessThan(deadline);
      vertx.timer(50).await();
    }
  }
}
