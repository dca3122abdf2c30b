package ai.sutazai.gateway.agent;

import ai.sutazai.gateway.RouteSupport;
import ai.sutazai.gateway.auth.Caller;
import ai.sutazai.gateway.http.JsonBodies;
import ai.sutazai.gateway.http.RequestIdHandler;
import ai.sutazai.gateway.http.WebSocketUpgrade;
import ai.sutazai.gateway.validation.BodySchema;
import ai.sutazai.gateway.validation.ValueSchema;
import ai.sutazai.verticles.agents.AgentAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The agents the supervisor runs: {@code GET /api/v1/agents} and {@code GET /api/v1/agents/{id}} (their status),
 * and the changes {@code POST /api/v1/agents} (201 with {@code Location}), {@code PUT} and {@code DELETE} (204) on
 * {@code /api/v1/agents/{id}}, {@code POST /api/v1/agents/{id}/redeploy} and {@code POST /api/v1/agents/reload}.
 * Ids and agent bodies are checked against the catalogue's schema first; the supervisor's 404, 409 and 422
 * problems, with their {@code errors}, are answered as they come. {@code GET /ws/agents} is the WebSocket of task
 * events ({@link TaskChangeSocket}).
 */
public final class AgentRoutes {

  static final String LIST = "/api/v1/agents";
  static final String ONE = "/api/v1/agents/:id";
  static final String RELOAD = "/api/v1/agents/reload";
  static final String REDEPLOY = "/api/v1/agents/:id/redeploy";
  static final String SOCKET = "/ws/agents";

  private final Vertx vertx;
  private final AgentClient agents;
  private final RouteSupport support;
  private final JsonBodies bodies;

  public AgentRoutes(Vertx vertx, AgentClient agents, RouteSupport support) {
    this.vertx = vertx;
    this.agents = agents;
    this.support = support;
    this.bodies = support.bodies();
  }

  public void mount(Router router) {
    router.get(LIST).handler(this::list);
    bodies.route(router, HttpMethod.POST, LIST, JsonBodies.ContentTypes.JSON, BodySchema.AGENT).handler(this::create);
    router.post(RELOAD).handler(this::reload);
    router.get(ONE).handler(this::get);
    bodies.route(router, HttpMethod.PUT, ONE, JsonBodies.ContentTypes.JSON, BodySchema.AGENT_UPDATE)
        .handler(this::update);
    router.delete(ONE).handler(this::delete);
    router.post(REDEPLOY).handler(this::redeploy);
    router.get(SOCKET).handler(this::socket);
  }

  private void socket(RoutingContext ctx) {
    String requestId = RequestIdHandler.of(ctx);
    Caller caller = Caller.of(ctx);
    WebSocketUpgrade.accept(ctx, ws -> new TaskChangeSocket(vertx, ws, caller, requestId,
        support.streamBufferBytes(), support.streamMeters()).start());
  }

  private void list(RoutingContext ctx) {
    answer(ctx, agents.ask(AgentAddresses.LIST, new JsonObject(), RequestIdHandler.of(ctx)));
  }

  private void get(RoutingContext ctx) {
    answer(ctx, agents.ask(AgentAddresses.GET, id(ctx), RequestIdHandler.of(ctx)));
  }

  private void create(RoutingContext ctx) {
    JsonObject agent = JsonBodies.read(ctx);
    agents.ask(AgentAddresses.CREATE, new JsonObject().put("agent", agent), RequestIdHandler.of(ctx),
            AgentClient.CHANGE_TIMEOUT_MS)
        .onSuccess(status -> ctx.response().setStatusCode(201)
            .putHeader("Location", LIST + "/" + status.getString("id", agent.getString("id"))))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    JsonObject request = id(ctx);
    JsonObject agent = JsonBodies.read(ctx);
    BodySchema.AGENT.check(agent.copy().put("id", agent.getValue("id", request.getString("id"))));
    answer(ctx, agents.ask(AgentAddresses.UPDATE, request.put("agent", agent), RequestIdHandler.of(ctx),
        AgentClient.CHANGE_TIMEOUT_MS));
  }

  private void delete(RoutingContext ctx) {
    agents.ask(AgentAddresses.DELETE, id(ctx), RequestIdHandler.of(ctx), AgentClient.CHANGE_TIMEOUT_MS)
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void redeploy(RoutingContext ctx) {
    answer(ctx, agents.ask(AgentAddresses.REDEPLOY, id(ctx), RequestIdHandler.of(ctx),
        AgentClient.CHANGE_TIMEOUT_MS));
  }

  private void reload(RoutingContext ctx) {
    answer(ctx, agents.ask(AgentAddresses.RELOAD, new JsonObject(), RequestIdHandler.of(ctx),
        AgentClient.CHANGE_TIMEOUT_MS));
  }

  private static void answer(RoutingContext ctx, Future<JsonObject> reply) {
    reply.onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** {@code {"id"}} of the path's agent, checked as the catalogue checks ids. */
  private static JsonObject id(RoutingContext ctx) {
    return new JsonObject().put("id", ValueSchema.AGENT_ID.check(ctx.pathParam("id"), "path parameter id"));
  }
}
