package ai.sutazai.gateway.system;

import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.AsyncResult;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the platform can serve, from the STATUS replies of the inference and storage verticles:
 * ready needs the inference verticle, Ollama and PostgreSQL up; a cache that is down is reported
 * but does not stop readiness.
 */
final class Readiness {

  private final JsonObject components = new JsonObject();
  private final List<String> reasons = new ArrayList<>();

  Readiness(AsyncResult<JsonObject> inference, AsyncResult<JsonObject> storage) {
    inference(inference);
    storage(storage);
  }

  boolean ready() {
    return reasons.isEmpty();
  }

  /** Each component's state: inference, ollama (when inference answered), postgres and cache. */
  JsonObject components() {
    return components;
  }

  /** Why the platform is not ready, one reason per component that is down. */
  String why() {
    return String.join("; ", reasons);
  }

  private void inference(AsyncResult<JsonObject> status) {
    if (status.failed()) {
      String detail = Problem.of(status.cause()).detail();
      components.put("inference", down(detail));
      reasons.add("inference does not answer: " + detail);
      return;
    }
    JsonObject ollama = status.result().getJsonObject("ollama", new JsonObject());
    components.put("inference", new JsonObject().put("status", "up")).put("ollama", ollama);
    if (!ollama.getBoolean("reachable", false)) {
      reasons.add("ollama does not answer at " + ollama.getString("url", "its configured URL") + ": "
          + ollama.getString("error", "unreachable"));
    }
  }

  private void storage(AsyncResult<JsonObject> status) {
    if (status.failed()) {
      String detail = Problem.of(status.cause()).detail();
      components.put("postgres", down(detail)).put("cache", down(detail));
      reasons.add("storage does not answer: " + detail);
      return;
    }
    JsonObject postgres = status.result().getJsonObject("postgres", down("storage did not report postgres"));
    components.put("postgres", postgres)
        .put("cache", status.result().getJsonObject("cache", down("storage did not report the cache")));
    if (!"up".equals(postgres.getString("status"))) {
      reasons.add("postgres is down" + (postgres.getString("error") == null ? "" : ": " + postgres.getString("error")));
    }
  }

  private static JsonObject down(String error) {
    return new JsonObject().put("status", "down").put("error", error);
  }
}
