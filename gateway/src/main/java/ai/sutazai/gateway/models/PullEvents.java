package ai.sutazai.gateway.models;

import ai.sutazai.gateway.http.ProblemResponses;
import ai.sutazai.gateway.stream.StreamDialect;
import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.json.JsonObject;

/** A model pull as SSE: {@code progress} frames (status, completed, total), then {@code done} or {@code error}. */
final class PullEvents implements StreamDialect {

  private final String model;

  PullEvents(String model) {
    this.model = model;
  }

  @Override
  public String progress(JsonObject event) {
    JsonObject data = new JsonObject().put("status", event.getString("status", ""));
    for (String field : new String[] {"digest", "completed", "total"}) {
      if (event.getValue(field) != null) {
        data.put(field, event.getValue(field));
      }
    }
    return StreamDialect.sseEvent("progress", data);
  }

  @Override
  public String done(JsonObject event) {
    return StreamDialect.sseEvent("done", success(model));
  }

  /** What a finished pull reports, as the {@code done} event or the whole non-streaming answer. */
  static JsonObject success(String model) {
    return new JsonObject().put("status", "success").put("model", model);
  }

  @Override
  public String error(Problem problem, String requestId) {
    return StreamDialect.sseEvent("error", ProblemResponses.body(problem, requestId, null));
  }
}
