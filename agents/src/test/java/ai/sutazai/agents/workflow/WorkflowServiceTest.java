package ai.sutazai.agents.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.agents.runtime.FakeStorage;
import ai.sutazai.agents.runtime.FakeSupervisor;
import ai.sutazai.agents.runtime.TestAgents;
import ai.sutazai.verticles.agents.AgentAddresses;
import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Starting workflows and reading where they stand. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkflowServiceTest {

  private static final String PLAN = """
      {"steps": [
        {"id": "s1", "instruction": "Write the guide", "capability": "documentation", "depends_on": []},
        {"id": "s2", "instruction": "Review the guide", "capability": "code_review", "depends_on": ["s1"]}
      ]}""";

  private Vertx vertx;
  private FakeStorage storage;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    storage = FakeStorage.serving(vertx).pagesOf(2);
    FakeSupervisor.serving(vertx, List.of(TestAgents.coordinator(), TestAgents.writer(), TestAgents.reviewer()));
    vertx.deployVerticle(new WorkflowService()).await(10, TimeUnit.SECONDS);
  }

  private JsonObject ask(String address, JsonObject body) throws Exception {
    return vertx.eventBus().<JsonObject>request(address, body).map(Message::body).await(10, TimeUnit.SECONDS);
  }

  private Problem refusal(String address, JsonObject body) {
    Future<JsonObject> reply = vertx.eventBus().<JsonObject>request(address, body).map(Message::body);
    return Problem.of(reply.toCompletionStage().handle((ok, e) -> e).toCompletableFuture().join());
  }

  /** Verifies that a new workflow stores its plan task for the coordinator, whose id is the workflow's. */
  @Test
  void startingStoresThePlanTask() throws Exception {
    JsonObject reply = ask(AgentAddresses.WORKFLOW_START,
        new JsonObject().put("owner", "alice").put("goal", "Document the API").put("priority", 8));

    assertThat(reply.getString("status")).isEqualTo("planning");
    JsonObject task = storage.task(reply.getString("id"));
    assertThat(task.getString("type")).isEqualTo(WorkflowTasks.PLAN);
    assertThat(task.getString("workflow")).isEqualTo(reply.getString("id"));
    assertThat(task.getString("agent")).isEqualTo("ag-001");
    assertThat(task.getString("owner")).isEqualTo("alice");
    assertThat(task.getInteger("priority")).isEqualTo(8);
    assertThat(task.getJsonObject("payload")).isEqualTo(new JsonObject().put("goal", "Document the API"));
  }

  /** Verifies that a missing or oversized goal and a priority out of range are refused with 400 naming the field. */
  @Test
  void startingRefusesBadFields() {
    Problem noGoal = refusal(AgentAddresses.WORKFLOW_START, new JsonObject().put("owner", "alice"));
    Problem longGoal = refusal(AgentAddresses.WORKFLOW_START,
        new JsonObject().put("owner", "alice").put("goal", "x".repeat(20_001)));
    Problem priority = refusal(AgentAddresses.WORKFLOW_START,
        new JsonObject().put("owner", "alice").put("goal", "g").put("priority", 11));
    Problem fraction = refusal(AgentAddresses.WORKFLOW_START,
        new JsonObject().put("owner", "alice").put("goal", "g").put("priority", 2.5));

    assertThat(List.of(noGoal, longGoal, priority, fraction)).extracting(Problem::status).containsOnly(400);
    assertThat(noGoal.detail()).contains("'goal'");
    assertThat(longGoal.detail()).contains("'goal'", "20000");
    assertThat(priority.detail()).contains("'priority'");
    assertThat(fraction.detail()).contains("'priority'");
    assertThat(storage.created).isEmpty();
  }

  private String workflow(String planStatus) {
    JsonObject plan = storage.put(new JsonObject().put("type", WorkflowTasks.PLAN).put("status", planStatus)
        .put("payload", new JsonObject().put("goal", "Document the API")));
    String id = plan.getString("id");
    storage.put(plan.put("workflow", id));
    return id;
  }

  /** Steps s1 and s2 (and the combine task) of workflow {@code id}, in the given statuses. */
  private void planned(String id, String s1, String s2, String combine) {
    String s1Id = task(id, "documentation", s1);
    String s2Id = task(id, "code_review", s2);
    String combineId = task(id, WorkflowTasks.COMBINE, combine);
    storage.put(storage.task(id).put("status", "completed").put("result", new JsonObject()
        .put("plan", new JsonObject(PLAN)).put("steps", new JsonObject().put("s1", s1Id).put("s2", s2Id))
        .put("combine_task", combineId)));
  }

  private String task(String workflow, String type, String status) {
    JsonObject fields = new JsonObject().put("type", type).put("status", status).put("workflow", workflow);
    if ("completed".equals(status)) {
      fields.put("result", new JsonObject().put("answer", type + " done"));
    }
    if ("dead".equals(status) || "failed".equals(status)) {
      fields.put("error", "model crashed");
    }
    return storage.put(fields).getString("id");
  }

  private JsonObject view(String id) throws Exception {
    return ask(AgentAddresses.WORKFLOW_GET, new JsonObject().put("id", id).put("owner", "alice"));
  }

  /** Verifies the statuses a workflow goes through, as its tasks move. */
  @Test
  void theViewFollowsTheTasks() throws Exception {
    String planning = workflow("running");
    String running = workflow("completed");
    planned(running, "completed", "queued", "pending");
    String combining = workflow("completed");
    planned(combining, "completed", "completed", "running");
    String completed = workflow("completed");
    planned(completed, "completed", "completed", "completed");

    assertThat(view(planning).getString("status")).isEqualTo("planning");
    JsonObject runningView = view(running);
    assertThat(runningView.getString("status")).isEqualTo("running");
    assertThat(runningView.getJsonArray("steps").getJsonObject(0).getString("status")).isEqualTo("completed");
    assertThat(runningView.getJsonArray("steps").getJsonObject(1).getString("status")).isEqualTo("queued");
    assertThat(runningView.getJsonArray("steps").getJsonObject(1).getJsonArray("depends_on").getString(0))
        .isEqualTo("s1");
    assertThat(view(combining).getString("status")).isEqualTo("combining");
    JsonObject done = view(completed);
    assertThat(done.getString("status")).isEqualTo("completed");
    assertThat(done.getString("answer")).isEqualTo("workflow_combine done");
    assertThat(done.getString("goal")).isEqualTo("Document the API");
    assertThat(done.getJsonObject("plan")).isEqualTo(new JsonObject(PLAN));
  }

  /** Verifies that a dead step fails the workflow with an error naming the step and its reason, as does a dead plan. */
  @Test
  void aDeadStepOrPlanFailsTheWorkflow() throws Exception {
    String deadStep = workflow("completed");
    planned(deadStep, "completed", "dead", "pending");
    String deadPlan = workflow("dead");
    storage.put(storage.task(deadPlan).put("error", "the coordinator's plan was refused after 2 attempts"));

    JsonObject stepView = view(deadStep);
    JsonObject planView = view(deadPlan);

    assertThat(stepView.getString("status")).isEqualTo("failed");
    assertThat(stepView.getString("error")).isEqualTo("step s2 (code_review) ended dead: model crashed");
    assertThat(planView.getString("status")).isEqualTo("failed");
    assertThat(planView.getString("error")).contains("plan was refused");
  }

  /** Verifies that an unknown workflow, another owner's, and a task that is not a workflow answer 404. */
  @Test
  void unknownWorkflowsAreNotFound() {
    String id = workflow("running");
    String step = task(id, "documentation", "queued");

    assertThat(refusal(AgentAddresses.WORKFLOW_GET, new JsonObject().put("id", id).put("owner", "bob")).status())
        .isEqualTo(404);
    assertThat(refusal(AgentAddresses.WORKFLOW_GET, new JsonObject().put("id", step)).status()).isEqualTo(404);
    assertThat(refusal(AgentAddresses.WORKFLOW_GET,
        new JsonObject().put("id", java.util.UUID.randomUUID().toString())).status()).isEqualTo(404);
  }
}
