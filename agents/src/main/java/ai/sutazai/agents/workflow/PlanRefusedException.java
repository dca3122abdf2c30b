package ai.sutazai.agents.workflow;

import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import java.util.List;

/**
 * The coordinator's model answered twice without a usable plan. A bad answer from the model is an
 * upstream failure, so the problem is {@link ProblemType#OLLAMA_ERROR} (502); its detail lists
 * what was wrong with the second answer.
 */
public final class PlanRefusedException extends ProblemException {

  private final transient List<PlanProblem> problems;

  PlanRefusedException(int attempts, PlanReading refused) {
    super(ProblemType.OLLAMA_ERROR.problem("the coordinator's plan was refused after " + attempts
        + " attempts; the last answer had these problems:\n" + refused.details()));
    this.problems = refused.problems();
  }

  /** What was wrong with the last answer. */
  public List<PlanProblem> problems() {
    return problems;
  }
}
