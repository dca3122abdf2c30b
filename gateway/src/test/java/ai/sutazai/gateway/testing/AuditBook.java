package ai.sutazai.gateway.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The audit log as {@link FakeStorage} keeps it: rows in arrival order, listed newest first with the equality
 * filters {@code subject}, {@code action} and {@code outcome}, a {@code limit} (50 by default) and a cursor that
 * is the position after the last row of the previous page.
 */
final class AuditBook {

  private final List<JsonObject> rows = new CopyOnWriteArrayList<>();

  JsonObject append(JsonObject row) {
    long id = rows.size() + 1L;
    rows.add(row.copy().put("id", id));
    return new JsonObject().put("id", id);
  }

  List<JsonObject> rows() {
    return List.copyOf(rows);
  }

  JsonObject list(JsonObject request) {
    List<JsonObject> matching = new ArrayList<>();
    for (int i = rows.size() - 1; i >= 0; i--) {
      JsonObject row = rows.get(i);
      if (matches(request, row, "subject") && matches(request, row, "action") && matches(request, row, "outcome")) {
        matching.add(row);
      }
    }
    int from = request.getString("cursor") == null ? 0 : Integer.parseInt(request.getString("cursor").substring(1));
    int limit = request.getInteger("limit", 50);
    int to = Math.min(matching.size(), from + limit);
    JsonArray entries = new JsonArray();
    matching.subList(Math.min(from, to), to).forEach(entries::add);
    return new JsonObject().put("entries", entries).put("next_cursor", to < matching.size() ? "p" + to : null);
  }

  private static boolean matches(JsonObject request, JsonObject row, String field) {
    String wanted = request.getString(field);
    return wanted == null || wanted.equals(row.getString(field));
  }
}
