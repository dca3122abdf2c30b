package ai.sutazai.agents.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.agents.runtime.AgentHarness;
import ai.sutazai.agents.runtime.TestAgents;
import ai.sutazai.verticles.agents.AgentDefinition;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The senior backend developer as an agent: a payload it refuses, and the steps of a workflow. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BackendDeveloperAgentTest {

  private static final AgentDefinition DEVELOPER = TestAgents.backendDeveloper();
  private static final String OPENAPI = """
      openapi: 3.0.3
      info: {title: Notes, version: "1"}
      paths:
        /notes:
          get:
            responses:
              "200": {description: the notes}
      """;

  private AgentHarness harness;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    harness = AgentHarness.on(vertx);
    harness.deploy(DEVELOPER);
  }

  private String step(String type, JsonArray dependsOn) {
    String workflow = harness.storage.put(new JsonObject().put("type", "workflow_plan")).getString("id");
    return harness.storage.put(new JsonObject().put("type", type).put("workflow", workflow)
        .put("depends_on", dependsOn)
        .put("payload", new JsonObject().put("goal", "A notes service").put("step", "s2")
            .put("instruction", "Design the notes API"))).getString("id");
  }

  /**
   * Verifies that a payload the agent refuses (a review without code) ends the task failed at its first attempt,
   * acknowledged rather than retried or dead-lettered, without asking the model.
   */
  @Test
  void aRefusedPayloadFailsTheTaskAtOnce() throws Exception {
    String id = harness.storage.put(new JsonObject().put("type", "code_review")
        .put("payload", new JsonObject().put("language", "java"))).getString("id");

    assertThat(harness.settle(DEVELOPER, id, 1, 3)).isEqualTo(new JsonObject().put("settle", "ack"));

    assertThat(harness.storage.status(id)).isEqualTo("failed");
    assertThat(harness.storage.task(id).getString("error")).contains("code");
    assertThat(harness.inference.submitted).isEmpty();
  }

  /** Verifies that an api_design step is designed from its instruction, the goal and its inputs, and validated. */
  @Test
  void anApiDesignStepIsADesignFromTheInstruction() throws Exception {
    String input = harness.storage.put(new JsonObject().put("status", "completed")
        .put("result", new JsonObject().put("answer", "Notes have a title and a body."))).getString("id");
    harness.inference.answers(OPENAPI);
    String id = step("api_design", new JsonArray().add(input));

    assertThat(harness.settle(DEVELOPER, id, 1, 3).getString("settle")).isEqualTo("ack");

    assertThat(harness.storage.status(id)).isEqualTo("completed");
    assertThat(harness.inference.lastMessageOf(0)).contains("Design the notes API").contains("A notes service")
        .contains("Notes have a title and a body.");
  }

  /** Verifies that a code_review step, which carries no code of its own, is answered as a prompt task. */
  @Test
  void aReviewStepIsAPromptTask() throws Exception {
    harness.inference.answers("The design is consistent.");
    String id = step("code_review", new JsonArray());

    assertThat(harness.settle(DEVELOPER, id, 1, 3).getString("settle")).isEqualTo("ack");

    assertThat(harness.storage.task(id).getJsonObject("result").getString("answer"))
        .isEqualTo("The design is consistent.");
    assertThat(harness.inference.lastMessageOf(0)).contains("Design the notes API");
  }
}
