package ai.sutazai.agents.runtime;

import ai.sutazai.agents.workflow.PlanRefusedException;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.eventbus.ReplyException;

/** How a failed attempt is told: the reason recorded on the task, and whether another attempt could help. */
public final class AttemptFailures {

  /** The longest error storage keeps on a task. */
  static final int MAX_REASON_CHARS = 10_000;

  private AttemptFailures() {
  }

  /** What went wrong, in words: a problem's detail, else the exception's message. */
  public static String reasonOf(Throwable failure) {
    String reason;
    if (failure instanceof ProblemException || failure instanceof ReplyException) {
      reason = Problem.of(failure).detail();
    } else if (failure.getMessage() != null && !failure.getMessage().isBlank()) {
      reason = failure.getMessage();
    } else {
      reason = failure.getClass().getSimpleName();
    }
    return reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS - 1) + "…";
  }

  /**
   * Whether running the task again may succeed. Not after the coordinator's plan was refused (its model already had
   * its second chance within the attempt) nor after a refusal of the task itself (400: a payload of the wrong
   * shape, or a type the agent does not take), which the same task would meet again.
   */
  public static boolean worthRetrying(Throwable failure) {
    if (failure instanceof PlanRefusedException) {
      return false;
    }
    return !(failure instanceof ProblemException problem
        && problem.problem().status() == ProblemType.INVALID_REQUEST.status());
  }
}
