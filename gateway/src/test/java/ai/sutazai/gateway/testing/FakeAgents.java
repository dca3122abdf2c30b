package ai.sutazai.gateway.testing;

import ai.sutazai.verticles.agents.AgentAddresses;
import ai.sutazai.verticles.bus.BusMessages;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A stand-in for the agent runtime on the real event bus: it serves the supervisor's and the workflows' addresses
 * of {@link AgentAddresses} as their contract says, with one agent {@value #AGENT} ({@value #CAPABILITY}), records
 * every request, and can be told to fail an address with a problem object (extension members included), the way
 * the supervisor refuses a change.
 */
public final class FakeAgents {

  public static final String AGENT = "ag-001";
  public static final String CAPABILITY = "code_review";

  private final Vertx vertx;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private final Map<String, List<JsonObject>> calls = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> failures = new ConcurrentHashMap<>();

  private FakeAgents(Vertx vertx) {
    this.vertx = vertx;
  }

  public static Future<FakeAgents> start(Vertx vertx) {
    FakeAgents fake = new FakeAgents(vertx);
    fake.listen(AgentAddresses.LIST, body -> new JsonObject().put("agents", new JsonArray().add(status(AGENT))));
    fake.listen(AgentAddresses.GET, body -> status(body.getString("id")));
    fake.listen(AgentAddresses.CREATE, body -> status(body.getJsonObject("agent").getString("id")));
    fake.listen(AgentAddresses.UPDATE, body -> status(body.getString("id")));
    fake.listen(AgentAddresses.DELETE, body -> new JsonObject());
    fake.listen(AgentAddresses.REDEPLOY, body -> status(body.getString("id")));
    fake.listen(AgentAddresses.RELOAD, body -> new JsonObject().put("added", new JsonArray())
        .put("removed", new JsonArray()).put("changed", new JsonArray().add(AGENT)));
    fake.listen(AgentAddresses.ROUTE, fake::route);
    fake.listen(AgentAddresses.WORKFLOW_START, body -> new JsonObject().put("id", UUID.randomUUID().toString())
        .put("status", "planning"));
    fake.listen(AgentAddresses.WORKFLOW_GET, body -> new JsonObject().put("id", body.getString("id"))
        .put("goal", "ship it").put("status", "planning").put("plan", null).put("steps", new JsonArray())
        .put("answer", null).put("error", null));
    return Future.all(fake.consumers.stream().map(MessageConsumer::completion).toList()).map(fake);
  }

  /** Unregisters every address, as if the agent runtime were not deployed. */
  public Future<Void> stop() {
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }

  /** Makes every following request to {@code address} fail with this problem object (its status as the code). */
  public FakeAgents failing(String address, JsonObject problem) {
    failures.put(address, problem);
    return this;
  }

  /** The bodies of the requests received at {@code address}, in order. */
  public List<JsonObject> calls(String address) {
    return calls.getOrDefault(address, List.of());
  }

  /** An agent's status as the supervisor replies it. */
  public static JsonObject status(String id) {
    return new JsonObject().put("id", id).put("name", "code-reviewer").put("type", "development")
        .put("status", "running").put("instances", 1).put("in_flight", 0).put("completed", 0).put("failed", 0)
        .put("deployed_at", "2025-01-01T00:00:00Z").put("deployment_id", "d-1").put("error", null)
        .put("definition", new JsonObject().put("id", id));
  }

  private JsonObject route(JsonObject body) {
    String agent = body.getString("agent");
    if (agent != null && !agent.equals(AGENT)) {
      throw new StorageContract.Refusal(ProblemType.NOT_FOUND.problem("no agent has the id or name " + agent));
    }
    if (!CAPABILITY.equals(body.getString("type"))) {
      throw new StorageContract.Refusal(unprocessable("no agent takes tasks of type " + body.getString("type")));
    }
    return new JsonObject().put("agent", AGENT).put("type", "development");
  }

  /** A 422 problem, as the agent runtime refuses what it cannot take. */
  public static Problem unprocessable(String detail) {
    return new Problem("urn:sutazai:problem:unprocessable", "Unprocessable content", 422, detail);
  }

  private void listen(String address, UnaryOperator<JsonObject> reply) {
    consumers.add(vertx.eventBus().<JsonObject>consumer(address, message -> {
      calls.computeIfAbsent(address, a -> new CopyOnWriteArrayList<>()).add(message.body().copy());
      JsonObject failure = failures.get(address);
      if (failure != null) {
        message.fail(failure.getInteger("status"), failure.encode());
        return;
      }
      try {
        message.reply(reply.apply(message.body()));
      } catch (StorageContract.Refusal refusal) {
        BusMessages.fail(message, refusal.problem());
      }
    }));
  }
}
