package ai.sutazai.gateway.auth;

import ai.sutazai.gateway.http.JsonBodies;
import ai.sutazai.gateway.http.JsonFields;
import ai.sutazai.gateway.http.RequestIdHandler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * API keys for programs (admin only, see {@link AccessTable}): {@code POST /api/v1/keys}
 * {@code {"name","role"}} answers 201 with the key, shown this once; {@code GET /api/v1/keys} lists
 * them without it; {@code DELETE /api/v1/keys/{id}} revokes one at once. A key acts for the subject
 * that created it, with the key's role.
 */
public final class KeyRoutes {

  static final String LIST = "/api/v1/keys";
  static final String ONE = "/api/v1/keys/:id";
  static final int MAX_NAME_LENGTH = 100;

  private static final Set<String> FIELDS = Set.of("name", "role");
  private static final List<String> ROLES = Arrays.stream(Role.values()).map(Role::wireName).toList();
  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final ApiKeys keys;
  private final JsonBodies bodies;

  public KeyRoutes(ApiKeys keys, JsonBodies bodies) {
    this.keys = keys;
    this.bodies = bodies;
  }

  public void mount(Router router) {
    bodies.route(router, HttpMethod.POST, LIST, JsonBodies.ContentTypes.JSON).handler(this::create);
    router.get(LIST).handler(this::list);
    router.delete(ONE).handler(this::revoke);
  }

  private void create(RoutingContext ctx) {
    JsonFields body = JsonFields.of(JsonBodies.read(ctx));
    body.json().fieldNames().stream().filter(field -> !FIELDS.contains(field)).sorted().findFirst()
        .ifPresent(field -> {
          throw body.invalid(field, "is not a field of a key (name, role)");
        });
    String name = body.requiredString("name").trim();
    if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
      throw body.invalid("name", "must be at most " + MAX_NAME_LENGTH + " characters");
    }
    if (body.optionalString("role") == null) {
      throw body.invalid("role", "is required (one of " + String.join(", ", ROLES) + ")");
    }
    Role role = Role.fromWire(body.optionalChoice("role", ROLES)).orElseThrow();
    keys.create(Caller.of(ctx).subject(), name, role, RequestIdHandler.of(ctx))
        .onSuccess(created -> ctx.response().setStatusCode(201)
            .putHeader("Location", LIST + "/" + created.getString("id")))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    keys.list(RequestIdHandler.of(ctx)).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void revoke(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!UUID.matcher(id).matches()) {
      throw JsonFields.invalidAt("path parameter id", "must be a key id (a UUID), got \"" + id + "\"");
    }
    keys.revoke(id.toLowerCase(Locale.ROOT), RequestIdHandler.of(ctx))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }
}
