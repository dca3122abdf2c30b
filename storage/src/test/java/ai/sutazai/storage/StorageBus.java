package ai.sutazai.storage;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.storage.pg.TestServer;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.AsyncResult;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.function.BooleanSupplier;
import java.util.concurrent.TimeUnit;

/** Talks to a deployed storage verticle the way other modules do: over the event bus only. */
final class StorageBus {

  private final Vertx vertx;

  StorageBus(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Deploys a storage verticle with {@code config} and answers its deployment id. */
  static String deploy(Vertx vertx, JsonObject config) {
    return deploy(vertx, new StorageVerticle(), config);
  }

  /** Deploys {@code verticle} with {@code config} and answers its deployment id. */
  static String deploy(Vertx vertx, StorageVerticle verticle, JsonObject config) {
    return TestServer.await(vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)));
  }

  /** The reply body of a request that must succeed. */
  JsonObject request(String address, Object body) {
    AsyncResult<Message<Object>> reply = send(address, body);
    assertThat(reply.succeeded()).as("%s answered %s", address, reply.cause()).isTrue();
    return (JsonObject) reply.result().body();
  }

  /** The problem a request that must fail was answered with. */
  Problem failure(String address, Object body) {
    AsyncResult<Message<Object>> reply = send(address, body);
    assertThat(reply.failed()).as("%s must fail, answered %s", address,
      reply.succeeded() ? reply.result().body() : null).isTrue();
    return Problem.of(reply.cause());
  }

  /** How long a request took to be answered, successfully or not, in milliseconds. */
  long millisToAnswer(String address, Object body) {
    long begin = System.nanoTime();
    send(address, body);
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
  }

  JsonObject status() {
    return request(StorageAddresses.STATUS, new JsonObject());
  }

  /** Polls until {@code condition} holds, failing after {@code seconds}. */
  void awaitCondition(String what, int seconds, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("%s within %d s", what, seconds).isLessThan(deadline);
      TestServer.await(vertx.timer(50));
    }
  }

  private AsyncResult<Message<Object>> send(String address, Object body) {
    Future<Message<Object>> reply = vertx.eventBus().request(address, body);
    return TestServer.await(reply.transform(Future::succeededFuture));
  }
}
