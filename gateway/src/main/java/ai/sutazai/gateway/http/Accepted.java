package ai.sutazai.gateway.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The answer to a request whose work goes on after it: 202 with the new record's {@code Location}, {@code {"id", "status"}}. */
public final class Accepted {

  private Accepted() {
  }

  /** Answers 202 for {@code record} (with {@code id} and {@code status}), found under {@code collection}/{id}. */
  public static void send(RoutingContext ctx, String collection, JsonObject record) {
    String id = record.getString("id");
    ctx.response().setStatusCode(202).putHeader("Location", collection + "/" + id);
    ctx.json(new JsonObject().put("id", id).put("status", record.getString("status")));
  }
}
