package ai.sutazai.gateway.stream;

import ai.sutazai.gateway.http.ProblemResponses;
import ai.sutazai.verticles.inference.client.Answer;
import ai.sutazai.verticles.inference.client.InferenceCall;
import ai.sutazai.verticles.inference.InferenceEvent;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers a call's events into an {@link Answer} and answers once with the rendered JSON, or with
 * a problem when the call fails; a client that leaves first cancels the call.
 */
public final class AnswerRelay implements Handler<JsonObject> {

  private static final Logger log = LoggerFactory.getLogger(AnswerRelay.class);

  private final RoutingContext ctx;
  private final InferenceCall call;
  private final Function<Answer, JsonObject> render;
  private final Answer answer = new Answer();

  public AnswerRelay(RoutingContext ctx, InferenceCall call, Function<Answer, JsonObject> render) {
    this.ctx = ctx;
    this.call = call;
    this.render = render;
    ctx.response().closeHandler(v -> call.cancel("the client closed the connection"));
  }

  @Override
  public void handle(JsonObject event) {
    if (ctx.response().closed()) {
      return;
    }
    if (InferenceEvent.ERROR.equals(InferenceEvent.type(event))) {
      ProblemResponses.send(ctx, InferenceEvent.problemOf(event));
    } else if (answer.add(event)) {
      JsonObject body;
      try {
        body = render.apply(answer);
      } catch (RuntimeException e) {
        log.error("[{}] could not render the answer of {}", call.requestId(), ctx.request().path(), e);
        ProblemResponses.send(ctx, ProblemType.INTERNAL.problem("the answer could not be rendered"));
        return;
      }
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
    }
  }
}
