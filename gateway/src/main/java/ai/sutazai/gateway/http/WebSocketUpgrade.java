package ai.sutazai.gateway.http;

import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns an authenticated request into a WebSocket; a plain request gets 400 with {@code Upgrade: websocket}. */
public final class WebSocketUpgrade {

  private static final Logger log = LoggerFactory.getLogger(WebSocketUpgrade.class);

  private WebSocketUpgrade() {
  }

  /** Upgrades the request and hands the socket to {@code onOpen}; a failed handshake is logged. */
  public static void accept(RoutingContext ctx, Handler<ServerWebSocket> onOpen) {
    String requestId = RequestIdHandler.of(ctx);
    if (!ctx.request().canUpgradeToWebSocket()) {
      ctx.response().putHeader(HttpHeaders.UPGRADE, "websocket");
      ProblemResponses.send(ctx, ProblemType.INVALID_REQUEST.problem(ctx.request().path()
          + " expects a WebSocket upgrade"));
      return;
    }
    ctx.request().toWebSocket()
        .onSuccess(onOpen)
        .onFailure(e -> log.info("[{}] WebSocket handshake failed: {}", requestId, e.getMessage()));
  }
}
