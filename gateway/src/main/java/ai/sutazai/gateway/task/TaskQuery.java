package ai.sutazai.gateway.task;

import ai.sutazai.gateway.http.InvalidField;
import ai.sutazai.gateway.http.PageCursor;
import ai.sutazai.gateway.http.PageLimit;
import ai.sutazai.gateway.validation.ValueSchema;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The query of {@code GET /api/v1/tasks} ({@code status}, {@code agent}, {@code cursor}, {@code limit}), checked
 * and turned into the body of {@link ai.sutazai.verticles.storage.StorageAddresses#TASK_LIST} without the owner.
 * A parameter that is unknown, repeated or malformed fails with a 400 problem naming it.
 */
final class TaskQuery {

  /** Every status a task can have, in the order a task goes through them. */
  static final List<String> STATUSES =
      List.of("pending", "queued", "running", "completed", "failed", "dead", "cancelled");
  private static final List<String> PARAMETERS = List.of("status", "agent", "cursor", "limit");

  private TaskQuery() {
  }

  static JsonObject read(MultiMap params) {
    for (String name : params.names()) {
      if (!PARAMETERS.contains(name)) {
        throw InvalidField.at("query parameter " + name, "is not known; tasks are filtered by "
            + String.join(", ", PARAMETERS));
      }
      if (params.getAll(name).size() > 1) {
        throw InvalidField.at("query parameter " + name, "must be given at most once");
      }
    }
    JsonObject request = new JsonObject();
    String status = params.get("status");
    if (status != null) {
      if (!STATUSES.contains(status)) {
        throw InvalidField.at("query parameter status", "must be one of " + String.join(", ", STATUSES)
            + ", got \"" + (status.length() > 40 ? status.substring(0, 40) + "..." : status) + "\"");
      }
      request.put("status", status);
    }
    String agent = params.get("agent");
    if (agent != null) {
      request.put("agent", ValueSchema.AGENT_ID.check(agent, "query parameter agent"));
    }
    String cursor = PageCursor.of(params.get("cursor"));
    if (cursor != null) {
      request.put("cursor", cursor);
    }
    Integer limit = PageLimit.of(params.get("limit"));
    if (limit != null) {
      request.put("limit", limit);
    }
    return request;
  }
}
