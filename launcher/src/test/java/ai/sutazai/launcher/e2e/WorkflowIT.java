package ai.sutazai.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.launcher.e2e.RunningPlatform.Reply;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workflows end to end over {@code /api/v1/workflows}, with a model scripted the way a coordinator's model would
 * answer: a plan for the plan request, a text naming the step for each step, a final text for the combine request.
 * The agents are the test's own: the coordinator, three prompt agents and one whose model Ollama does not have.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkflowIT {

  private static final String PLAN_QUESTION = "Break the goal into steps";
  private static final String COMBINE_QUESTION = "Combine these results";
  private static final String REFUSED_PLAN = "That plan cannot be used";
  private static final Pattern STEP = Pattern.compile("\"step\" : \"([A-Za-z0-9_-]+)\"");
  private static final Set<String> ENDED = Set.of("completed", "failed", "cancelled");

  @TempDir
  static Path directory;
  private static RunningPlatform platform;
  /** How the coordinator's model answers a plan request, from the request's last message. */
  private static volatile UnaryOperator<String> planner = question -> "{}";

  @BeforeAll
  static void start() throws Exception {
    AgentsFile file = new AgentsFile(directory).write(new JsonArray()
        .add(AgentsFile.agent("it-coordinator", "orchestration", "workflow_plan", "workflow_combine")
            .put("name", "agentzero-coordinator").put("max_concurrent_tasks", 4))
        .add(AgentsFile.agent("it-architect", "development", "system_design"))
        .add(AgentsFile.agent("it-scrum-master", "orchestration", "sprint_planning"))
        .add(AgentsFile.agent("it-synthesizer", "specialized", "result_synthesis"))
        .add(AgentsFile.agent("it-broken", "data", "data_cleaning").put("model", "no-such-model:1b")));
    platform = RunningPlatform.start(new FakeOllamaOptions().answers(WorkflowIT::answer),
        file.config(1000).put("tasks", new JsonObject().put("max_attempts", 2).put("retry_backoff_ms", 50)));
    platform.awaitAgentsRunning();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  /** Verifies that a three-step plan runs s1 and s2 first, hands both results to s3, and ends with the combined answer. */
  @Test
  void plannedStepsRunInDependencyOrderAndCombine() {
    TaskCalls calls = new TaskCalls(platform, "workflow-happy");
    planner = question -> plan(
        step("s1", "system_design"), step("s2", "sprint_planning"), step("s3", "result_synthesis", "s1", "s2"));
    String goal = "Plan the ledger service (happy path)";

    JsonObject workflow = awaitEnd(calls, start(calls, goal));

    assertThat(workflow.getString("status")).as("workflow %s", workflow).isEqualTo("completed");
    assertThat(workflow.getString("answer")).isEqualTo("final answer for " + goal);
    assertThat(workflow.getString("error")).isNull();
    JsonObject s1 = task(calls, workflow, "s1");
    JsonObject s2 = task(calls, workflow, "s2");
    JsonObject s3 = task(calls, workflow, "s3");
    for (JsonObject step : List.of(s1, s2, s3)) {
      assertThat(TaskCalls.statuses(calls.events(step.getString("id"))))
          .containsExactly("pending", "queued", "running", "completed");
    }
    assertThat(s3.getString("agent")).isEqualTo("it-synthesizer");
    assertThat(time(s3, "started_at")).isAfterOrEqualTo(time(s1, "completed_at"))
        .isAfterOrEqualTo(time(s2, "completed_at"));
    String s3Prompt = generationsAbout(goal).stream().map(WorkflowIT::lastMessage)
        .filter(text -> stepOf(text).equals("s3")).findFirst().orElseThrow();
    assertThat(s3Prompt).contains("result of s1").contains("result of s2");
    assertThat(planRequests(goal)).isEqualTo(1);
  }

  /** Verifies that a plan refused twice (not JSON, then still invalid) is asked again exactly once and fails the workflow naming the problem. */
  @Test
  void malformedPlanIsRetriedOnceThenFailsTheWorkflow() {
    TaskCalls calls = new TaskCalls(platform, "workflow-malformed");
    planner = question -> question.startsWith(REFUSED_PLAN) ? "{\"steps\": []}" : "Sure! Here is my plan: first...";
    String goal = "Plan the ledger service (malformed plan)";

    JsonObject workflow = awaitEnd(calls, start(calls, goal));

    assertThat(workflow.getString("status")).as("workflow %s", workflow).isEqualTo("failed");
    assertThat(workflow.getString("error")).startsWith("planning ended failed: ")
        .contains("/steps must hold at least one step");
    assertThat(planRequests(goal)).isEqualTo(2);
    assertThat(lastMessage(generationsAbout(goal).get(1))).as("the retry carries the first answer's problem")
        .startsWith(REFUSED_PLAN).contains("is not valid JSON");
    assertThat(workflow.getJsonArray("steps")).isEmpty();
  }

  /** Verifies that a step whose task ends dead fails the workflow with an error naming the step, and its answer never comes. */
  @Test
  void deadStepFailsTheWorkflowNamingIt() {
    TaskCalls calls = new TaskCalls(platform, "workflow-dead-step");
    planner = question -> plan(step("s1", "system_design"), step("s2", "data_cleaning"),
        step("s3", "result_synthesis", "s1", "s2"));
    String goal = "Plan the ledger service (dead step)";

    JsonObject workflow = awaitEnd(calls, start(calls, goal));

    assertThat(workflow.getString("status")).as("workflow %s", workflow).isEqualTo("failed");
    assertThat(workflow.getString("error")).startsWith("step s2 (data_cleaning) ended dead: ")
        .contains("no-such-model:1b");
    assertThat(workflow.getString("answer")).isNull();
    assertThat(task(calls, workflow, "s2").getInteger("attempts")).isEqualTo(2);
    JsonObject s3 = calls.awaitStatus(stepOf(workflow, "s3").getString("task_id"), "cancelled");
    assertThat(s3.getString("error")).startsWith("dependency ");
    assertThat(generationsAbout(goal).stream().map(WorkflowIT::lastMessage))
        .noneMatch(text -> text.contains(COMBINE_QUESTION) || stepOf(text).equals("s3"));
  }

  private static String start(TaskCalls calls, String goal) {
    Reply reply = calls.call(HttpMethod.POST, "/api/v1/workflows", new JsonObject().put("goal", goal));
    assertThat(reply.status()).as("POST /api/v1/workflows: %s", reply.body()).isEqualTo(202);
    String id = reply.json().getString("id");
    assertThat(reply.headers().get("Location")).isEqualTo("/api/v1/workflows/" + id);
    assertThat(reply.json().getString("status")).isEqualTo("planning");
    return id;
  }

  private static JsonObject awaitEnd(TaskCalls calls, String id) {
    return Eventually.value("workflow " + id + " to end", Duration.ofSeconds(30), () -> {
      Reply reply = calls.call(HttpMethod.GET, "/api/v1/workflows/" + id);
      assertThat(reply.status()).as("GET workflow: %s", reply.body()).isEqualTo(200);
      return ENDED.contains(reply.json().getString("status")) ? Optional.of(reply.json()) : Optional.empty();
    });
  }

  private static JsonObject stepOf(JsonObject workflow, String stepId) {
    return workflow.getJsonArray("steps").stream().map(JsonObject.class::cast)
        .filter(step -> stepId.equals(step.getString("id"))).findFirst().orElseThrow();
  }

  private static JsonObject task(TaskCalls calls, JsonObject workflow, String stepId) {
    return calls.get(stepOf(workflow, stepId).getString("task_id"));
  }

  /** The fake model: plans as the test's planner says, names the step it is asked for, combines into a final text. */
  private static String answer(JsonObject body) {
    String question = lastMessage(body);
    String all = body.getJsonArray("messages").stream()
        .map(message -> ((JsonObject) message).getString("content")).reduce("", String::concat);
    if (all.contains(PLAN_QUESTION)) {
      return planner.apply(question);
    }
    if (question.contains(COMBINE_QUESTION)) {
      return "final answer for " + question.lines().skip(1).findFirst().orElse("");
    }
    String step = stepOf(question);
    return step.isEmpty() ? null : "result of " + step;
  }

  /** The step id a step task's prompt carries in its payload, or empty. */
  private static String stepOf(String question) {
    Matcher step = STEP.matcher(question);
    return step.find() ? step.group(1) : "";
  }

  private static String lastMessage(JsonObject body) {
    JsonArray messages = body.getJsonArray("messages");
    return messages.getJsonObject(messages.size() - 1).getString("content");
  }

  /** The chat requests Ollama got that mention {@code goal}, in arrival order. */
  private static List<JsonObject> generationsAbout(String goal) {
    return platform.ollama.recorder().generationBodies().stream()
        .filter(body -> body.getJsonArray("messages").encode().contains(goal)).toList();
  }

  private static long planRequests(String goal) {
    return generationsAbout(goal).stream()
        .filter(body -> body.getJsonArray("messages").encode().contains(PLAN_QUESTION)).count();
  }

  private static String plan(JsonObject... steps) {
    return new JsonObject().put("steps", new JsonArray(List.of((Object[]) steps))).encode();
  }

  private static JsonObject step(String id, String capability, String... dependsOn) {
    return new JsonObject().put("id", id).put("instruction", "Carry out " + id + " of the goal.")
        .put("capability", capability).put("depends_on", new JsonArray(List.of((Object[]) dependsOn)));
  }

  private static OffsetDateTime time(JsonObject task, String field) {
    return OffsetDateTime.parse(task.getString(field));
  }
}
