package ai.sutazai.agents.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sutazai.agents.model.ChatMessage;
import ai.sutazai.verticles.agents.AgentCatalogueLoader;
import ai.sutazai.verticles.agents.AgentDefinition;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The coordinator's final question: the goal and every step's result, to be combined into one answer. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CombineRequestTest {

  private static final AgentDefinition COORDINATOR = AgentCatalogueLoader.shipped().byId("ag-001").orElseThrow();
  private static final WorkflowPlan PLAN = new WorkflowPlan(List.of(
      new PlanStep("design", "Design the invoice API", "api_design", List.of()),
      new PlanStep("review", "Review the design", "code_review", List.of("design"))));

  /** Verifies that the question names the goal and each step with its instruction and result, in plan order. */
  @Test
  void carriesTheGoalAndEveryResult() {
    List<ChatMessage> messages = new CombineRequest(COORDINATOR, "An invoice API", PLAN,
        Map.of("review", "two endpoints lack auth", "design", "openapi: 3.1.0")).messages();

    assertThat(messages.get(0)).isEqualTo(ChatMessage.system(COORDINATOR.systemPrompt()));
    String question = messages.get(1).content();
    assertThat(question).startsWith("Goal:\nAn invoice API\n")
        .contains("### Step design (api_design)\nInstruction: Design the invoice API\nResult:\nopenapi: 3.1.0\n")
        .contains("### Step review (code_review), after design\nInstruction: Review the design\n"
            + "Result:\ntwo endpoints lack auth\n")
        .contains("Combine these results into one coherent answer");
    assertThat(question.indexOf("### Step design")).isLessThan(question.indexOf("### Step review"));
  }

  /** Verifies that combining before every step has a result is refused, naming the step. */
  @Test
  void refusesAMissingResult() {
    assertThatThrownBy(() -> new CombineRequest(COORDINATOR, "goal", PLAN, Map.of("design", "x")))
        .hasMessage("step review has no result to combine");
  }
}
