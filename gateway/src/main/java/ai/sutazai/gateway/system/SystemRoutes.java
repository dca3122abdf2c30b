package ai.sutazai.gateway.system;

import ai.sutazai.gateway.http.ProblemResponses;
import ai.sutazai.gateway.http.RequestIdHandler;
import ai.sutazai.gateway.inference.InferenceClient;
import ai.sutazai.verticles.inference.InferenceAddresses;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Liveness, readiness and queue status: {@code /api/v1/system/health} (the process runs),
 * {@code /ready} (the inference verticle answers and reaches Ollama) and {@code /status}.
 */
public final class SystemRoutes {

  /** How long readiness waits for the inference verticle, whose own Ollama probe is short. */
  static final long READY_TIMEOUT_MS = 5_000;

  private final InferenceClient inference;

  public SystemRoutes(InferenceClient inference) {
    this.inference = inference;
  }

  public void mount(Router router) {
    getOrHead(router, "/api/v1/system/health").handler(ctx -> ctx.json(new JsonObject().put("status", "up")));
    getOrHead(router, "/api/v1/system/ready").handler(this::ready);
    router.get("/api/v1/system/status").handler(this::status);
  }

  /** Probes use HEAD as well as GET; Vert.x leaves the body out of a HEAD response. */
  private static Route getOrHead(Router router, String path) {
    return router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD);
  }

  private void ready(RoutingContext ctx) {
    inference.ask(InferenceAddresses.STATUS, new JsonObject(), RequestIdHandler.of(ctx), READY_TIMEOUT_MS)
        .onSuccess(status -> {
          JsonObject ollama = status.getJsonObject("ollama", new JsonObject());
          JsonObject components = new JsonObject()
              .put("inference", new JsonObject().put("status", "up"))
              .put("ollama", ollama);
          if (ollama.getBoolean("reachable", false)) {
            ctx.json(new JsonObject().put("status", "ready").put("components", components));
          } else {
            ProblemResponses.send(ctx, ProblemType.SERVICE_UNAVAILABLE.problem("ollama does not answer at "
                    + ollama.getString("url", "its configured URL") + ": " + ollama.getString("error", "unreachable")),
                new JsonObject().put("components", components));
          }
        })
        .onFailure(failure -> {
          Problem cause = Problem.of(failure);
          JsonObject components = new JsonObject()
              .put("inference", new JsonObject().put("status", "down").put("error", cause.detail()));
          ProblemResponses.send(ctx, ProblemType.SERVICE_UNAVAILABLE.problem("inference does not answer: "
              + cause.detail()), new JsonObject().put("components", components));
        });
  }

  private void status(RoutingContext ctx) {
    inference.ask(InferenceAddresses.STATUS, new JsonObject(), RequestIdHandler.of(ctx))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }
}
