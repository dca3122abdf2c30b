package ai.sutazai.storage;

import ai.sutazai.verticles.bus.BusMessages;
import ai.sutazai.verticles.bus.RequestLogContext;
import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one JSON event-bus request: replies the JSON the work produced, fails the reply with the problem a
 * {@link ProblemException} carries, and turns anything unexpected into a 500 {@code internal} problem, logged with
 * the request's id.
 */
public final class BusRequests {

  private static final Logger LOG = LoggerFactory.getLogger(BusRequests.class);

  private BusRequests() {
  }

  /** Runs {@code work} on the request's JSON body (a non-object body is answered 400) and replies its result. */
  public static void serve(Message<Object> message, Function<JsonObject, Future<JsonObject>> work) {
    JsonObject body = BusMessages.jsonBody(message);
    if (body == null) {
      return;
    }
    Future<JsonObject> reply;
    try {
      reply = work.apply(body);
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    reply.onComplete(done -> {
      if (done.succeeded()) {
        message.reply(done.result());
      } else {
        fail(message, done.cause());
      }
    });
  }

  private static void fail(Message<Object> message, Throwable failure) {
    if (failure instanceof ProblemException problem) {
      BusMessages.fail(message, problem.problem());
      return;
    }
    RequestLogContext.run(message, () -> LOG.error("Request to {} failed", message.address(), failure));
    BusMessages.fail(message, ProblemType.INTERNAL.problem("the storage service failed on this request"));
  }
}
