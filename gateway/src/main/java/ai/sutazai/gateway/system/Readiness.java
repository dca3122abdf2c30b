package ai.sutazai.gateway.system;

import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.AsyncResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the platform can serve, from the STATUS replies of the inference and storage verticles and the agent
 * supervisor's READINESS: ready needs the inference verticle, Ollama and PostgreSQL up, and the agents deployed once
 * when a supervisor runs. A cache or a task bus that is down is reported but does not stop readiness (chats are
 * served without the cache; new tasks wait in the outbox until the task bus is back), nor does the absence of an
 * agent supervisor (a setup without agents).
 */
final class Readiness {

  private final JsonObject components = new JsonObject();
  private final List<String> reasons = new ArrayList<>();

  Readiness(AsyncResult<JsonObject> inference, AsyncResult<JsonObject> storage, AsyncResult<JsonObject> agents) {
    inference(inference);
    storage(storage);
    agents(agents);
  }

  boolean ready() {
    return reasons.isEmpty();
  }

  /**
   * Each component's state: inference, ollama (when inference answered), postgres, cache, task_bus (when storage
   * reports it) and agents.
   */
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
    JsonObject taskBus = status.result().getJsonObject("task_bus");
    if (taskBus != null) {
      components.put("task_bus", taskBus.copy().put("status", "unavailable".equals(taskBus.getString("state"))
          ? "down" : "up"));
    }
  }

  private void agents(AsyncResult<JsonObject> readiness) {
    if (readiness.failed()) {
      Problem problem = Problem.of(readiness.cause());
      if (problem.equals(SystemRoutes.AGENTS_NOT_DEPLOYED)) {
        components.put("agents", new JsonObject().put("status", "not deployed"));
      } else {
        components.put("agents", down(problem.detail()));
        reasons.add("the agent supervisor does not answer: " + problem.detail());
      }
      return;
    }
    JsonObject reply = readiness.result();
    boolean ready = reply.getBoolean("ready", false);
    components.put("agents", new JsonObject()
        .put("status", ready ? "up" : "starting")
        .put("agents", reply.getInteger("agents"))
        .put("running", reply.getInteger("running"))
        .put("failed", reply.getJsonArray("failed", new JsonArray())));
    if (!ready) {
      reasons.add("agents are still being deployed (" + reply.getInteger("running", 0) + " of "
          + reply.getInteger("agents", 0) + " running)");
    }
  }

  private static JsonObject down(String error) {
    return new JsonObject().put("status", "down").put("error", error);
  }
}
