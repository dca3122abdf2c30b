package ai.sutazai.agents.backend;

import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import java.util.List;

/**
 * The model kept answering with something SutazAI cannot accept, after it was told what was wrong.
 * The task fails with this; {@link #problems()} are the last answer's problems.
 */
public final class InvalidModelAnswerException extends ProblemException {

  private final transient List<String> problems;

  InvalidModelAnswerException(String what, int attempts, List<String> problems) {
    super(ProblemType.OLLAMA_ERROR.problem("the model's " + what + " was still invalid after " + attempts
        + " attempts:\n" + BackendPrompts.bullets(problems)));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
