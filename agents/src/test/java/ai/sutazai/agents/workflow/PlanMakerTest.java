package ai.sutazai.agents.workflow;

import static ai.sutazai.agents.workflow.WorkflowPlanReaderTest.plan;
import static ai.sutazai.agents.workflow.WorkflowPlanReaderTest.step;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.agents.model.ChatMessage;
import ai.sutazai.agents.model.ScriptedModel;
import ai.sutazai.verticles.agents.AgentCatalogue;
import ai.sutazai.verticles.agents.AgentCatalogueLoader;
import ai.sutazai.verticles.agents.AgentDefinition;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Asking the coordinator for a plan: the question, one retry carrying the problems, and the refusal after it. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PlanMakerTest {

  private static final AgentCatalogue CATALOGUE = AgentCatalogueLoader.shipped();
  private static final AgentDefinition COORDINATOR = CATALOGUE.byName("agentzero-coordinator").orElseThrow();
  private static final String GOAL = "Design a REST API for invoices and review it";
  private static final String GOOD = plan(step("design", "api_design"),
      step("review", "code_review").put("depends_on", new JsonArray().add("design"))).encode();
  private static final String BAD = plan(step("design", "api_desing"),
      step("review", "code_review").put("depends_on", new JsonArray().add("desing"))).encode();

  /** Verifies that the question carries the coordinator's prompt, the goal, the capabilities and the shape. */
  @Test
  void asksWithTheCoordinatorsPromptAndTheCapabilities() {
    List<ChatMessage> messages = new PlanRequest(COORDINATOR, CATALOGUE, GOAL).messages();

    assertThat(messages).hasSize(2);
    assertThat(messages.get(0)).isEqualTo(ChatMessage.system(COORDINATOR.systemPrompt()));
    String question = messages.get(1).content();
    assertThat(messages.get(1).role()).isEqualTo("user");
    assertThat(question).startsWith("Goal:\n" + GOAL + "\n")
        .contains("\n- api_design: senior-backend-developer\n")
        .contains(PlanRequest.SHAPE)
        .contains("1 to 20 steps");
    assertThat(question.lines().filter(line -> line.startsWith("- "))).hasSize(CATALOGUE.capabilities().size());
  }

  /** Verifies that a first valid answer is the plan, after one call. */
  @Test
  void aValidFirstAnswerIsThePlan() {
    ScriptedModel model = ScriptedModel.answering("```json\n" + GOOD + "\n```");

    Future<WorkflowPlan> plan = new PlanMaker(COORDINATOR, CATALOGUE, model).make(GOAL);

    assertThat(plan.succeeded()).isTrue();
    assertThat(plan.result().steps()).extracting(PlanStep::id).containsExactly("design", "review");
    assertThat(model.calls()).hasSize(1);
  }

  /** Verifies that a refused answer is asked again once, the second question carrying the answer and its problems. */
  @Test
  void retriesOnceWithTheProblems() {
    ScriptedModel model = ScriptedModel.answering(BAD, GOOD);

    Future<WorkflowPlan> plan = new PlanMaker(COORDINATOR, CATALOGUE, model).make(GOAL);

    assertThat(plan.succeeded()).isTrue();
    assertThat(plan.result().step("review").orElseThrow().dependsOn()).containsExactly("design");
    assertThat(model.calls()).hasSize(2);
    List<ChatMessage> second = model.calls().get(1);
    assertThat(second).hasSize(4);
    assertThat(second.subList(0, 2)).isEqualTo(model.calls().get(0));
    assertThat(second.get(2)).isEqualTo(ChatMessage.assistant(BAD));
    assertThat(second.get(3).role()).isEqualTo("user");
    assertThat(second.get(3).content())
        .contains("- step design: /steps/0/capability names api_desing, which no agent of the catalogue takes; "
            + "the closest known is api_design")
        .contains("- step review: /steps/1/depends_on/0 names desing, which is not the id of any step of the plan")
        .contains("one JSON object of the same shape");
  }

  /** Verifies that a second refused answer ends in a refusal listing its problems, after exactly two calls. */
  @Test
  void refusesAfterTwoInvalidAnswers() {
    ScriptedModel model = ScriptedModel.answering(BAD, "I cannot plan this, sorry.");

    Future<WorkflowPlan> plan = new PlanMaker(COORDINATOR, CATALOGUE, model).make(GOAL);

    assertThat(plan.failed()).isTrue();
    assertThat(plan.cause()).isInstanceOfSatisfying(PlanRefusedException.class, refused -> {
      assertThat(refused.problems()).singleElement()
          .satisfies(p -> assertThat(p.detail()).startsWith("the plan is not valid JSON: "));
      assertThat(refused.problem().status()).isEqualTo(502);
      assertThat(refused.getMessage()).startsWith("the coordinator's plan was refused after 2 attempts; "
          + "the last answer had these problems:\n- the plan is not valid JSON: ");
    });
    assertThat(model.calls()).hasSize(2);
  }

  /** Verifies that a failed model call fails the plan with that failure, without a retry. */
  @Test
  void aFailedCallFailsThePlan() {
    IllegalStateException down = new IllegalStateException("ollama is not reachable");
    ScriptedModel model = ScriptedModel.answering().failing(down);

    Future<WorkflowPlan> plan = new PlanMaker(COORDINATOR, CATALOGUE, model).make(GOAL);

    assertThat(plan.cause()).isSameAs(down);
    assertThat(model.calls()).hasSize(1);
  }
}
