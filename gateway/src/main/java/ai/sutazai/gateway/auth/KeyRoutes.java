package ai.sutazai.gateway.auth;

import ai.sutazai.gateway.audit.AuditRecorder;
import ai.sutazai.gateway.http.JsonBodies;
import ai.sutazai.gateway.http.RequestIdHandler;
import ai.sutazai.gateway.validation.BodySchema;
import ai.sutazai.gateway.validation.ValueSchema;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * API keys for programs (admin only, see {@link AccessTable}): {@code POST /api/v1/keys}
 * {@code {"name","role"}} answers 201 with the key, shown this once; {@code GET /api/v1/keys} lists
 * them without it; {@code DELETE /api/v1/keys/{id}} revokes one at once. A key acts for the subject
 * that created it, with the key's role.
 */
public final class KeyRoutes {

  static final String LIST = "/api/v1/keys";
  static final String ONE = "/api/v1/keys/:id";

  private final ApiKeys keys;
  private final JsonBodies bodies;

  public KeyRoutes(ApiKeys keys, JsonBodies bodies) {
    this.keys = keys;
    this.bodies = bodies;
  }

  public void mount(Router router) {
    bodies.route(router, HttpMethod.POST, LIST, JsonBodies.ContentTypes.JSON, BodySchema.KEY_CREATE)
        .handler(this::create);
    router.get(LIST).handler(this::list);
    router.delete(ONE).handler(this::revoke);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = JsonBodies.read(ctx);
    String name = body.getString("name").trim();
    Role role = Role.fromWire(body.getString("role")).orElseThrow();
    keys.create(Caller.of(ctx).subject(), name, role, RequestIdHandler.of(ctx))
        .onSuccess(created -> AuditRecorder.target(ctx, created.getString("id")))
        .onSuccess(created -> ctx.response().setStatusCode(201)
            .putHeader("Location", LIST + "/" + created.getString("id")))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    keys.list(RequestIdHandler.of(ctx)).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void revoke(RoutingContext ctx) {
    String id = ValueSchema.KEY_ID.check(ctx.pathParam("id"), "path parameter id").toLowerCase(Locale.ROOT);
    keys.revoke(id, RequestIdHandler.of(ctx))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }
}
