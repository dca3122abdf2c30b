package ai.sutazai.verticles.bus;


import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * Request/reply calls to the addresses of one event-bus service: each carries the request id in
 * the {@code x-request-id} header and a bounded timeout, and fails with a {@link ProblemException} that says
 * what went wrong, with the extension members of the replied problem (such as {@code errors}) kept.
 */
public final class ServiceRequests {

  /** The event-bus message header that carries the request id of the HTTP request a call serves. */
  public static final String REQUEST_ID_HEADER = "x-request-id";

  private final Vertx vertx;
  private final Problem notRunning;

  /**
   * @param notRunning the problem reported when nothing listens at the address (the service is not
   *                   deployed), or null for the kernel's generic one
   */
  public ServiceRequests(Vertx vertx, Problem notRunning) {
    this.vertx = vertx;
    this.notRunning = notRunning;
  }

  /** Asks {@code address} and gets its JSON reply ({@code {}} for an empty one). */
  public Future<JsonObject> ask(String address, JsonObject body, String requestId, long timeoutMs) {
    return vertx.eventBus().<JsonObject>request(address, body, delivery(requestId, timeoutMs))
        .map(message -> message.body() == null ? new JsonObject() : message.body())
        .recover(failure -> Future.failedFuture(new ProblemException(problemOf(failure), Problem.extensions(failure))));
  }

  private Problem problemOf(Throwable failure) {
    if (notRunning != null && failure instanceof ReplyException reply
        && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return notRunning;
    }
    return Problem.of(failure);
  }

  /** Delivery options carrying the request id, with a send timeout. */
  public static DeliveryOptions delivery(String requestId, long timeoutMs) {
    return new DeliveryOptions().setSendTimeout(timeoutMs).addHeader(REQUEST_ID_HEADER, requestId);
  }
}
