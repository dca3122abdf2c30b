package ai.sutazai.gateway.http;

import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure, and every request no route matches, into a problem+json answer; client
 * mistakes get their 4xx, and only our own faults answer 500 (logged, never shown).
 */
public final class ProblemFailureHandler implements Handler<RoutingContext> {

  private static final Logger log = LoggerFactory.getLogger(ProblemFailureHandler.class);
  private static final int[] MATCH_FAILURES = {400, 404, 405, 406, 413, 415, 500};
  /** A {@code %} not followed by two hex digits, which the decoding of paths and query strings rejects. */
  private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

  private final Router router;
  private final int maxBodyBytes;

  private ProblemFailureHandler(Router router, int maxBodyBytes) {
    this.router = router;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Installs the handler for route failures and for requests no route accepts. */
  public static void install(Router router, int maxBodyBytes) {
    ProblemFailureHandler handler = new ProblemFailureHandler(router, maxBodyBytes);
    router.route().failureHandler(handler);
    for (int status : MATCH_FAILURES) {
      router.errorHandler(status, handler);
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().closed()) {
      log.debug("[{}] {} {} failed after the client left: {}", RequestIdHandler.of(ctx), ctx.request().method(),
          ctx.request().path(), String.valueOf(ctx.failure()));
      return;
    }
    Problem problem = problemOf(ctx);
    if (problem.status() == 405) {
      String allow = allowedMethods(ctx.request().path());
      if (!allow.isEmpty() && !ctx.response().headWritten()) {
        ctx.response().putHeader("Allow", allow);
      }
    }
    ProblemResponses.send(ctx, problem,
        ctx.failure() instanceof ProblemException failure ? failure.extensions() : null);
  }

  private Problem problemOf(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (BAD_ESCAPE.matcher(ctx.request().path()).find()) {
      // Vert.x Web fails such a path while routing, as a 500 without the decoding exception.
      return ProblemType.INVALID_REQUEST.problem("the request path " + ctx.request().path()
          + " is not valid percent-encoding (a % must be followed by two hex digits)");
    }
    String query = ctx.request().query();
    if (query != null && BAD_ESCAPE.matcher(query).find()) {
      // Reading a query parameter throws on it, wherever a route reads one.
      return ProblemType.INVALID_REQUEST.problem("the query string " + query
          + " is not valid percent-encoding (a % must be followed by two hex digits)");
    }
    if (failure instanceof ProblemException pe) {
      return pe.problem();
    }
    if (failure instanceof DecodeException) {
      return ProblemType.MALFORMED_JSON.problem("request body is not valid JSON");
    }
    if (failure != null && !ctx.request().isEnded()) {
      // Routes only run once the body has been read, so this is the HTTP decoder refusing the body (bad chunking).
      return ProblemType.INVALID_REQUEST.problem("the request body could not be read as HTTP/1.1 ("
          + failure.getClass().getSimpleName() + ")");
    }
    String target = ctx.request().method() + " " + ctx.request().path();
    int status = ctx.statusCode();
    switch (status) {
      case 400:
        return ProblemType.INVALID_REQUEST.problem("the request could not be read");
      case 404:
        return ProblemType.NOT_FOUND.problem("no resource at " + target);
      case 405:
        return ProblemType.METHOD_NOT_ALLOWED.problem(ctx.request().method() + " is not allowed on "
            + ctx.request().path());
      case 406:
        return ProblemType.NOT_ACCEPTABLE.problem("no representation of " + ctx.request().path()
            + " matches the Accept header");
      case 413:
        return ProblemType.PAYLOAD_TOO_LARGE.problem("request body exceeds " + maxBodyBytes + " bytes");
      case 415:
        return ProblemType.UNSUPPORTED_MEDIA_TYPE.problem("expected a JSON body (Content-Type: application/json)");
      default:
        if (status >= 400 && status < 500) {
          String title = HttpResponseStatus.valueOf(status).reasonPhrase();
          return new Problem("about:blank", title, status, title + ": " + target);
        }
        log.error("[{}] {} failed", RequestIdHandler.of(ctx), target, failure);
        return ProblemType.INTERNAL.problem("an internal error occurred; quote request id "
            + RequestIdHandler.of(ctx));
    }
  }

  private String allowedMethods(String path) {
    Set<String> methods = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      if (route.getPath() != null && matches(route.getPath(), path) && route.methods() != null) {
        route.methods().stream().map(HttpMethod::name).forEach(methods::add);
      }
    }
    return String.join(", ", methods);
  }

  /** Whether {@code path} fits a route path, where a {@code :name} segment stands for any one segment. */
  private static boolean matches(String routePath, String path) {
    String[] expected = routePath.split("/", -1);
    String[] actual = path.split("/", -1);
    if (expected.length != actual.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      boolean parameter = expected[i].startsWith(":") && !actual[i].isEmpty();
      if (!parameter && !expected[i].equals(actual[i])) {
        return false;
      }
    }
    return true;
  }
}
