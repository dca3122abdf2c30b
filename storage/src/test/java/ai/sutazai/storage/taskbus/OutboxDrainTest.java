package ai.sutazai.storage.taskbus;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.storage.broker.TaskDelivery;
import ai.sutazai.storage.broker.TaskVerdict;
import ai.sutazai.verticles.bus.BusMessages;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The outbox drain with a task no queue can ever take, while its dead record cannot be written (PostgreSQL away). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OutboxDrainTest {

  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  /** Verifies that the failed dead record of an unpublishable task is logged once however often the drain tries. */
  @Test
  void failedDeadRecordOfAnUnpublishableTaskIsLoggedOnce() {
    String id = UUID.randomUUID().toString();
    List<JsonObject> deadRecords = new CopyOnWriteArrayList<>();
    onContext(() -> Future.all(
        vertx.eventBus().<JsonObject>consumer(StorageAddresses.TASK_OUTBOX, message -> message.reply(
            new JsonObject().put("tasks", new JsonArray().add(new JsonObject().put("id", id).put("agent", "ag-001")))))
            .completion(),
        vertx.eventBus().<JsonObject>consumer(StorageAddresses.TASK_TRANSITION, message -> {
          deadRecords.add(message.body());
          BusMessages.fail(message, ProblemType.STORAGE_UNAVAILABLE.problem("PostgreSQL is down"));
        }).completion()).mapEmpty());
    OutboxDrain drain = new OutboxDrain(new TaskRecords(vertx), UnpublishableTransport::new, new HashMap<>());

    try (CapturedLogs logs = CapturedLogs.of(OutboxDrain.class)) {
      for (int drains = 1; drains <= 3; drains++) {
        context.runOnContext(v -> drain.request());
        int expected = drains;
        awaitTrue(() -> deadRecords.size() == expected, "dead record " + drains + " tried");
      }

      assertThat(deadRecords).allSatisfy(record -> {
        assertThat(record.getString("id")).isEqualTo(id);
        assertThat(record.getString("status")).isEqualTo("dead");
        assertThat(record.getString("error")).isEqualTo("unroutable: no queue could ever take it");
      });
      assertThat(logs.warnings()).singleElement().asString()
          .startsWith("Task " + id + " can never be published (no queue could ever take it) but cannot be recorded"
              + " dead yet");
    }
  }

  /** A transport that refuses every task as one no queue could ever take. */
  private static final class UnpublishableTransport implements TaskTransport {

    @Override
    public Future<Void> publish(JsonObject task, String family) {
      throw new IllegalArgumentException("no queue could ever take it");
    }

    @Override
    public boolean needsFamily() {
      return false;
    }

    @Override
    public Future<Void> consume(AgentConsumer consumer, Function<TaskDelivery, Future<TaskVerdict>> handler) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> stop(String agent) {
      return Future.succeededFuture();
    }

    @Override
    public Set<String> consumers() {
      return Set.of();
    }

    @Override
    public Future<Void> publishEvent(JsonObject event) {
      return Future.succeededFuture();
    }

    @Override
    public JsonObject status() {
      return new JsonObject().put("transport", "unpublishable").put("state", "running").put("unroutable", 0);
    }

    @Override
    public String describe() {
      return "a transport no task can be published to";
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }

  private <T> T onContext(Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(done));
    return done.future().await();
  }

  private void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("%s within 10 s", what).isLessThan(deadline);
      vertx.timer(20).await();
    }
  }
}
