package ai.sutazai.agents.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which steps of a workflow run next, with which inputs, and when the workflow is done or failed. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PlanScheduleTest {

  /** A -> B, A -> C, B + C -> D. */
  private static final WorkflowPlan DIAMOND = new WorkflowPlan(List.of(
      new PlanStep("a", "design the API", "api_design", List.of()),
      new PlanStep("b", "write the server", "code_generation", List.of("a")),
      new PlanStep("c", "write the tests", "unit_test_generation", List.of("a")),
      new PlanStep("d", "review server and tests", "code_review", List.of("c", "b"))));

  /** Verifies that a diamond runs A alone, then B and C together with A's result, then D with both results. */
  @Test
  void runsADiamondInDependencyOrder() {
    PlanSchedule schedule = PlanSchedule.start(DIAMOND);
    assertThat(ids(schedule.ready())).containsExactly("a");
    assertThat(schedule.ready().get(0).inputs()).isEmpty();

    schedule = schedule.with("a", StepState.RUNNING);
    assertThat(schedule.ready()).isEmpty();
    assertThat(schedule.finished()).isFalse();

    schedule = schedule.with("a", StepState.completed("openapi.yaml"));
    assertThat(ids(schedule.ready())).containsExactly("b", "c");
    assertThat(schedule.ready()).allSatisfy(step -> assertThat(step.inputs()).containsExactly(Map.entry("a", "openapi.yaml")));

    schedule = schedule.with("b", StepState.RUNNING).with("c", StepState.RUNNING).with("b", StepState.completed("server"));
    assertThat(schedule.ready()).isEmpty();
    assertThat(schedule.running()).extracting(PlanStep::id).containsExactly("c");

    schedule = schedule.with("c", StepState.completed("tests"));
    assertThat(ids(schedule.ready())).containsExactly("d");
    assertThat(schedule.ready().get(0).inputs()).containsExactly(Map.entry("c", "tests"), Map.entry("b", "server"));
    assertThat(schedule.finished()).isFalse();

    schedule = schedule.with("d", StepState.RUNNING).with("d", StepState.completed("looks good"));
    assertThat(schedule.ready()).isEmpty();
    assertThat(schedule.finished()).isTrue();
    assertThat(schedule.completed()).isTrue();
    assertThat(schedule.failure()).isEmpty();
    assertThat(schedule.results()).containsExactly(Map.entry("a", "openapi.yaml"), Map.entry("b", "server"),
        Map.entry("c", "tests"), Map.entry("d", "looks good"));
  }

  /** Verifies that a dead step fails the workflow with its reason and nothing further is ready. */
  @Test
  void aDeadStepFailsTheWorkflow() {
    PlanSchedule schedule = new PlanSchedule(DIAMOND, Map.of(
        "a", StepState.completed("openapi.yaml"),
        "b", StepState.ended(StepStatus.DEAD, "rejected after 3 attempts: model timed out"),
        "c", StepState.RUNNING));

    assertThat(schedule.finished()).isTrue();
    assertThat(schedule.completed()).isFalse();
    assertThat(schedule.ready()).isEmpty();
    assertThat(schedule.running()).extracting(PlanStep::id).containsExactly("c");
    WorkflowFailure failure = schedule.failure().orElseThrow();
    assertThat(failure.step().id()).isEqualTo("b");
    assertThat(failure.status()).isEqualTo(StepStatus.DEAD);
    assertThat(failure.detail())
        .isEqualTo("step b (code_generation) ended dead: rejected after 3 attempts: model timed out");
  }

  /** Verifies that a failed or cancelled step ends the workflow the same way, and independent steps stop being ready. */
  @Test
  void aFailedOrCancelledStepFailsTheWorkflow() {
    PlanSchedule afterA = PlanSchedule.start(DIAMOND).with("a", StepState.completed("openapi.yaml"));

    assertThat(afterA.with("c", StepState.ended(StepStatus.FAILED, "bad payload")).failure().orElseThrow().detail())
        .isEqualTo("step c (unit_test_generation) ended failed: bad payload");
    assertThat(afterA.with("c", StepState.ended(StepStatus.CANCELLED, "cancelled by admin")).ready()).isEmpty();
  }

  /** Verifies that independent steps are all ready at the start. */
  @Test
  void independentStepsAreReadyTogether() {
    WorkflowPlan fanIn = new WorkflowPlan(List.of(
        new PlanStep("x", "profile", "profile_analysis", List.of()),
        new PlanStep("y", "read logs", "log_analysis", List.of()),
        new PlanStep("z", "find the cause", "root_cause_analysis", List.of("x", "y"))));

    assertThat(ids(PlanSchedule.start(fanIn).ready())).containsExactly("x", "y");
  }

  /** Verifies that a state for a step the plan lacks, or a completion without a result, is refused. */
  @Test
  void refusesStatesThatDoNotFit() {
    assertThatThrownBy(() -> PlanSchedule.start(DIAMOND).with("e", StepState.RUNNING))
        .hasMessage("the plan has no step e");
    assertThatThrownBy(() -> StepState.completed(null)).hasMessage("a completed step needs its result or reason");
    assertThatThrownBy(() -> StepState.ended(StepStatus.COMPLETED, "x")).hasMessage("completed is not an unsuccessful end");
  }

  private static List<String> ids(List<ReadyStep> ready) {
    return ready.stream().map(r -> r.step().id()).toList();
  }
}
