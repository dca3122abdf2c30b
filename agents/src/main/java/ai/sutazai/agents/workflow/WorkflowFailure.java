package ai.sutazai.agents.workflow;

/** The step that ended a workflow unsuccessfully, how it ended and why. */
public record WorkflowFailure(PlanStep step, StepStatus status, String reason) {

  /** The failure as the workflow's reason, for example {@code step s2 (api_design) ended dead: ...}. */
  public String detail() {
    return "step " + step.id() + " (" + step.capability() + ") ended " + status.wireName() + ": " + reason;
  }
}
