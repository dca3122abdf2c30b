package ai.sutazai.gateway.stream;

import ai.sutazai.gateway.http.ProblemResponses;
import ai.sutazai.verticles.inference.client.InferenceCall;
import ai.sutazai.verticles.inference.InferenceEvent;
import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Streams a call's events to an HTTP response in a {@link StreamDialect}. The 200 and the headers
 * go out with the first event that is not an error (the {@code started} of a generation), so a
 * refusal before that (full queue, unknown model, deadline in the queue) keeps its real status;
 * later failures become the dialect's error frame. A client that leaves or stops reading cancels
 * the call. From the 200 until the response ends or closes it counts as an open stream.
 */
public final class StreamingRelay implements Handler<JsonObject> {

  private final RoutingContext ctx;
  private final HttpServerResponse response;
  private final InferenceCall call;
  private final StreamDialect dialect;
  private final StallGuard guard;
  private final StreamMeters meters;
  private StreamMeters.OpenStream stream;

  public StreamingRelay(RoutingContext ctx, InferenceCall call, StreamDialect dialect, int bufferBytes,
      StreamMeters meters) {
    this.ctx = ctx;
    this.response = ctx.response();
    this.call = call;
    this.dialect = dialect;
    this.guard = new StallGuard(response, bufferBytes, call.requestId(), this::abandon);
    this.meters = meters;
    response.closeHandler(v -> call.cancel("the client closed the connection"));
    // Runs when the response ends and when its connection closes first.
    ctx.addEndHandler(ended -> closeStream());
  }

  @Override
  public void handle(JsonObject event) {
    if (response.closed() || guard.stalled()) {
      return;
    }
    String type = InferenceEvent.type(event);
    if (InferenceEvent.ERROR.equals(type)) {
      Problem problem = InferenceEvent.problemOf(event);
      if (stream != null) {
        finish(dialect.error(problem, call.requestId()));
      } else {
        ProblemResponses.send(ctx, problem);
      }
      return;
    }
    commit();
    switch (type) {
      case InferenceEvent.STARTED:
        write(dialect.started(event));
        break;
      case InferenceEvent.TOKEN:
        write(dialect.token(event));
        break;
      case InferenceEvent.PROGRESS:
        write(dialect.progress(event));
        break;
      case InferenceEvent.DONE:
        finish(dialect.done(event));
        break;
      default:
        break;
    }
  }

  private void commit() {
    if (stream == null) {
      stream = meters.open(dialect.transport());
      response.setStatusCode(200).setChunked(true);
      dialect.headers(response.headers());
      response.writeHead();
    }
  }

  private void write(String frame) {
    if (frame != null) {
      stream.wrote(frame);
      response.write(frame);
      guard.wrote();
    }
  }

  private void finish(String frame) {
    if (frame == null) {
      response.end();
    } else {
      stream.wrote(frame);
      response.end(frame);
    }
  }

  private void closeStream() {
    if (stream != null) {
      stream.close();
    }
  }

  private void abandon() {
    call.cancel("the client stopped reading");
    response.reset();
  }
}
