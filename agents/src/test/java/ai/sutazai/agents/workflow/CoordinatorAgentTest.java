package ai.sutazai.agents.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.agents.runtime.AgentHarness;
import ai.sutazai.agents.runtime.FakeSupervisor;
import ai.sutazai.agents.runtime.TestAgents;
import ai.sutazai.verticles.agents.AgentDefinition;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** How the coordinator turns a goal into a workflow's tasks and combines their results. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CoordinatorAgentTest {

  private static final AgentDefinition COORDINATOR = TestAgents.coordinator();
  private static final String PLAN = """
      {"steps": [
        {"id": "s1", "instruction": "Write the guide", "capability": "documentation", "depends_on": []},
        {"id": "s2", "instruction": "Review the guide's examples", "capability": "code_review", "depends_on": ["s1"]},
        {"id": "s3", "instruction": "Test the examples", "capability": "testing", "depends_on": []}
      ]}""";

  private AgentHarness harness;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    harness = AgentHarness.on(vertx);
    FakeSupervisor.serving(vertx, List.of(COORDINATOR, TestAgents.writer(), TestAgents.reviewer()));
    harness.deploy(COORDINATOR);
  }

  private String planTask() {
    JsonObject task = harness.storage.put(new JsonObject().put("type", WorkflowTasks.PLAN).put("priority", 7)
        .put("agent", COORDINATOR.id()).put("payload", new JsonObject().put("goal", "Document the API")));
    String id = task.getString("id");
    harness.storage.put(task.put("workflow", id));
    return id;
  }

  /** Verifies that a plan's steps become tasks routed to their agents, depending on their steps' tasks, plus the combine task. */
  @Test
  void createsATaskPerStepAndTheCombineTask() throws Exception {
    harness.inference.answers(PLAN);
    String planId = planTask();

    assertThat(harness.settle(COORDINATOR, planId, 1, 3).getString("settle")).isEqualTo("ack");

    JsonObject result = harness.storage.task(planId).getJsonObject("result");
    JsonObject steps = result.getJsonObject("steps");
    assertThat(steps.fieldNames()).containsExactlyInAnyOrder("s1", "s2", "s3");
    Map<String, JsonObject> created = harness.storage.created.stream()
        .collect(Collectors.toMap(task -> task.getString("id"), Function.identity()));
    assertThat(created).hasSize(4);
    assertStep(created.get(steps.getString("s1")), "documentation", "ag-065", new JsonArray(), "s1", "Write the guide");
    assertStep(created.get(steps.getString("s2")), "code_review", "ag-007", new JsonArray().add(steps.getString("s1")),
        "s2", "Review the guide's examples");
    assertStep(created.get(steps.getString("s3")), "testing", "ag-007", new JsonArray(), "s3", "Test the examples");
    JsonObject combine = created.get(result.getString("combine_task"));
    assertThat(combine.getString("type")).isEqualTo(WorkflowTasks.COMBINE);
    assertThat(combine.getString("agent")).isEqualTo(COORDINATOR.id());
    assertThat(combine.getJsonArray("depends_on")).containsExactlyInAnyOrder(
        steps.getString("s1"), steps.getString("s2"), steps.getString("s3"));
    assertThat(combine.getJsonObject("payload")).isEqualTo(new JsonObject().put("goal", "Document the API")
        .put("plan", new JsonObject(PLAN)).put("steps", steps));
    assertThat(result.getJsonObject("plan")).isEqualTo(new JsonObject(PLAN));
    created.values().forEach(task -> {
      assertThat(task.getString("owner")).isEqualTo("alice");
      assertThat(task.getString("workflow")).isEqualTo(planId);
      assertThat(task.getString("parent")).isEqualTo(planId);
      assertThat(task.getInteger("priority")).isEqualTo(7);
    });
    assertThat(harness.inference.lastMessageOf(0)).contains("documentation").doesNotContain(WorkflowTasks.PLAN);
  }

  /**
   * Verifies that planning again (an earlier attempt created steps, then failed) cancels the unfinished steps of
   * the earlier attempt and keeps the finished ones, so the workflow runs only the new plan.
   */
  @Test
  void planningAgainCancelsTheStepsOfAnEarlierAttempt() throws Exception {
    harness.inference.answers(PLAN);
    String planId = planTask();
    String queued = harness.storage.put(new JsonObject().put("workflow", planId).put("parent", planId)
        .put("status", "queued")).getString("id");
    String done = harness.storage.put(new JsonObject().put("workflow", planId).put("parent", planId)
        .put("status", "completed")).getString("id");

    assertThat(harness.settle(COORDINATOR, planId, 2, 3).getString("settle")).isEqualTo("ack");

    assertThat(harness.storage.status(queued)).isEqualTo("cancelled");
    assertThat(harness.storage.status(done)).isEqualTo("completed");
    assertThat(harness.storage.created).hasSize(4);
  }

  private static void assertStep(JsonObject task, String type, String agent, JsonArray dependsOn, String step,
      String instruction) {
    assertThat(task.getString("type")).isEqualTo(type);
    assertThat(task.getString("agent")).isEqualTo(agent);
    assertThat(task.getJsonArray("depends_on")).isEqualTo(dependsOn);
    assertThat(task.getJsonObject("payload")).isEqualTo(new JsonObject().put("goal", "Document the API")
        .put("step", step).put("instruction", instruction));
  }

  /** Verifies that an unusable plan is sent back once, and a second one ends the task failed at once with the problems. */
  @Test
  void aPlanRefusedTwiceFailsTheTaskWithItsReason() throws Exception {
    harness.inference.answers("Sure! Here is my plan: first write, then review.", "{\"steps\": []}");
    String planId = planTask();

    JsonObject settlement = harness.settle(COORDINATOR, planId, 1, 3);

    assertThat(settlement.getString("settle")).isEqualTo("ack");
    assertThat(harness.storage.status(planId)).isEqualTo("failed");
    assertThat(harness.storage.task(planId).getString("error"))
        .contains("the coordinator's plan was refused after 2 attempts");
    assertThat(harness.inference.submitted).hasSize(2);
    assertThat(harness.inference.lastMessageOf(1)).contains("That plan cannot be used");
    assertThat(harness.storage.created).isEmpty();
  }

  /** Verifies that the combine task asks the model with every step's result and answers with its text. */
  @Test
  void combinesTheStepsResults() throws Exception {
    harness.inference.answers("The guide, reviewed and tested.");
    JsonObject plan = new JsonObject(PLAN);
    JsonObject steps = new JsonObject();
    JsonArray dependsOn = new JsonArray();
    for (String step : List.of("s1", "s2", "s3")) {
      String id = harness.storage.put(new JsonObject().put("status", "completed")
          .put("result", new JsonObject().put("answer", "result of " + step))).getString("id");
      steps.put(step, id);
      dependsOn.add(id);
    }
    String combineId = harness.storage.put(new JsonObject().put("type", WorkflowTasks.COMBINE)
        .put("depends_on", dependsOn)
        .put("payload", new JsonObject().put("goal", "Document the API").put("plan", plan).put("steps", steps)))
        .getString("id");

    assertThat(harness.settle(COORDINATOR, combineId, 1, 3).getString("settle")).isEqualTo("ack");

    assertThat(harness.storage.task(combineId).getJsonObject("result"))
        .isEqualTo(new JsonObject().put("answer", "The guide, reviewed and tested."));
    assertThat(harness.inference.lastMessageOf(0)).contains("result of s1", "result of s2", "result of s3");
    assertThat(harness.storage.cachePuts).isEmpty();
  }
}
