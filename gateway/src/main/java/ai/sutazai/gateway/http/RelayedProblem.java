package ai.sutazai.gateway.http;

import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemException;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * A problem another verticle replied together with its extension members (such as the agent supervisor's
 * {@code errors}), which the problem+json answer passes on to the client.
 */
public final class RelayedProblem extends ProblemException {

  /** The members every problem answer sets itself; a reply's own are never passed on as extensions. */
  private static final Set<String> OWN_MEMBERS = Set.of("type", "title", "status", "detail", "request_id", "instance");

  private final transient JsonObject extensions;

  private RelayedProblem(Problem problem, JsonObject extensions) {
    super(problem);
    this.extensions = extensions;
  }

  /** The members of the reply beyond the problem's own. */
  public JsonObject extensions() {
    return extensions.copy();
  }

  /**
   * The failure of an event-bus request as a problem: {@code notRunning} when nothing listens at the address, a
   * {@code RelayedProblem} when the reply carries extension members, else what {@link Problem#of} reads.
   */
  public static ProblemException of(Throwable failure, Problem notRunning) {
    if (failure instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return notRunning.asException();
      }
      JsonObject extensions = extensionsOf(reply);
      if (!extensions.isEmpty()) {
        return new RelayedProblem(Problem.of(failure), extensions);
      }
    }
    return Problem.of(failure).asException();
  }

  private static JsonObject extensionsOf(ReplyException reply) {
    JsonObject extensions = new JsonObject();
    if (reply.failureType() != ReplyFailure.RECIPIENT_FAILURE || reply.getMessage() == null) {
      return extensions;
    }
    try {
      new JsonObject(reply.getMessage()).forEach(member -> {
        if (!OWN_MEMBERS.contains(member.getKey())) {
          extensions.put(member.getKey(), member.getValue());
        }
      });
    } catch (DecodeException e) {
      // Not a problem object: Problem.of reports it as an internal failure of the service.
      return new JsonObject();
    }
    return extensions;
  }
}
