package ai.sutazai.agents.runtime;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The results of the tasks a task depends on, read from storage: each task id to {@code {"type", "result"}}. */
final class DependencyInputs {

  private static final String COMPLETED = "completed";

  private DependencyInputs() {
  }

  /** The inputs of {@code task}; fails when a task it depends on has not completed. */
  static Future<JsonObject> of(JsonObject task, TaskStore tasks) {
    JsonArray dependsOn = task.getJsonArray("depends_on");
    if (dependsOn == null || dependsOn.isEmpty()) {
      return Future.succeededFuture(new JsonObject());
    }
    List<Future<JsonObject>> reads = dependsOn.stream().map(id -> tasks.get((String) id)).toList();
    return Future.all(reads).map(all -> {
      JsonObject inputs = new JsonObject();
      for (Future<JsonObject> read : reads) {
        JsonObject dependency = read.result();
        if (!COMPLETED.equals(dependency.getString("status"))) {
          throw new IllegalStateException("task " + dependency.getString("id") + ", which task "
              + task.getString("id") + " depends on, is " + dependency.getString("status") + ", not completed");
        }
        inputs.put(dependency.getString("id"), new JsonObject()
            .put("type", dependency.getString("type"))
            .put("result", dependency.getJsonObject("result")));
      }
      return inputs;
    });
  }
}
