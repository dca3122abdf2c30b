package ai.sutazai.launcher.e2e;

import static ai.sutazai.launcher.e2e.TaskCalls.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.auth.Role;
import ai.sutazai.launcher.e2e.RunningPlatform.Reply;
import ai.sutazai.storage.broker.RabbitFixture;
import ai.sutazai.verticles.testing.FakeOllama;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tasks end to end over {@code /api/v1/tasks}: the shipped catalogue plus two agents of the test (one that holds a
 * single task at a time, one whose model Ollama does not have) on the embedded task bus, and one lifecycle over
 * the machine's RabbitMQ with agents of its own. Each test acts as a subject of its own, so it sees only its tasks.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TasksIT {

  /** Takes one task at a time: tasks for it wait in the task bus. */
  private static final String SOLO = "it-solo";
  /** Names a model Ollama does not have: every attempt fails. */
  private static final String BROKEN = "it-broken";
  private static final int MAX_ATTEMPTS = 3;

  @TempDir
  static Path directory;
  private static RunningPlatform platform;

  @BeforeAll
  static void start() throws Exception {
    JsonArray agents = AgentsFile.shipped()
        .add(AgentsFile.agent(SOLO, "optimization", "solo_work").put("max_concurrent_tasks", 1))
        .add(AgentsFile.agent(BROKEN, "data", "doomed_work").put("model", "no-such-model:1b"));
    AgentsFile file = new AgentsFile(directory).write(agents);
    platform = RunningPlatform.start(new FakeOllamaOptions(), file.config(1000).put("tasks", retries()));
    platform.awaitAgentsRunning();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @BeforeEach
  void quickModel() {
    platform.ollama.options().tokensPerAnswer(5).tokenDelayMs(5).firstTokenDelayMs(0);
  }

  /** Verifies that a task is accepted with 202 and its Location, runs once on the agent that takes its type and completes with the model's answer. */
  @Test
  void acceptedTaskCompletesWithTheModelsAnswer() {
    TaskCalls tasks = new TaskCalls(platform, "tasks-complete");

    String id = tasks.create("system_design", new JsonObject().put("system", "a ledger for the completion test"));
    JsonObject task = tasks.awaitStatus(id, "completed");

    assertThat(task.getString("agent")).isEqualTo("ag-009");
    assertThat(task.getString("owner")).isEqualTo("tasks-complete");
    assertThat(task.getInteger("attempts")).isEqualTo(1);
    assertThat(task.getString("error")).isNull();
    assertThat(task.getJsonObject("result")).isEqualTo(new JsonObject()
        .put("answer", FakeOllama.answer(5)).put("model", "mistral:7b-instruct-q4_K_M"));
    assertThat(statuses(tasks.events(id))).containsExactly("pending", "queued", "running", "completed");
  }

  /** Verifies that the list shows the caller's tasks newest first, filtered by status and by agent. */
  @Test
  void listFiltersByStatusAndAgent() {
    TaskCalls tasks = new TaskCalls(platform, "tasks-list");
    String design1 = tasks.create("system_design", new JsonObject().put("system", "list test one"));
    String design2 = tasks.create("system_design", new JsonObject().put("system", "list test two"));
    String sprint = tasks.create("sprint_planning", new JsonObject().put("sprint", "list test"));
    String doomed = tasks.create("doomed_work", new JsonObject().put("what", "list test"));
    List.of(design1, design2, sprint).forEach(id -> tasks.awaitStatus(id, "completed"));
    tasks.awaitStatus(doomed, "dead");

    assertThat(ids(tasks.list("status=completed&agent=ag-009"))).containsExactly(design2, design1);
    assertThat(ids(tasks.list("agent=ag-004"))).containsExactly(sprint);
    assertThat(ids(tasks.list("status=dead"))).containsExactly(doomed);
    assertThat(ids(tasks.list("status=completed"))).containsExactly(sprint, design2, design1);
    assertThat(ids(tasks.list("status=running"))).isEmpty();
    Reply bad = tasks.list("status=finished");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getString("detail")).contains("status").contains("finished");
  }

  /** Verifies that a type no agent takes, and an agent named for a type it does not take, are refused with 422 and store nothing. */
  @Test
  void unroutableTasksAreRefusedNamingTheProblem() {
    TaskCalls tasks = new TaskCalls(platform, "tasks-unroutable");

    Reply nobody = tasks.post(new JsonObject().put("type", "juggle_chainsaws"));
    Reply wrongAgent = tasks.post(new JsonObject().put("type", "sprint_planning").put("agent", "ag-009"));
    Reply unknownAgent = tasks.post(new JsonObject().put("type", "sprint_planning").put("agent", "ag-999"));

    assertThat(nobody.status()).isEqualTo(422);
    assertThat(nobody.contentType()).startsWith("application/problem+json");
    assertThat(nobody.json().getString("detail")).contains("juggle_chainsaws");
    assertThat(wrongAgent.status()).isEqualTo(422);
    assertThat(wrongAgent.json().getString("detail")).contains("ag-009").contains("sprint_planning");
    assertThat(unknownAgent.status()).isEqualTo(404);
    assertThat(unknownAgent.json().getString("detail")).contains("ag-999");
    assertThat(ids(tasks.list("limit=100"))).isEmpty();
  }

  /** Verifies that with the agent busy, a high-priority task queued after low ones runs before the remaining low ones. */
  @Test
  void higherPriorityRunsBeforeQueuedLowerOnes() {
    TaskCalls tasks = new TaskCalls(platform, "tasks-priority");
    platform.ollama.options().tokensPerAnswer(40).tokenDelayMs(50);
    String busy = tasks.create(solo("holds the agent for 2 s", 1));
    awaitGeneration("holds the agent for 2 s");
    platform.ollama.options().tokensPerAnswer(2).tokenDelayMs(1);

    List<String> low = List.of(tasks.create(solo("low-1", 1)), tasks.create(solo("low-2", 1)),
        tasks.create(solo("low-3", 1)));
    String high = tasks.create(solo("high", 10));
    low.forEach(id -> tasks.awaitStatus(id, "queued"));
    tasks.awaitStatus(high, "queued");
    assertThat(tasks.get(busy).getString("status")).as("the first task still holds the agent").isEqualTo("running");

    OffsetDateTime highStarted = startedAt(tasks.awaitStatus(high, "completed"));
    List<OffsetDateTime> lowStarted = low.stream().map(id -> startedAt(tasks.awaitStatus(id, "completed"))).toList();

    assertThat(lowStarted).allMatch(started -> started.isAfter(highStarted));
    assertThat(lowStarted).isSorted();
  }

  /** Verifies that cancelling a task still waiting for its agent ends it cancelled without it ever running. */
  @Test
  void cancellingAQueuedTaskEndsItBeforeItRuns() {
    TaskCalls tasks = new TaskCalls(platform, "tasks-cancel-queued");
    platform.ollama.options().tokensPerAnswer(400).tokenDelayMs(25);
    String busy = tasks.create(solo("occupies the agent", 5));
    tasks.awaitStatus(busy, "running");
    String waiting = tasks.create(solo("never runs", 5));
    tasks.awaitStatus(waiting, "queued");

    Reply cancelled = tasks.cancel(waiting);

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.json()).isEqualTo(new JsonObject().put("id", waiting).put("status", "cancelled")
        .put("outcome", "cancelled"));
    assertThat(tasks.cancel(busy).json().getString("outcome")).isEqualTo("cancel_requested");
    tasks.awaitStatus(busy, "cancelled");
    JsonObject task = tasks.awaitStatus(waiting, "cancelled");
    assertThat(task.getInteger("attempts")).isZero();
    assertThat(task.getString("started_at")).isNull();
    assertThat(statuses(tasks.events(waiting))).containsExactly("pending", "queued", "cancelled");
    assertThat(platform.ollama.recorder().started()).noneMatch(label -> label.contains("never runs"));
  }

  /** Verifies that cancelling a running task aborts its Ollama generation at once and ends the task cancelled. */
  @Test
  void cancellingARunningTaskAbortsItsGeneration() {
    TaskCalls tasks = new TaskCalls(platform, "tasks-cancel-running");
    platform.ollama.options().tokensPerAnswer(400).tokenDelayMs(25);
    String id = tasks.create(solo("aborted mid-answer", 5));
    awaitGeneration("aborted mid-answer");

    long cancelledAt = System.nanoTime();
    Reply reply = tasks.cancel(id);
    JsonObject task = tasks.awaitStatus(id, "cancelled");
    Eventually.until("Ollama to see the hang-up",
        () -> platform.ollama.recorder().hungUp().stream().anyMatch(label -> label.contains("aborted mid-answer")));

    assertThat(reply.json().getString("outcome")).isEqualTo("cancel_requested");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt))
        .as("the generation had 10 s left").isLessThan(3_000);
    assertThat(task.getBoolean("cancel_requested")).isTrue();
    assertThat(task.getJsonObject("result")).isNull();
    assertThat(statuses(tasks.events(id))).containsExactly("pending", "queued", "running", "cancelled");
  }

  /** Verifies that a task whose model call fails on every attempt is dead after the last one, with the reason. */
  @Test
  void taskFailingEveryAttemptEndsDeadWithTheReason() {
    TaskCalls tasks = new TaskCalls(platform, "tasks-dead");

    String id = tasks.create("doomed_work", new JsonObject().put("what", "dead test"));
    JsonObject task = tasks.awaitStatus(id, "dead");

    assertThat(task.getInteger("attempts")).isEqualTo(MAX_ATTEMPTS);
    assertThat(task.getString("error")).startsWith("rejected after " + MAX_ATTEMPTS + " attempts: ")
        .contains("no-such-model:1b");
    List<String> statuses = statuses(tasks.events(id));
    assertThat(Collections.frequency(statuses, "running")).isEqualTo(MAX_ATTEMPTS);
    assertThat(statuses).startsWith("pending", "queued").endsWith("dead");
    assertThat(Collections.frequency(statuses, "dead")).isOne();
  }

  /** Verifies that a task's event stream, opened before it runs, sends every status change in order and ends with the last. */
  @Test
  void eventStreamFollowsTheTaskToItsEnd() {
    TaskCalls tasks = new TaskCalls(platform, "tasks-events");
    platform.ollama.options().tokensPerAnswer(20).tokenDelayMs(20);

    String id = tasks.create("system_design", new JsonObject().put("system", "streamed events"));
    Future<Reply> stream = tasks.openEvents(id);

    List<JsonObject> events = TaskCalls.statusEvents(stream.await());
    assertThat(statuses(events)).containsExactly("pending", "queued", "running", "completed");
    assertThat(events).allMatch(event -> id.equals(event.getString("task_id")));
    assertThat(events.stream().map(event -> event.getLong("id")).toList()).isSorted().doesNotHaveDuplicates();
    assertThat(tasks.get(id).getString("status")).isEqualTo("completed");
  }

  /** Verifies that /ws/agents sends a user the changes of their own tasks, and not another subject's. */
  @Test
  void agentSocketReceivesTheChangesOfTheCallersTask() {
    TaskCalls mine = new TaskCalls(platform, "tasks-socket");
    TaskCalls theirs = new TaskCalls(platform, "tasks-socket-other");
    try (ChatSocket socket = ChatSocket.open(platform, "/ws/agents", mine.authorization())) {
      socket.send(new JsonObject().put("type", "ping"));
      socket.await("pong", frame -> "pong".equals(frame.getString("type")));

      String other = theirs.create("system_design", new JsonObject().put("system", "someone else's"));
      String id = mine.create("system_design", new JsonObject().put("system", "watched over the socket"));
      JsonObject completed = socket.await("completed", frame -> id.equals(frame.getString("task_id"))
          && "completed".equals(frame.getString("status")));
      theirs.awaitStatus(other, "completed");

      List<JsonObject> frames = socket.frames().stream().filter(f -> id.equals(f.getString("task_id"))).toList();
      assertThat(frames.stream().map(f -> f.getString("status")).toList())
          .containsSubsequence("queued", "running", "completed");
      assertThat(completed.getString("type")).isEqualTo("task");
      assertThat(completed.getString("task_type")).isEqualTo("system_design");
      assertThat(completed.getString("agent")).isEqualTo("ag-009");
      assertThat(completed.getString("owner")).isEqualTo("tasks-socket");
      assertThat(completed.getInteger("attempts")).isEqualTo(1);
      assertThat(socket.frames()).noneMatch(frame -> other.equals(frame.getString("task_id")));
    }
  }

  /** Verifies the same lifecycle over RabbitMQ with agents of the test's own: completed once, dead after every attempt, cancelled while queued. */
  @Test
  void lifecycleOverRabbitMq(@TempDir Path rabbitDirectory) throws Exception {
    try (RabbitFixture rabbit = new RabbitFixture()) {
      String echo = rabbit.agentId("echo");
      String broken = rabbit.agentId("broken");
      String capability = "echo_" + echo.substring(echo.lastIndexOf('-') + 1).replaceAll("[^a-z0-9]", "");
      AgentsFile file = new AgentsFile(rabbitDirectory).write(new JsonArray()
          .add(AgentsFile.agent(echo, "specialized", capability).put("max_concurrent_tasks", 1))
          .add(AgentsFile.agent(broken, "specialized", capability + "_doomed").put("model", "no-such-model:1b")));
      JsonObject config = file.config(1000).put("tasks", retries())
          .put("rabbitmq", new JsonObject().put("url", "amqp://guest:guest@" + RabbitFixture.HOST + ":"
              + RabbitFixture.PORT));
      try (RunningPlatform rabbitPlatform = RunningPlatform.start(new FakeOllamaOptions(), config)) {
        rabbitPlatform.awaitAgentsRunning();
        TaskCalls tasks = new TaskCalls(rabbitPlatform, "tasks-rabbit");

        String done = tasks.create(capability, new JsonObject().put("text", "over the broker"));
        JsonObject completed = tasks.awaitStatus(done, "completed");
        assertThat(completed.getString("agent")).isEqualTo(echo);
        assertThat(completed.getInteger("attempts")).isEqualTo(1);
        assertThat(completed.getJsonObject("result").getString("answer")).isEqualTo(FakeOllama.answer(5));
        assertThat(statuses(tasks.events(done))).containsExactly("pending", "queued", "running", "completed");

        String doomed = tasks.create(capability + "_doomed", new JsonObject().put("text", "never answered"));
        JsonObject dead = tasks.awaitStatus(doomed, "dead");
        assertThat(dead.getInteger("attempts")).isEqualTo(MAX_ATTEMPTS);
        assertThat(dead.getString("error")).startsWith("rejected after " + MAX_ATTEMPTS + " attempts: ")
            .contains("no-such-model:1b");
        assertThat(Collections.frequency(statuses(tasks.events(doomed)), "dead")).isOne();

        rabbitPlatform.ollama.options().tokensPerAnswer(400).tokenDelayMs(25);
        String busy = tasks.create(capability, new JsonObject().put("text", "occupies the agent"));
        tasks.awaitStatus(busy, "running");
        String waiting = tasks.create(capability, new JsonObject().put("text", "cancelled in the queue"));
        tasks.awaitStatus(waiting, "queued");
        assertThat(tasks.cancel(waiting).json().getString("outcome")).isEqualTo("cancelled");
        assertThat(tasks.cancel(busy).json().getString("outcome")).isEqualTo("cancel_requested");
        tasks.awaitStatus(busy, "cancelled");
        assertThat(statuses(tasks.events(waiting))).containsExactly("pending", "queued", "cancelled");
        assertThat(tasks.get(waiting).getInteger("attempts")).isZero();
      }
    }
  }

  /** A task for the single-slot agent whose prompt carries {@code label}. */
  private static JsonObject solo(String label, int priority) {
    return new JsonObject().put("type", "solo_work").put("priority", priority)
        .put("payload", new JsonObject().put("label", label));
  }

  /** Waits until the fake Ollama runs the generation of the task whose payload carries {@code label}. */
  private static void awaitGeneration(String label) {
    Eventually.until("the generation of " + label + " to start",
        () -> platform.ollama.recorder().started().stream().anyMatch(started -> started.contains(label)));
  }

  private static JsonObject retries() {
    return new JsonObject().put("max_attempts", MAX_ATTEMPTS).put("retry_backoff_ms", 50);
  }

  private static List<String> ids(Reply page) {
    assertThat(page.status()).as("task list: %s", page.body()).isEqualTo(200);
    return page.json().getJsonArray("tasks").stream().map(t -> ((JsonObject) t).getString("id")).toList();
  }

  private static OffsetDateTime startedAt(JsonObject task) {
    return OffsetDateTime.parse(task.getString("started_at"));
  }
}
