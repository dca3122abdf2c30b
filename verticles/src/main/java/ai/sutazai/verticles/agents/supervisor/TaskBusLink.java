package ai.sutazai.verticles.agents.supervisor;

import ai.sutazai.verticles.agents.AgentDefinition;
import ai.sutazai.verticles.bus.ServiceRequests;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** The supervisor's calls to the task bus: start and stop handing an agent its tasks. */
final class TaskBusLink {

  /** Added to an agent's timeout for how long the task bus waits for a delivery to be settled. */
  static final long SETTLE_MARGIN_MS = 10_000;
  /** The most tasks the task bus hands one agent at once. */
  static final int MAX_CONCURRENCY = 1000;

  private static final long REQUEST_TIMEOUT_MS = 10_000;

  private final ServiceRequests storage;

  TaskBusLink(Vertx vertx) {
    this.storage = new ServiceRequests(vertx,
        ProblemType.STORAGE_UNAVAILABLE.problem("the task bus (storage) is not running"));
  }

  /** Asks the task bus to hand {@code agent}'s tasks to its deployment. */
  Future<Void> consume(AgentDefinition agent) {
    return storage.ask(StorageAddresses.TASK_BUS_CONSUME, consumeRequest(agent), requestId(agent.id()),
        REQUEST_TIMEOUT_MS).mapEmpty();
  }

  /** Asks the task bus to stop handing out the agent's tasks; those handed out still settle. */
  Future<Void> stop(String agentId) {
    return storage.ask(StorageAddresses.TASK_BUS_STOP, new JsonObject().put("agent", agentId), requestId(agentId),
        REQUEST_TIMEOUT_MS).mapEmpty();
  }

  /**
   * {@code {"agent", "type", "concurrency", "timeout_ms"}}: every instance's tasks at once (at most
   * {@value #MAX_CONCURRENCY}), and the agent's timeout plus {@value #SETTLE_MARGIN_MS} ms to settle each.
   */
  static JsonObject consumeRequest(AgentDefinition agent) {
    return new JsonObject()
        .put("agent", agent.id())
        .put("type", agent.type().id())
        .put("concurrency", Math.min(MAX_CONCURRENCY, agent.instances() * agent.maxConcurrentTasks()))
        .put("timeout_ms", agent.timeoutSeconds() * 1000L + SETTLE_MARGIN_MS);
  }

  private static String requestId(String agentId) {
    return "agent-supervisor:" + agentId;
  }
}
