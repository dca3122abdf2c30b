package ai.sutazai.gateway.conversation;

import ai.sutazai.gateway.RouteSupport;
import ai.sutazai.gateway.http.JsonBodies;
import ai.sutazai.gateway.http.PageCursor;
import ai.sutazai.gateway.http.PageLimit;
import ai.sutazai.gateway.http.RequestIdHandler;
import ai.sutazai.gateway.http.RequestOwner;
import ai.sutazai.gateway.validation.BodySchema;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The stored conversations of the request's owner: {@code GET /api/v1/conversations} (a page, with
 * {@code cursor} and {@code limit}), and {@code GET}, {@code PATCH} (rename) and {@code DELETE} on
 * {@code /api/v1/conversations/{id}}. Ids, parameters and the rename body (only {@code title}, 1 to
 * 200 characters, not blank) are checked before storage is asked.
 */
public final class ConversationRoutes {

  static final String LIST = "/api/v1/conversations";
  static final String ONE = "/api/v1/conversations/:id";

  private final Conversations conversations;
  private final JsonBodies bodies;

  public ConversationRoutes(RouteSupport support) {
    this.conversations = support.conversations();
    this.bodies = support.bodies();
  }

  public void mount(Router router) {
    router.get(LIST).handler(this::list);
    router.get(ONE).handler(this::get);
    bodies.route(router, HttpMethod.PATCH, ONE, JsonBodies.ContentTypes.JSON, BodySchema.CONVERSATION_RENAME)
        .handler(this::rename);
    router.delete(ONE).handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    String cursor = PageCursor.of(ctx.request().getParam("cursor"));
    Integer limit = PageLimit.of(ctx.request().getParam("limit"));
    conversations.list(RequestOwner.of(ctx), cursor, limit, RequestIdHandler.of(ctx))
        .onSuccess(page -> ctx.json(new JsonObject()
            .put("conversations", page.getJsonArray("conversations", new JsonArray()))
            .put("next_cursor", page.getValue("next_cursor"))))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    conversations.get(RequestOwner.of(ctx), id(ctx), RequestIdHandler.of(ctx))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void rename(RoutingContext ctx) {
    String id = id(ctx);
    String title = JsonBodies.read(ctx).getString("title");
    conversations.rename(RequestOwner.of(ctx), id, title, RequestIdHandler.of(ctx))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    conversations.delete(RequestOwner.of(ctx), id(ctx), RequestIdHandler.of(ctx))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private static String id(RoutingContext ctx) {
    return ConversationId.require(ctx.pathParam("id"), "path parameter id");
  }
}
