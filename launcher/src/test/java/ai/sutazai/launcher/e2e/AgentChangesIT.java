package ai.sutazai.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.auth.Role;
import ai.sutazai.launcher.e2e.RunningPlatform.Reply;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changing the agents while the platform runs: through the agents file (watched every 50 ms) and through
 * {@code /api/v1/agents}. Each test starts the platform on a file of three agents of its own; a refused change
 * leaves every agent and the file as they were, an accepted one redeploys exactly the agents it touches.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentChangesIT {

  private static final long WATCH_MS = 50;
  private static final String TERSE_PROMPT = "You are the test agent it-beta, now terse.";

  @TempDir
  Path directory;
  private AgentsFile file;
  private RunningPlatform platform;
  private TaskCalls operator;

  @BeforeEach
  void start() throws Exception {
    file = new AgentsFile(directory).write(new JsonArray()
        .add(AgentsFile.agent("it-alpha", "development", "alpha_work"))
        .add(AgentsFile.agent("it-beta", "testing", "beta_work"))
        .add(AgentsFile.agent("it-gamma", "data", "gamma_work")));
    startPlatform();
  }

  @AfterEach
  void stop() {
    platform.close();
  }

  /** Verifies that the agents of the file are listed running, each with its definition and a deployment. */
  @Test
  void listsTheAgentsOfTheFileRunning() {
    JsonArray agents = platform.awaitAgentsRunning();

    assertThat(agents.stream().map(a -> ((JsonObject) a).getString("id")).toList())
        .containsExactly("it-alpha", "it-beta", "it-gamma");
    JsonObject beta = agents.getJsonObject(1);
    assertThat(beta.getString("deployment_id")).isNotBlank();
    assertThat(beta.getInteger("instances")).isEqualTo(1);
    assertThat(beta.getJsonObject("definition").getJsonArray("capabilities")).containsExactly("beta_work");
    assertThat(beta.getJsonObject("definition").getString("system_prompt")).isEqualTo(
        "You are the test agent it-beta.");
  }

  /** Verifies that a file that does not parse, breaks the schema or repeats an id changes no agent, and reload answers 422 naming agent and field. */
  @Test
  void invalidFilesLeaveEveryAgentAsItWas() {
    Map<String, String> before = deployments();
    JsonArray valid = file.agents();

    String text = new JsonObject().put("agents", valid).encode();
    String broken = text.replace("\"id\":\"it-beta\"", "\"id\":\"it-beta\" \"oops\"");
    assertThat(broken).isNotEqualTo(text);
    file.writeText(broken);
    assertThat(assertRefused(reload(), "it-beta", "/agents/1/id").getString("message")).contains("not valid JSON");
    assertThat(deployments()).isEqualTo(before);

    file.write(valid.copy().set(1, valid.getJsonObject(1).copy().put("timeout_seconds", 0)));
    JsonObject schemaError = assertRefused(reload(), "it-beta", "/agents/1/timeout_seconds");
    assertThat(schemaError.getString("message")).contains("from 1 to 86400, got 0");
    assertThat(deployments()).isEqualTo(before);

    file.write(valid.copy().add(AgentsFile.agent("it-alpha", "security", "delta_work").put("name", "it-delta")));
    JsonObject duplicate = assertRefused(reload(), "it-alpha", "/agents/3/id");
    assertThat(duplicate.getString("message")).contains("unique");
    assertThat(deployments()).isEqualTo(before);
  }

  /** Verifies that a valid change of the file adding one agent deploys just it, the others keep their deployments, and it serves a task. */
  @Test
  void fileChangeAddingAnAgentDeploysJustIt() {
    Map<String, String> before = deployments();

    file.write(file.agents().add(AgentsFile.agent("it-delta", "security", "delta_work")));
    Eventually.until("it-delta to run", () -> "running".equals(status("it-delta").getString("status")));

    Map<String, String> after = deployments();
    assertThat(after).containsAllEntriesOf(before).containsKey("it-delta").hasSize(4);
    String task = operator.create("delta_work", new JsonObject().put("check", "added by the file"));
    assertThat(operator.awaitStatus(task, "completed").getString("agent")).isEqualTo("it-delta");
  }

  /** Verifies that POST of an agent the catalogue refuses answers 422 naming agent and field, and leaves the file alone. */
  @Test
  void creatingAnInvalidAgentChangesNothing() {
    String text = file.text();
    Map<String, String> before = deployments();

    Reply reply = operator.call(HttpMethod.POST, "/api/v1/agents",
        AgentsFile.agent("it-delta", "security", "delta_work").put("name", "agent-it-alpha"));

    JsonObject error = assertRefused(reply, "it-delta", "/agent/name");
    assertThat(error.getString("message")).contains("unique");
    assertThat(file.text()).isEqualTo(text);
    assertThat(deployments()).isEqualTo(before);
    assertThat(operator.call(HttpMethod.GET, "/api/v1/agents/it-delta").status()).isEqualTo(404);
  }

  /** Verifies that POST of a valid agent answers 201, writes it to the file, and a restart on that file serves it. */
  @Test
  void createdAgentIsWrittenToTheFileAndSurvivesARestart() throws Exception {
    Reply reply = operator.call(HttpMethod.POST, "/api/v1/agents",
        AgentsFile.agent("it-delta", "security", "delta_work"));

    assertThat(reply.status()).as("POST /api/v1/agents: %s", reply.body()).isEqualTo(201);
    assertThat(reply.headers().get("Location")).isEqualTo("/api/v1/agents/it-delta");
    assertThat(reply.json().getString("status")).isEqualTo("running");
    JsonObject written = file.agents().getJsonObject(3);
    assertThat(written.getString("id")).isEqualTo("it-delta");
    assertThat(written.getJsonArray("capabilities")).containsExactly("delta_work");
    assertThat(written).isEqualTo(reply.json().getJsonObject("definition"));
    assertThat(written.getString("system_prompt")).isEqualTo("You are the test agent it-delta.");

    platform.close();
    startPlatform();

    assertThat(platform.awaitAgentsRunning().stream().map(a -> ((JsonObject) a).getString("id")).toList())
        .containsExactly("it-alpha", "it-beta", "it-delta", "it-gamma");
    String task = operator.create("delta_work", new JsonObject().put("check", "after the restart"));
    assertThat(operator.awaitStatus(task, "completed").getString("agent")).isEqualTo("it-delta");
  }

  /** Verifies that PUT of a new system prompt redeploys the agent and its next task's model call carries that prompt. */
  @Test
  void updatedSystemPromptReachesTheModel() {
    String deployedBefore = status("it-beta").getString("deployment_id");
    JsonObject changed = AgentsFile.agent("it-beta", "testing", "beta_work")
        .put("system_prompt", TERSE_PROMPT);
    changed.remove("id");

    Reply reply = operator.call(HttpMethod.PUT, "/api/v1/agents/it-beta", changed);

    assertThat(reply.status()).as("PUT: %s", reply.body()).isEqualTo(200);
    assertThat(reply.json().getString("status")).isEqualTo("running");
    assertThat(reply.json().getString("deployment_id")).isNotEqualTo(deployedBefore);
    assertThat(file.agents().getJsonObject(1).getString("system_prompt")).isEqualTo(TERSE_PROMPT);
    String task = operator.create("beta_work", new JsonObject().put("check", "the new prompt"));
    operator.awaitStatus(task, "completed");
    JsonObject modelCall = platform.ollama.recorder().generationBodies().stream()
        .filter(body -> body.encode().contains("the new prompt")).findFirst().orElseThrow();
    assertThat(modelCall.getJsonArray("messages").getJsonObject(0))
        .isEqualTo(new JsonObject().put("role", "system").put("content", TERSE_PROMPT));
  }

  /** Verifies that DELETE removes the agent from the list and from the file, and the others keep running. */
  @Test
  void deletedAgentLeavesTheListAndTheFile() {
    Map<String, String> before = deployments();

    Reply reply = operator.call(HttpMethod.DELETE, "/api/v1/agents/it-gamma");

    assertThat(reply.status()).as("DELETE: %s", reply.body()).isEqualTo(204);
    assertThat(operator.call(HttpMethod.GET, "/api/v1/agents/it-gamma").status()).isEqualTo(404);
    assertThat(file.agents().stream().map(a -> ((JsonObject) a).getString("id")).toList())
        .containsExactly("it-alpha", "it-beta");
    before.remove("it-gamma");
    assertThat(deployments()).isEqualTo(before);
    assertThat(operator.post(new JsonObject().put("type", "gamma_work")).status()).isEqualTo(422);
  }

  /** Verifies that a redeploy asked for gives the agent a new deployment and leaves the others alone. */
  @Test
  void redeployGivesTheAgentANewDeployment() {
    Map<String, String> before = deployments();

    Reply reply = operator.call(HttpMethod.POST, "/api/v1/agents/it-alpha/redeploy");

    assertThat(reply.status()).as("redeploy: %s", reply.body()).isEqualTo(200);
    assertThat(reply.json().getString("status")).isEqualTo("running");
    assertThat(reply.json().getString("deployment_id")).isNotEqualTo(before.get("it-alpha"));
    Map<String, String> after = deployments();
    assertThat(after.get("it-alpha")).isEqualTo(reply.json().getString("deployment_id"));
    assertThat(after.get("it-beta")).isEqualTo(before.get("it-beta"));
    assertThat(after.get("it-gamma")).isEqualTo(before.get("it-gamma"));
  }

  /** Verifies that users and viewers may read the agents but not change them (403), and nothing changes. */
  @Test
  void usersAndViewersCannotChangeAgents() {
    String text = file.text();
    Map<String, String> before = deployments();
    for (Role role : new Role[] {Role.USER, Role.VIEWER}) {
      TaskCalls caller = new TaskCalls(platform, "agents-" + role, role);
      JsonObject agent = AgentsFile.agent("it-delta", "security", "delta_work");

      assertThat(caller.call(HttpMethod.GET, "/api/v1/agents").status()).isEqualTo(200);
      assertThat(caller.call(HttpMethod.POST, "/api/v1/agents", agent).status()).isEqualTo(403);
      assertThat(caller.call(HttpMethod.PUT, "/api/v1/agents/it-beta", agent.copy().put("id", "it-beta")).status())
          .isEqualTo(403);
      assertThat(caller.call(HttpMethod.DELETE, "/api/v1/agents/it-beta").status()).isEqualTo(403);
      assertThat(caller.call(HttpMethod.POST, "/api/v1/agents/it-beta/redeploy").status()).isEqualTo(403);
      assertThat(caller.call(HttpMethod.POST, "/api/v1/agents/reload").status()).isEqualTo(403);
    }
    assertThat(file.text()).isEqualTo(text);
    assertThat(deployments()).isEqualTo(before);
  }

  private void startPlatform() throws Exception {
    platform = RunningPlatform.start(new FakeOllamaOptions(), file.config(WATCH_MS));
    platform.awaitAgentsRunning();
    operator = new TaskCalls(platform, "agents-operator", Role.OPERATOR);
  }

  private Reply reload() {
    return operator.call(HttpMethod.POST, "/api/v1/agents/reload");
  }

  private JsonObject status(String id) {
    Reply reply = operator.call(HttpMethod.GET, "/api/v1/agents/" + id);
    return reply.status() == 200 ? reply.json() : new JsonObject().put("status", "absent");
  }

  /** Each agent's deployment id, once every agent listed is running. */
  private Map<String, String> deployments() {
    Map<String, String> deployments = new TreeMap<>();
    platform.awaitAgentsRunning().forEach(agent -> deployments.put(((JsonObject) agent).getString("id"),
        ((JsonObject) agent).getString("deployment_id")));
    return deployments;
  }

  /**
   * Asserts a 422 refusal whose errors hold one for {@code agent} (null: the catalogue as a whole) at a pointer
   * starting with {@code pointer}; returns that error.
   */
  private static JsonObject assertRefused(Reply reply, String agent, String pointer) {
    assertThat(reply.status()).as("refusal: %s", reply.body()).isEqualTo(422);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    JsonArray errors = reply.json().getJsonArray("errors");
    assertThat(errors).as("errors of %s", reply.body()).isNotEmpty();
    return errors.stream().map(JsonObject.class::cast)
        .filter(error -> Objects.equals(agent, error.getString("agent"))
            && error.getString("pointer", "").startsWith(pointer))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no error for agent " + agent + " at " + pointer + " in " + errors));
  }
}
