package ai.sutazai.verticles.problem;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * An RFC 9457 problem: what went wrong, in a form that crosses the event bus and ends as an
 * {@code application/problem+json} response.
 */
public record Problem(String type, String title, int status, String detail) {

  private static final Set<String> MEMBERS = Set.of("type", "title", "status", "detail", "request_id", "instance");

  public JsonObject toJson() {
    return new JsonObject()
        .put("type", type)
        .put("title", title)
        .put("status", status)
        .put("detail", detail);
  }

  public static Problem fromJson(JsonObject json) {
    return new Problem(
        json.getString("type", ProblemType.INTERNAL.uri()),
        json.getString("title", ProblemType.INTERNAL.title()),
        json.getInteger("status", 500),
        json.getString("detail", ""));
  }

  /**
   * The extension members a failure carries beside type, title, status and detail: those of a
   * {@link ProblemException}, or of the problem JSON of a failed reply; empty when there are none.
   */
  public static JsonObject extensions(Throwable failure) {
    if (failure instanceof ProblemException pe) {
      return pe.extensions();
    }
    if (failure instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      try {
        JsonObject extensions = new JsonObject(re.getMessage());
        MEMBERS.forEach(extensions::remove);
        return extensions;
      } catch (DecodeException | NullPointerException e) {
        return new JsonObject();
      }
    }
    return new JsonObject();
  }

  /** The exception that carries this problem as a failed event-bus reply. */
  public ReplyException asReplyException() {
    return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, status, toJson().encode());
  }

  /** Carries this problem as a failed future (for example a failed reply). */
  public ProblemException asException() {
    return new ProblemException(this);
  }

  /**
   * Reads the problem a failure carries: a {@link ProblemException}, a reply failed with
   * {@link #asReplyException()}, a missing consumer (the service is not running), or a timeout.
   */
  public static Problem of(Throwable failure) {
    if (failure instanceof ProblemException pe) {
      return pe.problem();
    }
    if (failure instanceof ReplyException re) {
      switch (re.failureType()) {
        case NO_HANDLERS:
          return ProblemType.SERVICE_UNAVAILABLE.problem("no service is listening at this address");
        case TIMEOUT:
          return ProblemType.DEADLINE_EXCEEDED.problem("the internal service did not answer in time");
        default:
          try {
            return fromJson(new JsonObject(re.getMessage()));
          } catch (DecodeException | NullPointerException e) {
            return new Problem(ProblemType.INTERNAL.uri(), ProblemType.INTERNAL.title(),
                re.failureCode() >= 400 ? re.failureCode() : 500, "internal service failed");
          }
      }
    }
    return ProblemType.INTERNAL.problem("an internal error occurred");
  }
}
