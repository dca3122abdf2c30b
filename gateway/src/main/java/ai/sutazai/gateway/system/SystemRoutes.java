package ai.sutazai.gateway.system;

import ai.sutazai.gateway.http.ProblemResponses;
import ai.sutazai.gateway.http.RequestIdHandler;
import ai.sutazai.verticles.inference.client.InferenceClient;
import ai.sutazai.gateway.storage.StorageClient;
import ai.sutazai.verticles.agents.AgentAddresses;
import ai.sutazai.verticles.bus.ServiceRequests;
import ai.sutazai.verticles.inference.InferenceAddresses;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * Liveness, readiness and status: {@code /api/v1/system/health} (the process runs),
 * {@code /ready} (the inference verticle answers and reaches Ollama, storage reaches PostgreSQL, the agents are
 * deployed; see {@link Readiness}), {@code /status} (the queue, with storage's own status, the agents by status and
 * the task bus) and {@code /metrics} (Prometheus text format, when SutazAI runs with metrics on).
 */
public final class SystemRoutes {

  /** How long readiness and status wait for the inference and storage verticles, whose own probes are short. */
  static final long READY_TIMEOUT_MS = 5_000;

  /** What a call to the agent supervisor fails with when nothing listens: a setup without agents. */
  static final Problem AGENTS_NOT_DEPLOYED =
      ProblemType.SERVICE_UNAVAILABLE.problem("the agent supervisor is not deployed");

  private final InferenceClient inference;
  private final StorageClient storage;
  private final ServiceRequests agents;

  public SystemRoutes(Vertx vertx, InferenceClient inference, StorageClient storage) {
    this.inference = inference;
    this.storage = storage;
    this.agents = new ServiceRequests(vertx, AGENTS_NOT_DEPLOYED);
  }

  public void mount(Router router) {
    getOrHead(router, "/api/v1/system/health").handler(ctx -> ctx.json(new JsonObject().put("status", "up")));
    getOrHead(router, "/api/v1/system/ready").handler(this::ready);
    router.get("/api/v1/system/status").handler(this::status);
    router.get("/metrics").handler(PrometheusScrapingHandler.create());
  }

  /** Probes use HEAD as well as GET; Vert.x leaves the body out of a HEAD response. */
  private static Route getOrHead(Router router, String path) {
    return router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD);
  }

  private void ready(RoutingContext ctx) {
    String requestId = RequestIdHandler.of(ctx);
    Future<JsonObject> queue = inference.ask(InferenceAddresses.STATUS, new JsonObject(), requestId, READY_TIMEOUT_MS);
    Future<JsonObject> stores = storage.ask(StorageAddresses.STATUS, new JsonObject(), requestId, READY_TIMEOUT_MS);
    Future<JsonObject> deployed = agents.ask(AgentAddresses.READINESS, new JsonObject(), requestId, READY_TIMEOUT_MS);
    Future.join(queue, stores, deployed).onComplete(v -> {
      Readiness readiness = new Readiness(queue, stores, deployed);
      JsonObject components = new JsonObject().put("components", readiness.components());
      if (readiness.ready()) {
        ctx.json(new JsonObject().put("status", "ready").mergeIn(components));
      } else {
        ProblemResponses.send(ctx, ProblemType.SERVICE_UNAVAILABLE.problem(readiness.why()), components);
      }
    });
  }

  private void status(RoutingContext ctx) {
    String requestId = RequestIdHandler.of(ctx);
    Future<JsonObject> queue = inference.ask(InferenceAddresses.STATUS, new JsonObject(), requestId);
    Future<JsonObject> stores = storage.ask(StorageAddresses.STATUS, new JsonObject(), requestId, READY_TIMEOUT_MS);
    Future<JsonObject> agentList = agents.ask(AgentAddresses.LIST, new JsonObject(), requestId, READY_TIMEOUT_MS);
    Future.join(queue, stores, agentList).onComplete(v -> {
      if (queue.failed()) {
        ctx.fail(queue.cause());
        return;
      }
      JsonObject storageStatus = stores.succeeded() ? stores.result()
          : new JsonObject().put("error", Problem.of(stores.cause()).detail());
      ctx.json(queue.result().copy()
          .put("storage", storageStatus)
          .put("agents", StatusSummary.agents(agentList))
          .put("tasks", StatusSummary.tasks(stores)));
    });
  }
}
