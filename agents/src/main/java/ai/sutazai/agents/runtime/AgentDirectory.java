package ai.sutazai.agents.runtime;

import ai.sutazai.verticles.agents.AgentAddresses;
import ai.sutazai.verticles.bus.ServiceRequests;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The supervisor's answers the runtime needs: which agent takes a task type, and the agents running now. */
public final class AgentDirectory {

  static final long TIMEOUT_MS = 30_000;
  private static final String RUNNING = "running";

  private final ServiceRequests requests;

  public AgentDirectory(Vertx vertx) {
    this.requests = new ServiceRequests(vertx,
        ProblemType.SERVICE_UNAVAILABLE.problem("the agent supervisor is not running"));
  }

  /** The id of the agent a new task of {@code type} goes to ({@link AgentAddresses#ROUTE}). */
  public Future<String> route(String type, String requestId) {
    return requests.ask(AgentAddresses.ROUTE, new JsonObject().put("type", type), requestId, TIMEOUT_MS)
        .map(reply -> reply.getString("agent"));
  }

  /** The definitions, in the catalogue's format, of the agents whose status is running, in id order. */
  public Future<JsonArray> runningDefinitions(String requestId) {
    return requests.ask(AgentAddresses.LIST, new JsonObject(), requestId, TIMEOUT_MS).map(reply -> {
      JsonArray definitions = new JsonArray();
      reply.getJsonArray("agents", new JsonArray()).stream()
          .map(JsonObject.class::cast)
          .filter(status -> RUNNING.equals(status.getString("status")))
          .forEach(status -> definitions.add(status.getJsonObject("definition")));
      return definitions;
    });
  }
}
