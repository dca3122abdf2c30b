package ai.sutazai.storage.taskbus;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.storage.broker.TaskTopology;
import ai.sutazai.storage.broker.TaskVerdict;
import ai.sutazai.verticles.bus.BusMessages;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The in-process transport when the dead record of a task it gave up on cannot be written (PostgreSQL away): storage
 * is a fake at the task addresses whose first dead records fail with 503. Everything runs on one context, as in the
 * task bus.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EmbeddedTaskTransportTest {

  private static final String AGENT = "ag-embedded";
  private static final long TTL_MS = 200;

  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final List<JsonObject> deadRecords = new CopyOnWriteArrayList<>();
  private final List<JsonObject> delivered = new CopyOnWriteArrayList<>();
  private final TaskBusMeters meters = new TaskBusMeters();
  private final DeadTasks deadTasks = new DeadTasks(new TaskRecords(vertx), meters);
  private EmbeddedTaskTransport transport;

  @AfterEach
  void tearDown() {
    meters.remove();
    vertx.close().await();
  }

  /**
   * Verifies that a rejected task whose dead record fails is kept, never handed out again, and recorded at a later
   * sweep, with one warning however often the record fails.
   */
  @Test
  void rejectedTaskIsRecordedDeadOnceStorageIsBack() {
    String id = UUID.randomUUID().toString();
    try (CapturedLogs logs = CapturedLogs.of(EmbeddedTaskTransport.class)) {
      startWithStorage(3, message -> { });
      onContext(() -> transport.consume(new AgentConsumer(AGENT, "family", 1, 1_000), delivery -> {
        delivered.add(delivery.body().getJsonObject("task"));
        return Future.succeededFuture(TaskVerdict.REJECT);
      }));

      onContext(() -> transport.publish(task(id), null));

      await("the dead record written at the fourth try", () -> deadTasks.deadLetters() == 1);
      assertThat(deadRecords).hasSize(4).allSatisfy(record -> {
        assertThat(record.getString("id")).isEqualTo(id);
        assertThat(record.getString("status")).isEqualTo("dead");
        assertThat(record.getString("error")).isEqualTo("rejected after 1 attempt: boom");
      });
      assertThat(delivered).hasSize(1);
      assertThat(logs.warnings()).singleElement().asString().startsWith("Task " + id + " was rejected in "
          + TaskTopology.queueOf(AGENT) + " but cannot be recorded dead yet");
      onContext(() -> transport.publish(task(id), null));
      await("the task handed out again once recorded", () -> delivered.size() == 2);
    }
  }

  /**
   * Verifies that an expired task whose dead record fails goes back to its queue and is handed out to a consumer that
   * arrived in the meantime, with a warning.
   */
  @Test
  void expiredTaskWhoseRecordFailsIsHandedOutToANewConsumer() {
    String id = UUID.randomUUID().toString();
    try (CapturedLogs logs = CapturedLogs.of(EmbeddedTaskTransport.class)) {
      startWithStorage(1, message -> transport.consume(new AgentConsumer(AGENT, "family", 1, 1_000), delivery -> {
        delivered.add(delivery.body().getJsonObject("task"));
        return Future.succeededFuture(TaskVerdict.ACK);
      }));

      onContext(() -> transport.publish(task(id), null));

      await("the expired task handed out", () -> delivered.size() == 1);
      assertThat(delivered.get(0).getString("id")).isEqualTo(id);
      assertThat(deadRecords).singleElement().satisfies(record ->
          assertThat(record.getString("error")).startsWith("expired: waited more than 200 ms in "));
      assertThat(logs.warnings()).singleElement().asString().startsWith("Task " + id + " expired in "
          + TaskTopology.queueOf(AGENT) + " but cannot be recorded dead yet");
    }
  }

  /**
   * Fakes storage at TASK_GET and TASK_TRANSITION, whose first {@code failures} dead records fail with 503 after
   * {@code beforeFailing} ran, and starts the transport.
   */
  private void startWithStorage(int failures, Consumer<Message<JsonObject>> beforeFailing) {
    AtomicInteger failed = new AtomicInteger();
    onContext(() -> {
      Future<Void> get = vertx.eventBus().<JsonObject>consumer(StorageAddresses.TASK_GET, message ->
          message.reply(task(message.body().getString("id")).put("status", "running").put("error", "boom")))
          .completion();
      Future<Void> transition = vertx.eventBus().<JsonObject>consumer(StorageAddresses.TASK_TRANSITION, message -> {
        deadRecords.add(message.body());
        if (failed.getAndIncrement() < failures) {
          beforeFailing.accept(message);
          BusMessages.fail(message, ProblemType.STORAGE_UNAVAILABLE.problem("PostgreSQL is down"));
        } else {
          message.reply(new JsonObject().put("changed", true));
        }
      }).completion();
      transport = new EmbeddedTaskTransport(vertx, new TaskBusOptions(null, TaskTopology.standard(), 0, 3,
          Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofSeconds(1)), TTL_MS, deadTasks);
      return Future.all(get, transition).mapEmpty();
    });
  }

  private static JsonObject task(String id) {
    return new JsonObject().put("id", id).put("agent", AGENT).put("type", "chat").put("priority", 5);
  }

  private <T> T onContext(Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(done));
    return done.future().await();
  }

  private void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("%s within 10 s", what).isLessThan(deadline);
      vertx.timer(20).await();
    }
  }
}
