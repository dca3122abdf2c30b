package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.auth.Role;
import ai.sutazai.gateway.testing.FakeAgents;
import ai.sutazai.gateway.testing.HttpResult;
import ai.sutazai.gateway.testing.TestGateway;
import ai.sutazai.gateway.testing.TestTokens;
import ai.sutazai.verticles.agents.AgentAddresses;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /api/v1/tasks}: creating a task routed to an agent, reading, listing and cancelling the caller's tasks. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TaskRoutesTest {

  private static final String OWNER = TestTokens.DEFAULT_SUBJECT;
  private static final String TASKS = "/api/v1/tasks";

  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
  }

  @AfterEach
  void closeClients() throws Exception {
    gateway.closeClients();
  }

  private static void assertProblem(HttpResult result, int status, String detail) {
    assertThat(result.status()).isEqualTo(status);
    assertThat(result.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(result.json().getInteger("status")).isEqualTo(status);
    assertThat(result.json().getString("detail")).contains(detail);
  }

  /** Verifies that a task is routed by the supervisor, stored for the caller and answered 202 with its Location. */
  @Test
  void createsATaskRoutedToAnAgent() throws Exception {
    JsonObject payload = new JsonObject().put("file", "Main.java");

    HttpResult result = gateway.postJson(TASKS, new JsonObject().put("type", FakeAgents.CAPABILITY)
        .put("payload", payload).put("priority", 7));

    assertThat(result.status()).isEqualTo(202);
    String id = result.json().getString("id");
    assertThat(result.json()).isEqualTo(new JsonObject().put("id", id).put("status", "pending"));
    assertThat(result.header("Location")).isEqualTo(TASKS + "/" + id);
    assertThat(gateway.agents().calls(AgentAddresses.ROUTE))
        .containsExactly(new JsonObject().put("type", FakeAgents.CAPABILITY));
    assertThat(gateway.storage().calls(StorageAddresses.TASK_CREATE)).containsExactly(new JsonObject()
        .put("owner", OWNER).put("type", FakeAgents.CAPABILITY).put("payload", payload).put("priority", 7)
        .put("agent", FakeAgents.AGENT));
    gateway.storage().callsReceived(StorageAddresses.AUDIT_APPEND, 1).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(gateway.storage().auditRows()).singleElement().satisfies(row -> {
      assertThat(row.getString("action")).isEqualTo("task.create");
      assertThat(row.getString("target")).isEqualTo(id);
      assertThat(row.getString("outcome")).isEqualTo("success");
    });
  }

  /** Verifies that a named agent is asked for, and an empty payload and priority 5 are stored when left out. */
  @Test
  void createsATaskForANamedAgentWithDefaults() throws Exception {
    HttpResult result = gateway.postJson(TASKS, new JsonObject().put("type", FakeAgents.CAPABILITY)
        .put("agent", FakeAgents.AGENT));

    assertThat(result.status()).isEqualTo(202);
    assertThat(gateway.agents().calls(AgentAddresses.ROUTE)).containsExactly(new JsonObject()
        .put("type", FakeAgents.CAPABILITY).put("agent", FakeAgents.AGENT));
    assertThat(gateway.storage().calls(StorageAddresses.TASK_CREATE)).containsExactly(new JsonObject()
        .put("owner", OWNER).put("type", FakeAgents.CAPABILITY).put("payload", new JsonObject()).put("priority", 5)
        .put("agent", FakeAgents.AGENT));
  }

  /** Verifies that the supervisor's 404 (unknown agent) and 422 (no agent takes the type) are answered as they come. */
  @Test
  void passesTheSupervisorsRefusalsOn() throws Exception {
    HttpResult unknownAgent = gateway.postJson(TASKS, new JsonObject().put("type", FakeAgents.CAPABILITY)
        .put("agent", "ag-404"));
    HttpResult nobodyTakesIt = gateway.postJson(TASKS, new JsonObject().put("type", "poetry"));

    assertProblem(unknownAgent, 404, "ag-404");
    assertProblem(nobodyTakesIt, 422, "poetry");
    assertThat(nobodyTakesIt.json().getString("type")).isEqualTo("urn:sutazai:problem:unprocessable");
    assertThat(gateway.storage().calls(StorageAddresses.TASK_CREATE)).isEmpty();
  }

  static Stream<Arguments> badTasks() {
    JsonObject ok = new JsonObject().put("type", FakeAgents.CAPABILITY);
    return Stream.of(
        Arguments.of(new JsonObject(), "/type is required"),
        Arguments.of(new JsonObject().put("type", 42), "/type must be a task type"),
        Arguments.of(new JsonObject().put("type", "Code Review"), "/type must be a task type"),
        Arguments.of(ok.copy().put("priority", 0), "/priority must be at least 1, got 0"),
        Arguments.of(ok.copy().put("priority", 11), "/priority must be at most 10, got 11"),
        Arguments.of(ok.copy().put("priority", "high"), "/priority must be a whole number from 1 (lowest) to 10"),
        Arguments.of(ok.copy().put("payload", "x"), "/payload must be a JSON object"),
        Arguments.of(ok.copy().put("payload", new JsonArray()), "/payload must be a JSON object"),
        Arguments.of(ok.copy().put("agent", "Mr Agent"), "/agent must be an id of lowercase letters"),
        Arguments.of(ok.copy().put("owner", "mallory"), "/owner is not a known field"));
  }

  /** Verifies that a body breaking a rule answers 400 naming the field, before the supervisor or storage is asked. */
  @ParameterizedTest
  @MethodSource("badTasks")
  void refusesBadTasksNamingTheField(JsonObject body, String detail) throws Exception {
    HttpResult result = gateway.postJson(TASKS, body);

    assertProblem(result, 400, detail);
    assertThat(gateway.agents().calls(AgentAddresses.ROUTE)).isEmpty();
    assertThat(gateway.storage().calls(StorageAddresses.TASK_CREATE)).isEmpty();
  }

  /** Verifies that the caller's task is answered as stored, and another subject's like an unknown one. */
  @Test
  void getsOnlyTheCallersTask() throws Exception {
    String id = gateway.storage().seedTask(OWNER, FakeAgents.CAPABILITY).getString("id");
    String theirs = gateway.storage().seedTask("someone-else", FakeAgents.CAPABILITY).getString("id");

    HttpResult mine = gateway.get(TASKS + "/" + id.toUpperCase());
    HttpResult notMine = gateway.get(TASKS + "/" + theirs);
    HttpResult unknown = gateway.get(TASKS + "/" + UUID.randomUUID());

    assertThat(mine.status()).isEqualTo(200);
    assertThat(mine.json().getString("id")).isEqualTo(id);
    assertThat(mine.json().getString("status")).isEqualTo("pending");
    assertThat(mine.json().fieldNames()).contains("agent", "attempts", "result", "error", "created_at", "updated_at");
    assertThat(gateway.storage().calls(StorageAddresses.TASK_GET).get(0))
        .isEqualTo(new JsonObject().put("id", id).put("owner", OWNER));
    assertProblem(notMine, 404, theirs);
    assertProblem(unknown, 404, "does not exist");
  }

  /** Verifies that the list pages through the caller's tasks newest first, filtered by status and agent. */
  @Test
  void listsTheCallersTasksFiltered() throws Exception {
    String first = gateway.storage().seedTask(OWNER, FakeAgents.CAPABILITY).getString("id");
    String second = gateway.storage().seedTask(OWNER, FakeAgents.CAPABILITY).getString("id");
    String third = gateway.storage().seedTask(OWNER, FakeAgents.CAPABILITY).getString("id");
    gateway.storage().seedTask("someone-else", FakeAgents.CAPABILITY);
    gateway.storage().changeTask(second, "queued");

    HttpResult page = gateway.get(TASKS + "?status=pending&agent=ag-001&limit=1");
    HttpResult next = gateway.get(TASKS + "?status=pending&agent=ag-001&limit=1&cursor="
        + page.json().getString("next_cursor"));

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.json().getJsonArray("tasks")).extracting(t -> ((JsonObject) t).getString("id"))
        .containsExactly(third);
    assertThat(next.json().getJsonArray("tasks")).extracting(t -> ((JsonObject) t).getString("id"))
        .containsExactly(first);
    assertThat(next.json().containsKey("next_cursor")).isTrue();
    assertThat(gateway.storage().calls(StorageAddresses.TASK_LIST).get(0)).isEqualTo(new JsonObject()
        .put("status", "pending").put("agent", "ag-001").put("limit", 1).put("owner", OWNER));
  }

  /** Verifies that an unknown status, an unknown parameter or a repeated one answers 400 naming it. */
  @Test
  void refusesBadListQueries() throws Exception {
    assertProblem(gateway.get(TASKS + "?status=done"), 400,
        "query parameter status must be one of pending, queued, running, completed, failed, dead, cancelled, got \"done\"");
    assertProblem(gateway.get(TASKS + "?owner=x"), 400, "query parameter owner is not known");
    assertProblem(gateway.get(TASKS + "?status=queued&status=running"), 400, "at most once");
    assertThat(gateway.storage().calls(StorageAddresses.TASK_LIST)).isEmpty();
  }

  /** Verifies that cancelling says whether the task was cancelled at once or asked to stop, and 409 once it ended. */
  @Test
  void cancelsTasksByTheirStatus() throws Exception {
    String pending = gateway.storage().seedTask(OWNER, FakeAgents.CAPABILITY).getString("id");
    String running = gateway.storage().seedTask(OWNER, FakeAgents.CAPABILITY).getString("id");
    gateway.storage().changeTask(running, "running");
    String done = gateway.storage().seedTask(OWNER, FakeAgents.CAPABILITY).getString("id");
    gateway.storage().changeTask(done, "running");
    gateway.storage().changeTask(done, "completed");

    HttpResult cancelled = gateway.delete(TASKS + "/" + pending);
    HttpResult requested = gateway.delete(TASKS + "/" + running);
    HttpResult tooLate = gateway.delete(TASKS + "/" + done);

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.json()).isEqualTo(new JsonObject().put("id", pending).put("status", "cancelled")
        .put("outcome", "cancelled"));
    assertThat(requested.json()).isEqualTo(new JsonObject().put("id", running).put("status", "running")
        .put("outcome", "cancel_requested"));
    assertProblem(tooLate, 409, "completed");
    assertThat(gateway.storage().calls(StorageAddresses.TASK_CANCEL).get(0))
        .isEqualTo(new JsonObject().put("id", pending).put("owner", OWNER));
    gateway.storage().callsReceived(StorageAddresses.AUDIT_APPEND, 3).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(gateway.storage().auditRows()).extracting(r -> r.getString("action") + " " + r.getString("target")
        + " " + r.getString("outcome")).containsExactlyInAnyOrder("task.cancel " + pending + " success",
        "task.cancel " + running + " success", "task.cancel " + done + " failure");
  }

  /** Verifies that a viewer reads its own tasks but may not create or cancel one, and a user sees only its own. */
  @Test
  void rolesAndOwnersDecide() throws Exception {
    String vera = gateway.storage().seedTask("vera", FakeAgents.CAPABILITY).getString("id");
    JsonObject task = new JsonObject().put("type", FakeAgents.CAPABILITY);

    assertThat(gateway.sendAs("vera", Role.VIEWER, HttpMethod.GET, TASKS + "/" + vera, null).status()).isEqualTo(200);
    assertThat(gateway.sendAs("vera", Role.VIEWER, HttpMethod.GET, TASKS, null).status()).isEqualTo(200);
    assertProblem(gateway.sendAs("vera", Role.VIEWER, HttpMethod.POST, TASKS, task), 403, "viewer");
    assertProblem(gateway.sendAs("vera", Role.VIEWER, HttpMethod.DELETE, TASKS + "/" + vera, null), 403, "viewer");
    assertProblem(gateway.sendAs("ursula", Role.USER, HttpMethod.GET, TASKS + "/" + vera, null), 404, vera);
    assertProblem(gateway.sendAs("ursula", Role.USER, HttpMethod.DELETE, TASKS + "/" + vera, null), 404, vera);
    assertThat(gateway.sendAs("ursula", Role.USER, HttpMethod.POST, TASKS, task).status()).isEqualTo(202);
    assertThat(gateway.storage().calls(StorageAddresses.TASK_CREATE)).extracting(c -> c.getString("owner"))
        .containsExactly("ursula");
  }
}
