package ai.sutazai.verticles.problem;

import io.vertx.core.json.JsonObject;

/**
 * A failure that already knows how to describe itself to a client, optionally with extension members
 * (RFC 9457 section 3.2), such as the {@code errors} of a refused agent catalogue.
 */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;
  private final transient JsonObject extensions;

  public ProblemException(Problem problem) {
    this(problem, new JsonObject());
  }

  /** @param extensions members added beside type, title, status and detail when the problem is sent */
  public ProblemException(Problem problem, JsonObject extensions) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
    this.extensions = extensions.copy();
  }

  public Problem problem() {
    return problem;
  }

  public JsonObject extensions() {
    return extensions.copy();
  }
}
