package ai.sutazai.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers every gateway response carries. Everything the gateway serves is an API answer for one
 * caller (JSON, problem+json, SSE, NDJSON, Prometheus text), never a page: browsers must not sniff
 * another content type, frame it, cache or store it, or send it as a referrer. HSTS is left to the
 * operator's proxy, since a self-hosted SutazAI often runs on localhost, where it would pin every
 * other local service to HTTPS.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {

  public static final String NO_STORE = "no-store";

  @Override
  public void handle(RoutingContext ctx) {
    apply(ctx.response());
    ctx.next();
  }

  /** Sets the headers on a response that has not started; also used for answers given before routing. */
  public static void apply(HttpServerResponse response) {
    if (response.headWritten()) {
      return;
    }
    response.putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Cache-Control", NO_STORE);
  }
}
