package ai.sutazai.gateway.http;

import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code application/problem+json} answers: RFC 9457 fields plus {@code request_id} and
 * {@code instance}, the path's {@link ErrorDialect} field, the {@link SecurityHeaders}, and
 * {@code Retry-After} on 429 (unless the sender set its own).
 */
public final class ProblemResponses {

  public static final String CONTENT_TYPE = "application/problem+json";
  /** Seconds a client should wait after a full queue level before retrying (rate limits set their own). */
  public static final int RETRY_AFTER_SECONDS = 1;

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

  private ProblemResponses() {
  }

  public static void send(RoutingContext ctx, Problem problem) {
    send(ctx, problem, null);
  }

  /** Ends the response with the problem and any extension members (for example {@code components}). */
  public static void send(RoutingContext ctx, Problem problem, JsonObject extensions) {
    HttpServerResponse response = ctx.response();
    String requestId = RequestIdHandler.of(ctx);
    if (response.ended() || response.closed()) {
      return;
    }
    if (response.headWritten()) {
      log.warn("[{}] cannot report {} {}: the response has already started", requestId,
          problem.status(), problem.detail());
      response.reset();
      return;
    }
    JsonObject body = body(problem, requestId, ctx.request().path());
    if (extensions != null) {
      extensions.forEach(e -> body.put(e.getKey(), e.getValue()));
    }
    ErrorDialect.ofPath(ctx.request().path()).decorate(body, problem);
    SecurityHeaders.apply(response);
    response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE);
    if (problem.status() == 429 && !response.headers().contains(HttpHeaders.RETRY_AFTER)) {
      response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
    }
    response.end(body.encode());
  }

  /** The problem object with {@code request_id} and, when known, {@code instance}. */
  public static JsonObject body(Problem problem, String requestId, String instance) {
    JsonObject body = problem.toJson().put("request_id", requestId);
    if (instance != null) {
      body.put("instance", instance);
    }
    return body;
  }
}
