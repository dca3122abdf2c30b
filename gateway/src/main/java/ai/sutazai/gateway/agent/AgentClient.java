package ai.sutazai.gateway.agent;

import ai.sutazai.verticles.bus.ServiceRequests;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The gateway's way to the agent runtime ({@link ai.sutazai.verticles.agents.AgentAddresses}: the supervisor and
 * the workflows): event-bus requests that carry the request id and fail with the runtime's problem, its extension
 * members (such as {@code errors}) kept, or 503 {@code service-unavailable} when the runtime is not running.
 */
public final class AgentClient {

  /** How long a question (list, get, route, workflows) may take before it answers 504. */
  public static final long TIMEOUT_MS = 10_000;
  /** How long a change that deploys or drains agents (create, update, delete, redeploy, reload) may take. */
  public static final long CHANGE_TIMEOUT_MS = 60_000;

  private static final Problem NOT_RUNNING =
      ProblemType.SERVICE_UNAVAILABLE.problem("the agent runtime is not running");

  private final ServiceRequests requests;

  public AgentClient(Vertx vertx) {
    this.requests = new ServiceRequests(vertx, NOT_RUNNING);
  }

  /** Asks an agent runtime address and gets its JSON reply ({@code {}} for an empty one). */
  public Future<JsonObject> ask(String address, JsonObject body, String requestId, long timeoutMs) {
    return requests.ask(address, body, requestId, timeoutMs);
  }

  public Future<JsonObject> ask(String address, JsonObject body, String requestId) {
    return ask(address, body, requestId, TIMEOUT_MS);
  }
}
