package ai.sutazai.agents.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a workflow can do next, given its plan and the state of each step: the steps ready to run
 * now (every dependency completed; independent steps together) with the results they need,
 * whether the workflow has finished, and the failure when a step ended without a result. Once a
 * step has failed no further step is ready; steps still running then are the runtime's to cancel.
 * Immutable: a step changing state gives a new schedule.
 */
public final class PlanSchedule {

  private final WorkflowPlan plan;
  private final Map<String, StepState> states;

  /**
   * @param states the state of steps by id; a step not named is {@link StepStatus#WAITING}
   * @throws IllegalArgumentException when a state names a step the plan does not have
   */
  public PlanSchedule(WorkflowPlan plan, Map<String, StepState> states) {
    for (String id : states.keySet()) {
      if (plan.step(id).isEmpty()) {
        throw new IllegalArgumentException("the plan has no step " + id);
      }
    }
    this.plan = plan;
    this.states = Map.copyOf(states);
  }

  /** A workflow none of whose steps has started. */
  public static PlanSchedule start(WorkflowPlan plan) {
    return new PlanSchedule(plan, Map.of());
  }

  /** This schedule with step {@code id} in {@code state}. */
  public PlanSchedule with(String id, StepState state) {
    Map<String, StepState> changed = new LinkedHashMap<>(states);
    changed.put(id, state);
    return new PlanSchedule(plan, changed);
  }

  public StepState state(String id) {
    return states.getOrDefault(id, StepState.WAITING);
  }

  /** The waiting steps whose dependencies have all completed, in plan order; none once the workflow failed. */
  public List<ReadyStep> ready() {
    if (failure().isPresent()) {
      return List.of();
    }
    return plan.steps().stream()
        .filter(step -> state(step.id()).status() == StepStatus.WAITING)
        .filter(step -> step.dependsOn().stream().allMatch(d -> state(d).status() == StepStatus.COMPLETED))
        .map(step -> new ReadyStep(step, resultsOf(step.dependsOn())))
        .toList();
  }

  /** The first step in plan order that ended failed, dead or cancelled. */
  public Optional<WorkflowFailure> failure() {
    return plan.steps().stream()
        .filter(step -> state(step.id()).status().unsuccessful())
        .findFirst()
        .map(step -> new WorkflowFailure(step, state(step.id()).status(), state(step.id()).text()));
  }

  public boolean completed() {
    return plan.steps().stream().allMatch(step -> state(step.id()).status() == StepStatus.COMPLETED);
  }

  /** Whether nothing more will run: every step completed, or one ended without a result. */
  public boolean finished() {
    return completed() || failure().isPresent();
  }

  /** The steps handed out and not yet ended, in plan order. */
  public List<PlanStep> running() {
    return plan.steps().stream().filter(step -> state(step.id()).status() == StepStatus.RUNNING).toList();
  }

  /** The results of the completed steps, in plan order. */
  public Map<String, String> results() {
    return resultsOf(plan.steps().stream().map(PlanStep::id)
        .filter(id -> state(id).status() == StepStatus.COMPLETED).toList());
  }

  private Map<String, String> resultsOf(List<String> ids) {
    Map<String, String> results = new LinkedHashMap<>();
    ids.forEach(id -> results.put(id, state(id).text()));
    return results;
  }
}
