package ai.sutazai.gateway.http;

import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers requests the HTTP decoder could not read (a request line or headers over Netty's limits,
 * a broken header line, conflicting lengths) with problem+json like every other mistake, instead
 * of Vert.x's bare status line; the server closes the connection after the answer.
 */
public final class UndecodableRequestHandler implements Handler<HttpServerRequest> {

  private static final Logger log = LoggerFactory.getLogger(UndecodableRequestHandler.class);

  @Override
  public void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    Problem problem = problemOf(cause);
    String requestId = RequestIdHandler.accept(null);
    log.info("[{}] undecodable request: {} {}", requestId, problem.status(), problem.detail());
    request.response()
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, ProblemResponses.CONTENT_TYPE)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .putHeader(RequestIdHandler.HEADER, requestId)
        .end(ProblemResponses.body(problem, requestId, null).encode());
  }

  private static Problem problemOf(Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return new Problem("about:blank", "URI Too Long", 414, "the request line is longer than the server accepts");
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return new Problem("about:blank", "Request Header Fields Too Large", 431,
          "the request headers are larger than the server accepts");
    }
    return ProblemType.INVALID_REQUEST.problem("the request is not valid HTTP/1.1");
  }
}
