package ai.sutazai.gateway.audit;

import ai.sutazai.gateway.auth.AuthenticationHandler;
import ai.sutazai.gateway.auth.Caller;
import ai.sutazai.gateway.http.RequestIdHandler;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Optional;

/**
 * Records, once its response has ended, every request that performs an {@link AuditedActions audited action}
 * and every request authentication refused. Installed before authentication, so it sees the 401s too; the
 * row is written after the response, so it never delays it.
 *
 * <p>A row holds the time, the caller's subject and role (none for a refused credential), the action, its
 * target (a path segment or a named body field, never a header, query string or secret), the outcome
 * ({@code success} for 2xx, {@code denied} for 401 and 403, {@code failure} otherwise), the request id, the
 * client's address and a detail with the HTTP status.
 */
public final class AuditRecorder implements Handler<RoutingContext> {

  /** The action of a request authentication refused. */
  public static final String AUTH_FAILURE_ACTION = "auth.failure";

  private static final String TARGET = "sutazai.audit.target";

  private final AuditWriter writer;

  public AuditRecorder(AuditWriter writer) {
    this.writer = writer;
  }

  /** Names the target of this request's audit row, for a route whose target is known only once it is done. */
  public static void target(RoutingContext ctx, String target) {
    ctx.put(TARGET, target);
  }

  @Override
  public void handle(RoutingContext ctx) {
    Optional<AuditedAction> action = AuditedActions.of(ctx);
    ctx.addEndHandler(ended -> {
      JsonObject row = row(ctx, action, ended);
      if (row != null) {
        writer.write(row);
      }
    });
    ctx.next();
  }

  /** The row of a request that ended, or null when it is neither audited nor refused by authentication. */
  private static JsonObject row(RoutingContext ctx, Optional<AuditedAction> action, AsyncResult<Void> ended) {
    Object reason = ctx.get(AuthenticationHandler.FAILURE_KEY);
    if (reason == null && action.isEmpty()) {
      return null;
    }
    int status = ctx.response().getStatusCode();
    JsonObject detail = new JsonObject().put("status", status);
    if (ended.failed()) {
      detail.put("completed", false);
    }
    JsonObject row = new JsonObject()
        .put("at", Instant.now().toString())
        .put("request_id", RequestIdHandler.of(ctx))
        .put("client_address", clientAddress(ctx))
        .put("detail", detail);
    if (reason != null) {
      detail.put("reason", AuditedAction.bounded(String.valueOf(reason)));
      return row.put("action", AUTH_FAILURE_ACTION)
          .put("target", AuditedAction.bounded(ctx.request().method().name() + " " + ctx.normalizedPath()))
          .put("outcome", "denied");
    }
    Caller caller = Caller.of(ctx);
    String target = ctx.get(TARGET);
    return row.put("action", action.get().action())
        .put("subject", AuditedAction.bounded(caller.subject()))
        .put("role", caller.role().wireName())
        .put("target", target != null ? AuditedAction.bounded(target) : action.get().target(ctx))
        .put("outcome", outcome(status));
  }

  static String outcome(int status) {
    if (status >= 200 && status < 300) {
      return "success";
    }
    return status == 401 || status == 403 ? "denied" : "failure";
  }

  private static String clientAddress(RoutingContext ctx) {
    SocketAddress remote = ctx.request().remoteAddress();
    if (remote == null) {
      return null;
    }
    return remote.hostAddress() != null ? remote.hostAddress() : remote.toString();
  }
}
