package ai.sutazai.gateway.audit;

import ai.sutazai.gateway.http.RequestIdHandler;
import ai.sutazai.gateway.storage.StorageClient;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/audit}: the audit log newest first, filtered by {@code subject}, {@code action},
 * {@code outcome}, {@code since} (included) and {@code until} (excluded), in pages of {@code limit} (1..200,
 * default 50) continued with {@code cursor}. Admins only; the access table says so.
 */
public final class AuditRoutes {

  static final String PATH = "/api/v1/audit";

  private final StorageClient storage;

  public AuditRoutes(StorageClient storage) {
    this.storage = storage;
  }

  public void mount(Router router) {
    router.get(PATH).handler(this::list);
  }

  private void list(RoutingContext ctx) {
    JsonObject request = AuditQuery.read(ctx.queryParams());
    storage.ask(StorageAddresses.AUDIT_LIST, request, RequestIdHandler.of(ctx))
        .onSuccess(page -> ctx.json(new JsonObject()
            .put("entries", page.getJsonArray("entries", new JsonArray()))
            .put("next_cursor", page.getValue("next_cursor"))))
        .onFailure(ctx::fail);
  }
}
