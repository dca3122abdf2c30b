package ai.sutazai.agents.workflow;

import java.util.Locale;

/**
 * Where a step of a workflow stands, as the schedule sees it. A step's task that is still pending,
 * queued or running counts as {@link #RUNNING} once it was handed out; {@link #FAILED},
 * {@link #DEAD} and {@link #CANCELLED} end the step without a result and fail the workflow.
 */
public enum StepStatus {
  WAITING, RUNNING, COMPLETED, FAILED, DEAD, CANCELLED;

  /** Whether the step has ended without a result. */
  public boolean unsuccessful() {
    return this == FAILED || this == DEAD || this == CANCELLED;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
