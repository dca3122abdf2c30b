package ai.sutazai.storage;

import static ai.sutazai.verticles.storage.StorageAddresses.TASK_BUS_CONSUME;
import static ai.sutazai.verticles.storage.StorageAddresses.TASK_BUS_STOP;
import static ai.sutazai.verticles.storage.StorageAddresses.TASK_CHANGES;
import static ai.sutazai.verticles.storage.StorageAddresses.TASK_CREATE;
import static ai.sutazai.verticles.storage.StorageAddresses.TASK_EVENTS;
import static ai.sutazai.verticles.storage.StorageAddresses.TASK_GET;
import static ai.sutazai.verticles.storage.StorageAddresses.TASK_TRANSITION;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.storage.pg.PgEndpoint;
import ai.sutazai.storage.pg.TestServer;
import ai.sutazai.verticles.agents.AgentAddresses;
import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * What the task bus does whatever carries the tasks, against a deployed storage verticle on a throwaway database:
 * fake agents are event-bus consumers at their deliveries address. Each transport's test class deploys it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class TaskBusContract {

  static final int MAX_ATTEMPTS = 3;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private PgEndpoint database;
  private Path dataDir;
  Vertx vertx;
  StorageBus bus;

  /** The transport's settings and anything it must prepare. */
  abstract StorageConfig withTransport(StorageConfig config);

  /** The storage verticle to deploy. */
  abstract StorageVerticle verticle();

  /** The agent id a test uses under {@code name}, unique to this run. */
  abstract String agent(String name);

  /** The family a test uses under {@code name}, unique to this run. */
  abstract String family(String name);

  /** What {@code task_bus.transport} and {@code task_bus.state} say while it works. */
  abstract String transportName();

  abstract String workingState();

  /** Cleans up what the transport left behind. */
  abstract void cleanUp() throws Exception;

  @BeforeAll
  void deploy() throws Exception {
    database = TestServer.LOCAL.createDatabase();
    dataDir = Files.createTempDirectory("taskbus");
    vertx = Vertx.vertx();
    StorageBus.deploy(vertx, verticle(), withTransport(StorageConfig.create()
        .with("pg.url", "postgresql://postgres@127.0.0.1:5432/" + database.database())
        .with("data.dir", dataDir.toString())
        .with("tasks.max_attempts", MAX_ATTEMPTS)
        .with("tasks.retry_backoff_ms", 50)
        .with("tasks.outbox_interval_ms", 200)
        .with("tasks.count_interval_ms", 200)).json());
    bus = new StorageBus(vertx);
  }

  @AfterAll
  void undeploy() throws Exception {
    TestServer.await(vertx.close());
    TestServer.LOCAL.dropDatabase(database);
    cleanUp();
  }

  /** Verifies that a created task is delivered to its agent, completed, and that each change is recorded and announced. */
  @Test
  void deliversATaskAndRecordsItsLife() {
    String agent = agent("life");
    List<JsonObject> changes = listenToChanges();
    try (FakeAgent fake = FakeAgent.completing(vertx, agent)) {
      consume(agent, family("life"), 2);

      String id = create(agent, 5, null);

      awaitStatus(id, "completed");
      JsonArray events = bus.request(TASK_EVENTS, new JsonObject().put("id", id)).getJsonArray("events");
      assertThat(statuses(events)).containsExactly("pending", "queued", "running", "completed");
      assertThat(fake.deliveriesOf(id)).singleElement().satisfies(delivery -> {
        assertThat(delivery.attempt()).isEqualTo(1);
        assertThat(delivery.maxAttempts()).isEqualTo(MAX_ATTEMPTS);
        assertThat(delivery.redelivered()).isFalse();
        assertThat(delivery.task().getString("agent")).isEqualTo(agent);
      });
      bus.awaitCondition("the completion announced", 10, () -> changesOf(changes, id).size() == 4);
      List<JsonObject> announced = changesOf(changes, id);
      assertThat(announced).extracting(change -> change.getString("status"))
          .containsExactly("pending", "queued", "running", "completed");
      for (int i = 0; i < 4; i++) {
        assertThat(announced.get(i).getLong("event_id")).isEqualTo(events.getJsonObject(i).getLong("id"));
      }
      assertThat(announced.get(3).getString("agent")).isEqualTo(agent);
      assertThat(announced.get(3).getInteger("attempts")).isEqualTo(1);
      assertThat(announced.get(3).containsKey("node")).isFalse();
    }
  }

  /** Verifies that of two waiting tasks the one of higher priority is handed out first. */
  @Test
  void handsOutHigherPriorityFirst() {
    String agent = agent("priority");
    consume(agent, family("priority"), 1);
    bus.request(TASK_BUS_STOP, new JsonObject().put("agent", agent));
    String low = create(agent, 1, null);
    String high = create(agent, 9, null);
    awaitStatus(low, "queued");
    awaitStatus(high, "queued");

    try (FakeAgent fake = FakeAgent.completing(vertx, agent)) {
      consume(agent, family("priority"), 1);

      awaitStatus(low, "completed");
      assertThat(fake.deliveries()).extracting(FakeAgent.Delivery::taskId).containsExactly(high, low);
    }
  }

  /** Verifies that a task failing every attempt is retried up to the limit and ends dead with the reason. */
  @Test
  void deadAfterFailingEveryAttempt() {
    String agent = agent("failing");
    long deadLettersBefore = taskBusStatus().getLong("dead_letters");
    try (FakeAgent fake = FakeAgent.failing(vertx, agent)) {
      consume(agent, family("failing"), 1);

      String id = create(agent, 5, null);

      awaitStatus(id, "dead");
      JsonObject task = bus.request(TASK_GET, new JsonObject().put("id", id));
      assertThat(task.getInteger("attempts")).isEqualTo(MAX_ATTEMPTS);
      assertThat(task.getString("error")).isEqualTo("rejected after 3 attempts: boom 3");
      assertThat(fake.deliveriesOf(id)).extracting(FakeAgent.Delivery::attempt).containsExactly(1, 2, 3);
      assertThat(statuses(bus.request(TASK_EVENTS, new JsonObject().put("id", id)).getJsonArray("events")))
          .containsExactly("pending", "queued", "running", "queued", "running", "queued", "running", "dead");
      bus.awaitCondition("the dead letter counted", 10,
          () -> taskBusStatus().getLong("dead_letters") > deadLettersBefore);
    }
  }

  /** Verifies that a task refused with requeue, or sent while no agent listens, is handed out again as attempt 1. */
  @Test
  void requeueAndMissingAgentCountNoAttempt() {
    String agent = agent("requeue");
    AtomicInteger sent = new AtomicInteger();
    Handler<DeliveryContext<Object>> counting = context -> {
      if (context.message().address().equals(AgentAddresses.deliveries(agent))) {
        sent.incrementAndGet();
      }
      context.next();
    };
    vertx.eventBus().addOutboundInterceptor(counting);
    try {
      consume(agent, family("requeue"), 1);
      String id = create(agent, 5, null);
      bus.awaitCondition("a delivery with no agent listening", 10, () -> sent.get() >= 1);

      AtomicInteger refusals = new AtomicInteger();
      try (FakeAgent fake = new FakeAgent(vertx, agent, (self, delivery) -> refusals.getAndIncrement() == 0
          ? Future.succeededFuture(new JsonObject().put("settle", "requeue"))
          : self.complete(delivery))) {
        awaitStatus(id, "completed");

        assertThat(fake.deliveriesOf(id)).hasSize(2).allSatisfy(delivery ->
            assertThat(delivery.attempt()).isEqualTo(1));
        assertThat(bus.request(TASK_GET, new JsonObject().put("id", id)).getInteger("attempts")).isEqualTo(1);
      }
    } finally {
      vertx.eventBus().removeOutboundInterceptor(counting);
    }
  }

  /**
   * Verifies that a delivery an agent's consumer discards while going away (as in a redeploy: Vert.x answers the
   * request as timed out at once) is handed out again without counting an attempt or recording an error.
   */
  @Test
  void deliveryDiscardedByAnAgentGoingAwayCountsNoAttempt() {
    String agent = agent("going");
    AtomicInteger sent = new AtomicInteger();
    Handler<DeliveryContext<Object>> counting = context -> {
      context.next();
      if (context.message().address().equals(AgentAddresses.deliveries(agent))) {
        sent.incrementAndGet();
      }
    };
    Context agentContext = vertx.getOrCreateContext();
    List<MessageConsumer<Object>> going = new CopyOnWriteArrayList<>();
    AtomicInteger markers = new AtomicInteger();
    TestServer.await(Future.future(registered -> agentContext.runOnContext(v -> {
      MessageConsumer<Object> deliveries = vertx.eventBus().consumer(AgentAddresses.deliveries(agent), m -> { });
      deliveries.pause();
      MessageConsumer<Object> marker = vertx.eventBus().consumer("marker." + agent, m -> markers.incrementAndGet());
      going.addAll(List.of(deliveries, marker));
      Future.all(deliveries.completion(), marker.completion()).<Void>mapEmpty().onComplete(registered);
    })));
    vertx.eventBus().addOutboundInterceptor(counting);
    try {
      consume(agent, family("going"), 1);
      String id = create(agent, 5, null);
      bus.awaitCondition("the delivery sent to the paused agent", 10, () -> sent.get() >= 1);
      vertx.eventBus().send("marker." + agent, "after the delivery");
      bus.awaitCondition("the delivery waiting in the paused agent (the marker behind it arrived)", 10,
          () -> markers.get() == 1);
      going.forEach(consumer -> TestServer.await(consumer.unregister()));

      try (FakeAgent fake = FakeAgent.completing(vertx, agent)) {
        awaitStatus(id, "completed");

        assertThat(fake.deliveriesOf(id)).singleElement().satisfies(delivery ->
            assertThat(delivery.attempt()).isEqualTo(1));
        JsonObject task = bus.request(TASK_GET, new JsonObject().put("id", id));
        assertThat(task.getInteger("attempts")).isEqualTo(1);
        assertThat(task.getString("error")).isNull();
        assertThat(statuses(bus.request(TASK_EVENTS, new JsonObject().put("id", id)).getJsonArray("events")))
            .containsExactly("pending", "queued", "running", "completed");
      }
    } finally {
      vertx.eventBus().removeOutboundInterceptor(counting);
    }
  }

  /**
   * Verifies that a delivery not settled within the consumer's timeout leaves the task's record as it is and is handed
   * out again, as attempt 1, until the agent settles it: here the agent finishes the attempt it still holds, answers
   * requeue to the copy that came meanwhile, and acknowledges the copy of the completed task after that.
   */
  @Test
  void deliveryNotSettledInTimeChangesNothingAndIsHandedOutAgain() {
    String agent = agent("slow");
    AtomicInteger received = new AtomicInteger();
    try (FakeAgent fake = new FakeAgent(vertx, agent, (self, delivery) -> switch (received.getAndIncrement()) {
      case 0 -> self.transition(delivery, "running", null).compose(running -> Promise.<JsonObject>promise().future());
      case 1 -> vertx.eventBus().request(TASK_TRANSITION, new JsonObject().put("id", delivery.taskId())
          .put("status", "completed").put("result", new JsonObject().put("late", true)))
          .map(new JsonObject().put("settle", "requeue"));
      default -> Future.succeededFuture(new JsonObject().put("settle", "ack"));
    })) {
      consume(agent, family("slow"), 1, 300);

      String id = create(agent, 5, null);

      awaitStatus(id, "completed");
      bus.awaitCondition("the copy of the completed task acknowledged", 10, () -> received.get() >= 3);
      JsonObject task = bus.request(TASK_GET, new JsonObject().put("id", id));
      assertThat(task.getInteger("attempts")).isEqualTo(1);
      assertThat(task.getString("error")).isNull();
      assertThat(statuses(bus.request(TASK_EVENTS, new JsonObject().put("id", id)).getJsonArray("events")))
          .containsExactly("pending", "queued", "running", "completed");
      assertThat(fake.deliveriesOf(id)).allSatisfy(delivery -> assertThat(delivery.attempt()).isEqualTo(1));
      assertThat(fake.deliveriesOf(id).get(1).redelivered()).isTrue();
    }
  }

  /** Verifies that another agent of the same family never gets a task addressed to its sibling. */
  @Test
  void anotherAgentsTaskIsDropped() {
    String mine = agent("mine");
    String sibling = agent("sibling");
    String family = family("shared");
    try (FakeAgent fake = FakeAgent.completing(vertx, mine);
         FakeAgent other = FakeAgent.completing(vertx, sibling)) {
      consume(sibling, family, 1);
      consume(mine, family, 1);

      String id = create(mine, 5, null);

      awaitStatus(id, "completed");
      assertThat(fake.deliveriesOf(id)).hasSize(1);
      assertThat(other.deliveries()).isEmpty();
      assertThat(statuses(bus.request(TASK_EVENTS, new JsonObject().put("id", id)).getJsonArray("events")))
          .containsExactly("pending", "queued", "running", "completed");
    }
  }

  /** Verifies that a task waits in the outbox until the task it depends on has completed. */
  @Test
  void dependentLeavesTheOutboxOnceItsDependencyCompletes() {
    String agent = agent("steps");
    try (FakeAgent fake = FakeAgent.completing(vertx, agent)) {
      consume(agent, family("steps"), 2);

      String first = create(agent, 5, null);
      String second = create(agent, 5, new JsonArray().add(first));

      awaitStatus(second, "completed");
      JsonObject firstTask = bus.request(TASK_GET, new JsonObject().put("id", first));
      JsonObject secondTask = bus.request(TASK_GET, new JsonObject().put("id", second));
      assertThat(OffsetDateTime.parse(secondTask.getString("published_at")))
          .isAfterOrEqualTo(OffsetDateTime.parse(firstTask.getString("completed_at")));
      assertThat(fake.deliveries()).extracting(FakeAgent.Delivery::taskId).containsExactly(first, second);
    }
  }

  /**
   * Verifies that STATUS describes the task bus (transport, state, consumers and the outbox as counted) and the
   * tasks by status.
   */
  @Test
  void statusDescribesTheTaskBus() {
    String agent = agent("status");
    consume(agent, family("status"), 1);
    bus.request(TASK_CREATE, new JsonObject().put("owner", "status-" + run).put("type", "chat"));

    bus.awaitCondition("the unrouted task counted in the outbox", 10,
        () -> taskBusStatus().getLong("outbox") >= 1);
    JsonObject status = taskBusStatus();
    assertThat(status.getString("transport")).isEqualTo(transportName());
    assertThat(status.getString("state")).isEqualTo(workingState());
    assertThat(status.getJsonArray("consumers")).contains(agent);
    assertThat(status.getLong("unroutable")).isNotNegative();
    assertThat(status.getLong("dead_letters")).isNotNegative();
    assertThat(bus.status().getJsonObject("tasks").getLong("pending")).isGreaterThanOrEqualTo(1);
    bus.request(TASK_BUS_STOP, new JsonObject().put("agent", agent));
    assertThat(taskBusStatus().getJsonArray("consumers")).doesNotContain(agent);
  }

  /** Verifies that a malformed consume request is refused naming the field. */
  @Test
  void refusesMalformedConsumeRequests() {
    Problem concurrency = bus.failure(TASK_BUS_CONSUME, new JsonObject().put("agent", agent("bad"))
        .put("type", family("bad")).put("concurrency", 0));
    Problem type = bus.failure(TASK_BUS_CONSUME, new JsonObject().put("agent", agent("bad")).put("type", "a.b")
        .put("concurrency", 1));

    assertThat(concurrency.status()).isEqualTo(400);
    assertThat(concurrency.detail()).isEqualTo("'concurrency' must be an integer 1..1000, got 0");
    assertThat(type.status()).isEqualTo(400);
    assertThat(type.detail()).startsWith("'type' must be 1..100 letters");
  }

  /**
   * Verifies that the longest timeout the supervisor asks for (24 h, the longest agent timeout, plus its 10 s margin)
   * is accepted, up to 24 h 1 min, and a longer one refused naming the field.
   */
  @Test
  void acceptsTimeoutsUpToADayAndAMinute() {
    String agent = agent("day");
    consume(agent, family("day"), 1, 86_400_000 + 10_000);
    consume(agent, family("day"), 1, 86_460_000);
    Problem tooLong = bus.failure(TASK_BUS_CONSUME, new JsonObject().put("agent", agent).put("type", family("day"))
        .put("concurrency", 1).put("timeout_ms", 86_460_001));
    bus.request(TASK_BUS_STOP, new JsonObject().put("agent", agent));

    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.detail()).isEqualTo("'timeout_ms' must be an integer 1..86460000, got 86460001");
  }

  void consume(String agent, String family, int concurrency) {
    bus.request(TASK_BUS_CONSUME, new JsonObject().put("agent", agent).put("type", family)
        .put("concurrency", concurrency));
  }

  void consume(String agent, String family, int concurrency, long timeoutMs) {
    bus.request(TASK_BUS_CONSUME, new JsonObject().put("agent", agent).put("type", family)
        .put("concurrency", concurrency).put("timeout_ms", timeoutMs));
  }

  String create(String agent, int priority, JsonArray dependsOn) {
    JsonObject task = new JsonObject().put("owner", "owner-" + run).put("type", "chat").put("agent", agent)
        .put("priority", priority);
    if (dependsOn != null) {
      task.put("depends_on", dependsOn);
    }
    return bus.request(TASK_CREATE, task).getString("id");
  }

  void awaitStatus(String id, String status) {
    bus.awaitCondition("task " + id + " " + status, 30,
        () -> bus.request(TASK_GET, new JsonObject().put("id", id)).getString("status").equals(status));
  }

  JsonObject taskBusStatus() {
    return bus.status().getJsonObject("task_bus");
  }

  private List<JsonObject> listenToChanges() {
    List<JsonObject> changes = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(TASK_CHANGES, m -> changes.add(m.body()));
    TestServer.await(consumer.completion());
    return changes;
  }

  private static List<JsonObject> changesOf(List<JsonObject> changes, String id) {
    return changes.stream().filter(change -> change.getString("task_id").equals(id)).toList();
  }

  static List<String> statuses(JsonArray events) {
    return events.stream().map(event -> ((JsonObject) event).getString("status")).toList();
  }
}
