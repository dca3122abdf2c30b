package ai.sutazai.gateway.auth;

import ai.sutazai.gateway.http.ProblemResponses;
import ai.sutazai.gateway.http.RequestIdHandler;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Authenticates every request before any route runs, and enforces the {@link AccessTable}: a public
 * route passes; otherwise the bearer token (a JWT or an API key) must name a caller whose role the
 * route admits. No token or a bad one answers 401 with {@code WWW-Authenticate: Bearer}, a role the
 * route does not admit 403, and a request no rule matches never reaches a route: 404, or 405 with
 * {@code Allow} for a path the table knows with other methods. The reason of a 401 goes into {@value #FAILURE_KEY} for the audit log.
 */
public final class AuthenticationHandler implements Handler<RoutingContext> {

  /** The context key holding a short reason when authentication failed. */
  public static final String FAILURE_KEY = "sutazai.auth.failure";

  private final JwtVerifier jwt;
  private final ApiKeys keys;
  private final boolean metricsPublic;

  public AuthenticationHandler(JwtVerifier jwt, ApiKeys keys, boolean metricsPublic) {
    this.jwt = jwt;
    this.keys = keys;
    this.metricsPublic = metricsPublic;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    Optional<AccessRule> rule = AccessTable.find(request.method(), request.path());
    if (rule.isPresent() && rule.get().isPublic(metricsPublic)) {
      ctx.next();
      return;
    }
    Optional<String> token;
    try {
      token = BearerToken.of(ctx, rule.map(AccessRule::tokenInQuery).orElse(false));
    } catch (AuthFailure failure) {
      refuse(ctx, failure);
      return;
    }
    if (token.isEmpty()) {
      refuse(ctx, new AuthFailure("missing", "this route needs a token: send Authorization: Bearer <token>"));
      return;
    }
    boolean paused = !request.isEnded();
    if (paused) {
      request.pause();
    }
    callerOf(token.get(), RequestIdHandler.of(ctx)).onComplete(done -> {
      if (paused) {
        request.resume();
      }
      if (done.failed()) {
        fail(ctx, done.cause());
      } else {
        admit(ctx, rule, done.result());
      }
    });
  }

  private Future<Caller> callerOf(String token, String requestId) {
    return ApiKeyFormat.isApiKey(token) ? keys.verify(token, requestId) : jwt.verify(token);
  }

  private static void admit(RoutingContext ctx, Optional<AccessRule> rule, Caller caller) {
    caller.attachTo(ctx);
    if (rule.isEmpty()) {
      // Never on to a route: the failure handler answers 404, or 405 with Allow for a path the table knows.
      ctx.fail(AccessTable.methodsOf(ctx.request().path()).isEmpty() ? 404 : 405);
      return;
    }
    if (!rule.get().roles().contains(caller.role())) {
      ProblemResponses.send(ctx, ProblemType.FORBIDDEN.problem("the role " + caller.role().wireName()
          + " may not call " + rule.get().method().name() + " " + rule.get().pattern()));
      return;
    }
    ctx.next();
  }

  private static void fail(RoutingContext ctx, Throwable failure) {
    if (failure instanceof AuthFailure authFailure) {
      refuse(ctx, authFailure);
      return;
    }
    Problem problem = Problem.of(failure);
    if (problem.status() == 503) {
      ProblemResponses.send(ctx, ProblemType.STORAGE_UNAVAILABLE.problem(
          "the API key cannot be checked while storage is unavailable: " + problem.detail()));
    } else {
      ctx.fail(failure);
    }
  }

  private static void refuse(RoutingContext ctx, AuthFailure failure) {
    ctx.put(FAILURE_KEY, failure.reason());
    if (!ctx.response().headWritten()) {
      ctx.response().putHeader("WWW-Authenticate", failure.reason().equals("missing")
          ? "Bearer realm=\"sutazai\"" : "Bearer realm=\"sutazai\", error=\"invalid_token\"");
    }
    ProblemResponses.send(ctx, ProblemType.UNAUTHORIZED.problem(failure.detail()));
  }
}
