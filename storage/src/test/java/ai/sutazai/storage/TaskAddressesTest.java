package ai.sutazai.storage;

import static ai.sutazai.verticles.storage.StorageAddresses.TASK_CANCEL;
import static ai.sutazai.verticles.storage.StorageAddresses.TASK_CHANGES;
import static ai.sutazai.verticles.storage.StorageAddresses.TASK_CREATE;
import static ai.sutazai.verticles.storage.StorageAddresses.TASK_EVENTS;
import static ai.sutazai.verticles.storage.StorageAddresses.TASK_GET;
import static ai.sutazai.verticles.storage.StorageAddresses.TASK_LIST;
import static ai.sutazai.verticles.storage.StorageAddresses.TASK_OUTBOX;
import static ai.sutazai.verticles.storage.StorageAddresses.TASK_PUBLISHED;
import static ai.sutazai.verticles.storage.StorageAddresses.TASK_TRANSITION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import ai.sutazai.storage.pg.TestServer;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The task addresses of a deployed storage verticle over the event bus, against the machine's PostgreSQL on a
 * throwaway database; and the 503 they answer while PostgreSQL cannot be reached.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TaskAddressesTest {

  private static final String UNKNOWN = "0b0e2d4c-8c1e-4a51-9b36-3a4f3d2b6a10";

  private DeployedStorage storage;
  private StorageBus bus;

  @BeforeAll
  void deploy(@TempDir Path dataDir) {
    storage = DeployedStorage.onThrowawayDatabase(dataDir);
    bus = storage.bus;
  }

  @AfterAll
  void undeploy() {
    storage.close();
  }

  /** Verifies a task's life as the gateway and the agent runtime see it: create, publish, run, complete, read back. */
  @Test
  void lifeOfATaskOverTheBus() {
    String owner = owner();
    JsonObject created = bus.request(TASK_CREATE, new JsonObject().put("owner", owner).put("type", "code_review")
      .put("payload", new JsonObject().put("code", "class A {}")).put("priority", 9));
    String id = created.getString("id");

    JsonObject published = bus.request(TASK_PUBLISHED, new JsonObject().put("id", id));
    JsonObject started = bus.request(TASK_TRANSITION, new JsonObject().put("id", id).put("status", "running")
      .put("agent", "ag-007"));
    JsonObject completed = bus.request(TASK_TRANSITION, new JsonObject().put("id", id).put("status", "completed")
      .put("result", new JsonObject().put("verdict", "fine")));
    JsonObject redelivered = bus.request(TASK_TRANSITION, new JsonObject().put("id", id).put("status", "completed")
      .put("result", new JsonObject().put("verdict", "other")));

    assertThat(created.getString("status")).isEqualTo("pending");
    assertThat(created.getInteger("attempts")).isZero();
    assertThat(created.getString("owner")).isEqualTo(owner);
    assertThat(created.getInteger("priority")).isEqualTo(9);
    assertThat(created.getJsonArray("depends_on")).isEmpty();
    assertThat(published.getBoolean("changed")).isTrue();
    assertThat(published.getJsonObject("task").getString("status")).isEqualTo("queued");
    assertThat(started.getJsonObject("task").getInteger("attempts")).isEqualTo(1);
    assertThat(completed.getBoolean("changed")).isTrue();
    assertThat(redelivered.getBoolean("changed")).isFalse();
    JsonObject task = bus.request(TASK_GET, new JsonObject().put("id", id).put("owner", owner));
    assertThat(task).isEqualTo(completed.getJsonObject("task"));
    assertThat(task.getJsonObject("result")).isEqualTo(new JsonObject().put("verdict", "fine"));
    assertThat(task.getString("agent")).isEqualTo("ag-007");
    assertThat(task.getString("completed_at")).isNotNull();
    JsonObject events = bus.request(TASK_EVENTS, new JsonObject().put("id", id).put("owner", owner));
    assertThat(events.getString("status")).isEqualTo("completed");
    assertThat(events.getBoolean("final")).isTrue();
    assertThat(events.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("status")).toList())
      .containsExactly("pending", "queued", "running", "completed");
    JsonObject listed = bus.request(TASK_LIST, new JsonObject().put("owner", owner).put("status", "completed"));
    assertThat(listed.getJsonArray("tasks")).containsExactly(task);
    assertThat(listed.getValue("next_cursor")).isNull();
  }

  /** Verifies that the outbox lists unpublished tasks oldest first and that cancelling answers by status. */
  @Test
  void outboxAndCancel() {
    String owner = owner();
    String first = create(owner);
    String second = create(owner);

    List<String> outbox = bus.request(TASK_OUTBOX, new JsonObject()).getJsonArray("tasks").stream()
      .map(t -> ((JsonObject) t).getString("id")).filter(id -> id.equals(first) || id.equals(second)).toList();
    JsonObject cancelled = bus.request(TASK_CANCEL, new JsonObject().put("id", first).put("owner", owner));
    bus.request(TASK_PUBLISHED, new JsonObject().put("id", second));
    bus.request(TASK_TRANSITION, new JsonObject().put("id", second).put("status", "running"));
    JsonObject requested = bus.request(TASK_CANCEL, new JsonObject().put("id", second).put("owner", owner));
    Problem late = bus.failure(TASK_PUBLISHED, new JsonObject().put("id", first));

    assertThat(outbox).containsExactly(first, second);
    assertThat(cancelled.getString("outcome")).isEqualTo("cancelled");
    assertThat(cancelled.getBoolean("changed")).isTrue();
    assertThat(cancelled.getJsonObject("task").getString("status")).isEqualTo("cancelled");
    assertThat(requested.getString("outcome")).isEqualTo("cancel_requested");
    assertThat(requested.getJsonObject("task").getBoolean("cancel_requested")).isTrue();
    assertThat(requested.getJsonObject("task").getString("status")).isEqualTo("running");
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.detail()).isEqualTo("task " + first + " is cancelled; it cannot become queued");
  }

  /** Verifies that a change the status does not allow is a 409 naming the current status. */
  @Test
  void refusedTransitionIsAConflict() {
    String id = create(owner());

    Problem problem = bus.failure(TASK_TRANSITION, new JsonObject().put("id", id).put("status", "completed"));

    assertThat(problem.status()).isEqualTo(409);
    assertThat(problem.type()).isEqualTo(ProblemType.CONFLICT.uri());
    assertThat(problem.detail()).isEqualTo("task " + id + " is pending; it cannot become completed");
  }

  /**
   * Verifies that a task ending dead cancels the pending tasks that depend on it, directly and transitively, each
   * with the reason and its own event, and that every change is announced on TASK_CHANGES.
   */
  @Test
  void deadTaskCancelsItsDependents() {
    String owner = owner();
    List<JsonObject> changes = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> listening = storage.vertx.eventBus().consumer(TASK_CHANGES, m -> changes.add(m.body()));
    TestServer.await(listening.completion());
    String first = create(owner);
    String second = create(owner, new JsonArray().add(first));
    String third = create(owner, new JsonArray().add(second));
    String unrelated = create(owner);

    bus.request(TASK_PUBLISHED, new JsonObject().put("id", first));
    bus.request(TASK_TRANSITION, new JsonObject().put("id", first).put("status", "running"));
    bus.request(TASK_TRANSITION, new JsonObject().put("id", first).put("status", "dead").put("error", "boom"));

    JsonObject secondTask = bus.request(TASK_GET, new JsonObject().put("id", second));
    JsonObject thirdTask = bus.request(TASK_GET, new JsonObject().put("id", third));
    assertThat(secondTask.getString("status")).isEqualTo("cancelled");
    assertThat(secondTask.getString("error")).isEqualTo("dependency " + first + " ended dead: boom");
    assertThat(thirdTask.getString("status")).isEqualTo("cancelled");
    assertThat(thirdTask.getString("error"))
      .isEqualTo("dependency " + second + " ended cancelled: dependency " + first + " ended dead: boom");
    assertThat(bus.request(TASK_GET, new JsonObject().put("id", unrelated)).getString("status")).isEqualTo("pending");
    JsonArray thirdEvents = bus.request(TASK_EVENTS, new JsonObject().put("id", third)).getJsonArray("events");
    assertThat(thirdEvents.stream().map(e -> ((JsonObject) e).getString("status")).toList())
      .containsExactly("pending", "cancelled");
    long cancelledEvent = thirdEvents.getJsonObject(1).getLong("id");
    bus.awaitCondition("the cancellation of the third task announced", 10, () -> changes.stream()
      .anyMatch(c -> c.getString("task_id").equals(third) && c.getString("status").equals("cancelled")));
    JsonObject announced = changes.stream().filter(c -> c.getString("task_id").equals(third)
      && c.getString("status").equals("cancelled")).findFirst().orElseThrow();
    assertThat(announced.getLong("event_id")).isEqualTo(cancelledEvent);
    assertThat(announced.getString("error")).isEqualTo(thirdTask.getString("error"));
    assertThat(announced.getString("owner")).isEqualTo(owner);
    assertThat(changes).filteredOn(c -> c.getString("task_id").equals(first)).extracting(c -> c.getString("status"))
      .containsExactly("pending", "queued", "running", "dead");
    TestServer.await(listening.unregister());
  }

  /** Verifies that cancelling a pending task cancels its pending dependents too. */
  @Test
  void cancelledTaskCancelsItsDependents() {
    String owner = owner();
    String first = create(owner);
    String second = create(owner, new JsonArray().add(first));

    bus.request(TASK_CANCEL, new JsonObject().put("id", first));

    JsonObject secondTask = bus.request(TASK_GET, new JsonObject().put("id", second));
    assertThat(secondTask.getString("status")).isEqualTo("cancelled");
    assertThat(secondTask.getString("error")).isEqualTo("dependency " + first + " ended cancelled");
  }

  /**
   * Verifies that a task created depending on a task that already ended dead is answered and stored cancelled with
   * the cascade's error, its events pending then cancelled, and both changes announced on TASK_CHANGES.
   */
  @Test
  void taskCreatedAfterItsDependencyEndedIsCancelled() {
    String owner = owner();
    List<JsonObject> changes = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> listening = storage.vertx.eventBus().consumer(TASK_CHANGES, m -> changes.add(m.body()));
    TestServer.await(listening.completion());
    String first = create(owner);
    bus.request(TASK_PUBLISHED, new JsonObject().put("id", first));
    bus.request(TASK_TRANSITION, new JsonObject().put("id", first).put("status", "running"));
    bus.request(TASK_TRANSITION, new JsonObject().put("id", first).put("status", "dead").put("error", "boom"));

    JsonObject created = bus.request(TASK_CREATE, new JsonObject().put("owner", owner).put("type", "chat")
      .put("depends_on", new JsonArray().add(first)));

    String id = created.getString("id");
    assertThat(created.getString("status")).isEqualTo("cancelled");
    assertThat(created.getString("error")).isEqualTo("dependency " + first + " ended dead: boom");
    assertThat(bus.request(TASK_GET, new JsonObject().put("id", id))).isEqualTo(created);
    JsonArray events = bus.request(TASK_EVENTS, new JsonObject().put("id", id)).getJsonArray("events");
    assertThat(events.stream().map(e -> ((JsonObject) e).getString("status")).toList())
      .containsExactly("pending", "cancelled");
    bus.awaitCondition("the cancellation of the new task announced", 10, () -> changes.stream()
      .anyMatch(c -> c.getString("task_id").equals(id) && c.getString("status").equals("cancelled")));
    List<JsonObject> announced = changes.stream().filter(c -> c.getString("task_id").equals(id)).toList();
    assertThat(announced).extracting(c -> c.getString("status")).containsExactly("pending", "cancelled");
    assertThat(announced).extracting(c -> c.getLong("event_id"))
      .containsExactly(events.getJsonObject(0).getLong("id"), events.getJsonObject(1).getLong("id"));
    assertThat(announced.get(1).getString("error")).isEqualTo(created.getString("error"));
    TestServer.await(listening.unregister());
  }

  static Stream<Arguments> unknownTasks() {
    return Stream.of(
      arguments(TASK_GET, new JsonObject().put("id", UNKNOWN)),
      arguments(TASK_EVENTS, new JsonObject().put("id", UNKNOWN)),
      arguments(TASK_CANCEL, new JsonObject().put("id", UNKNOWN)),
      arguments(TASK_TRANSITION, new JsonObject().put("id", UNKNOWN).put("status", "dead")),
      arguments(TASK_PUBLISHED, new JsonObject().put("id", UNKNOWN)));
  }

  /** Verifies that every address answers 404 for a task id nobody has. */
  @ParameterizedTest
  @MethodSource("unknownTasks")
  void unknownTaskIsNotFound(String address, JsonObject body) {
    Problem problem = bus.failure(address, body);

    assertThat(problem.status()).isEqualTo(404);
    assertThat(problem.detail()).isEqualTo("no task has id " + UNKNOWN);
  }

  /** Verifies that another owner's task is a 404 to reading, its events and cancelling, and absent from listings. */
  @Test
  void anotherOwnersTaskIsAbsent() {
    String id = create(owner());
    JsonObject asMallory = new JsonObject().put("id", id).put("owner", "mallory");

    assertThat(bus.failure(TASK_GET, asMallory).status()).isEqualTo(404);
    assertThat(bus.failure(TASK_EVENTS, asMallory).status()).isEqualTo(404);
    assertThat(bus.failure(TASK_CANCEL, asMallory).status()).isEqualTo(404);
    assertThat(bus.request(TASK_LIST, new JsonObject().put("owner", "mallory")).getJsonArray("tasks")).isEmpty();
    assertThat(bus.request(TASK_GET, new JsonObject().put("id", id)).getString("status")).isEqualTo("pending");
  }

  static Stream<Arguments> badRequests() {
    JsonObject task = new JsonObject().put("owner", "carol").put("type", "chat");
    JsonObject change = new JsonObject().put("id", UNKNOWN).put("status", "failed");
    return Stream.of(
      arguments(TASK_CREATE, new JsonObject().put("type", "chat"), "'owner' must be a non-empty string"),
      arguments(TASK_CREATE, task.copy().put("owner", "x".repeat(201)), "'owner' must be at most 200"),
      arguments(TASK_CREATE, task.copy().putNull("type"), "'type' must be 1..100 lower-case"),
      arguments(TASK_CREATE, task.copy().put("type", "Drop Table"), "'type' must be 1..100 lower-case"),
      arguments(TASK_CREATE, task.copy().put("payload", "text"), "'payload' must be an object"),
      arguments(TASK_CREATE, task.copy().put("payload", new JsonObject().put("a", "\u0000")),
        "'payload' must not contain NUL"),
      arguments(TASK_CREATE, task.copy().put("priority", 11), "'priority' must be an integer 1..10, got 11"),
      arguments(TASK_CREATE, task.copy().put("priority", 2.5), "'priority' must be an integer 1..10"),
      arguments(TASK_CREATE, task.copy().put("agent", "ag 001"), "'agent' must be an agent id"),
      arguments(TASK_CREATE, task.copy().put("id", "42"), "'id' must be a UUID"),
      arguments(TASK_CREATE, task.copy().put("parent", 7), "'parent' must be a UUID"),
      arguments(TASK_CREATE, task.copy().put("workflow", "w"), "'workflow' must be a UUID"),
      arguments(TASK_CREATE, task.copy().put("depends_on", UNKNOWN), "'depends_on' must be an array"),
      arguments(TASK_CREATE, task.copy().put("depends_on", new JsonArray().add("x")), "'depends_on[0]' must be a UUID"),
      arguments(TASK_CREATE, task.copy().put("depends_on", new JsonArray().add(UNKNOWN)),
        "'depends_on' names a task that does not exist"),
      arguments(TASK_CREATE, task.copy().put("parent", UNKNOWN), "'parent' names no task"),
      arguments(TASK_GET, new JsonObject(), "'id' must be a UUID, got null"),
      arguments(TASK_GET, new JsonObject().put("id", UNKNOWN).put("owner", ""), "'owner' must be a non-empty string"),
      arguments(TASK_LIST, new JsonObject().put("status", "done"), "'status' must be one of pending, queued"),
      arguments(TASK_LIST, new JsonObject().put("limit", 101), "'limit' must be an integer 1..100"),
      arguments(TASK_LIST, new JsonObject().put("cursor", "nope"), "'cursor' is malformed"),
      arguments(TASK_LIST, new JsonObject().put("agent", 5), "'agent' must be an agent id"),
      arguments(TASK_TRANSITION, change.copy().put("status", "pending"), "'status' must be one of queued, running"),
      arguments(TASK_TRANSITION, new JsonObject().put("id", UNKNOWN), "'status' must be one of"),
      arguments(TASK_TRANSITION, change.copy().put("result", new JsonObject()), "'result' is kept only when"),
      arguments(TASK_TRANSITION, change.copy().put("error", 5), "'error' must be a non-empty string"),
      arguments(TASK_TRANSITION, change.copy().put("error", "e".repeat(10_001)), "'error' must be at most 10000"),
      arguments(TASK_TRANSITION, change.copy().put("detail", new JsonObject().put("x", "y".repeat(4000))),
        "'detail' must encode to at most 4000"),
      arguments(TASK_TRANSITION, change.copy().put("id", "nope"), "'id' must be a UUID"),
      arguments(TASK_CANCEL, new JsonObject().put("id", UNKNOWN).put("owner", 3), "'owner' must be a non-empty string"),
      arguments(TASK_EVENTS, new JsonObject().put("id", UNKNOWN).put("after", -1), "'after' must be a non-negative"),
      arguments(TASK_EVENTS, new JsonObject().put("id", UNKNOWN).put("limit", 0), "'limit' must be an integer 1..1000"),
      arguments(TASK_OUTBOX, new JsonObject().put("limit", 501), "'limit' must be an integer 1..500"),
      arguments(TASK_OUTBOX, new JsonObject().put("agents", "ag-001"), "'agents' must be an array"),
      arguments(TASK_OUTBOX, new JsonObject().put("agents", new JsonArray().add("ag 1")), "'agents[0]' must be an agent id"),
      arguments(TASK_PUBLISHED, new JsonObject().put("id", true), "'id' must be a UUID"));
  }

  /** Verifies that every malformed field is answered 400 with a detail naming it, and nothing is stored. */
  @ParameterizedTest
  @MethodSource("badRequests")
  void rejectsMalformedFields(String address, JsonObject body, String detail) {
    Problem problem = bus.failure(address, body);

    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.type()).isEqualTo(ProblemType.INVALID_REQUEST.uri());
    assertThat(problem.detail()).startsWith(detail);
    assertThat(bus.request(TASK_LIST, new JsonObject().put("owner", "carol")).getJsonArray("tasks")).isEmpty();
  }

  /** Verifies that while PostgreSQL cannot be reached task requests are refused at once with 503. */
  @Test
  void refusesWhilePostgresIsDown(@TempDir Path dataDir) {
    Vertx other = Vertx.vertx();
    try (TcpProxy neverOpened = new TcpProxy(other, "127.0.0.1", 5432)) {
      StorageBus.deploy(other, StorageConfig.create()
        .with("pg.url", "postgresql://postgres@127.0.0.1:" + neverOpened.port() + "/nowhere")
        .with("data.dir", dataDir.toString()).json());
      StorageBus down = new StorageBus(other);

      Problem create = down.failure(TASK_CREATE, new JsonObject().put("owner", "dave").put("type", "chat"));
      Problem outbox = down.failure(TASK_OUTBOX, new JsonObject());

      assertThat(create.status()).isEqualTo(503);
      assertThat(create.type()).isEqualTo(ProblemType.STORAGE_UNAVAILABLE.uri());
      assertThat(outbox.status()).isEqualTo(503);
    } finally {
      TestServer.await(other.close());
    }
  }

  private String create(String owner) {
    return bus.request(TASK_CREATE, new JsonObject().put("owner", owner).put("type", "chat")).getString("id");
  }

  private String create(String owner, JsonArray dependsOn) {
    return bus.request(TASK_CREATE, new JsonObject().put("owner", owner).put("type", "chat")
      .put("depends_on", dependsOn)).getString("id");
  }

  private static String owner() {
    return "owner-" + UUID.randomUUID();
  }
}
