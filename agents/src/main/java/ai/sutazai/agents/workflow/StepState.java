package ai.sutazai.agents.workflow;

import java.util.Objects;

/**
 * One step's status, with its result once completed or the reason it ended unsuccessfully.
 *
 * @param text the result for {@link StepStatus#COMPLETED}, the reason for an unsuccessful end, null otherwise
 */
public record StepState(StepStatus status, String text) {

  public static final StepState WAITING = new StepState(StepStatus.WAITING, null);
  public static final StepState RUNNING = new StepState(StepStatus.RUNNING, null);

  public StepState {
    Objects.requireNonNull(status, "status");
    if ((status == StepStatus.COMPLETED || status.unsuccessful()) == (text == null)) {
      throw new IllegalArgumentException("a " + status.wireName() + " step "
          + (text == null ? "needs its result or reason" : "has no result or reason"));
    }
  }

  public static StepState completed(String result) {
    return new StepState(StepStatus.COMPLETED, result);
  }

  /** A step that ended without a result; {@code status} is failed, dead or cancelled. */
  public static StepState ended(StepStatus status, String reason) {
    if (!status.unsuccessful()) {
      throw new IllegalArgumentException(status.wireName() + " is not an unsuccessful end");
    }
    return new StepState(status, reason);
  }
}
