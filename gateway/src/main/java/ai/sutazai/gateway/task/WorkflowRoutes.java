package ai.sutazai.gateway.task;

import ai.sutazai.gateway.agent.AgentClient;
import ai.sutazai.gateway.audit.AuditRecorder;
import ai.sutazai.gateway.http.Accepted;
import ai.sutazai.gateway.http.JsonBodies;
import ai.sutazai.gateway.http.RequestIdHandler;
import ai.sutazai.gateway.http.RequestOwner;
import ai.sutazai.gateway.validation.BodySchema;
import ai.sutazai.gateway.validation.ValueSchema;
import ai.sutazai.verticles.agents.AgentAddresses;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * The caller's workflows: {@code POST /api/v1/workflows} {@code {"goal", "priority"?}} starts one (202 with
 * {@code Location}: a coordinator plans it into tasks) and {@code GET /api/v1/workflows/{id}} answers it with its
 * plan, steps and answer; another subject's workflow answers 404 like an unknown one.
 */
public final class WorkflowRoutes {

  static final String LIST = "/api/v1/workflows";
  static final String ONE = "/api/v1/workflows/:id";

  private final AgentClient agents;
  private final JsonBodies bodies;

  public WorkflowRoutes(AgentClient agents, JsonBodies bodies) {
    this.agents = agents;
    this.bodies = bodies;
  }

  public void mount(Router router) {
    bodies.route(router, HttpMethod.POST, LIST, JsonBodies.ContentTypes.JSON, BodySchema.WORKFLOW_START)
        .handler(this::start);
    router.get(ONE).handler(this::get);
  }

  private void start(RoutingContext ctx) {
    JsonObject body = JsonBodies.read(ctx);
    JsonObject request = new JsonObject().put("owner", RequestOwner.of(ctx)).put("goal", body.getString("goal"));
    if (body.getInteger("priority") != null) {
      request.put("priority", body.getInteger("priority"));
    }
    agents.ask(AgentAddresses.WORKFLOW_START, request, RequestIdHandler.of(ctx))
        .onSuccess(workflow -> AuditRecorder.target(ctx, workflow.getString("id")))
        .onSuccess(workflow -> Accepted.send(ctx, LIST, workflow))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    String id = ValueSchema.WORKFLOW_ID.check(ctx.pathParam("id"), "path parameter id").toLowerCase(Locale.ROOT);
    agents.ask(AgentAddresses.WORKFLOW_GET, new JsonObject().put("id", id).put("owner", RequestOwner.of(ctx)),
            RequestIdHandler.of(ctx))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }
}
