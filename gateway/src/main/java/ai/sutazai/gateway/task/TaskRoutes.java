package ai.sutazai.gateway.task;

import ai.sutazai.gateway.RouteSupport;
import ai.sutazai.gateway.agent.AgentClient;
import ai.sutazai.gateway.audit.AuditRecorder;
import ai.sutazai.gateway.http.Accepted;
import ai.sutazai.gateway.http.JsonBodies;
import ai.sutazai.gateway.http.RequestIdHandler;
import ai.sutazai.gateway.http.RequestOwner;
import ai.sutazai.gateway.storage.StorageClient;
import ai.sutazai.gateway.validation.BodySchema;
import ai.sutazai.gateway.validation.ValueSchema;
import ai.sutazai.verticles.agents.AgentAddresses;
import ai.sutazai.verticles.agents.TaskPriority;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * The caller's tasks: {@code POST /api/v1/tasks} (routed to an agent by the supervisor, stored, answered 202 with
 * {@code Location}), {@code GET /api/v1/tasks} (a page, filtered by {@code status} and {@code agent}),
 * {@code GET} and {@code DELETE} (cancel) on {@code /api/v1/tasks/{id}}, and {@code GET /api/v1/tasks/{id}/events}
 * (its status changes as server-sent events, see {@link TaskEventStream}). Every request acts for the caller's
 * subject: another subject's task answers 404 like an unknown one.
 */
public final class TaskRoutes {

  static final String LIST = "/api/v1/tasks";
  static final String ONE = "/api/v1/tasks/:id";
  static final String EVENTS = "/api/v1/tasks/:id/events";

  private final Vertx vertx;
  private final StorageClient storage;
  private final AgentClient agents;
  private final RouteSupport support;

  public TaskRoutes(Vertx vertx, StorageClient storage, AgentClient agents, RouteSupport support) {
    this.vertx = vertx;
    this.storage = storage;
    this.agents = agents;
    this.support = support;
  }

  public void mount(Router router) {
    support.bodies().route(router, HttpMethod.POST, LIST, JsonBodies.ContentTypes.JSON, BodySchema.TASK_CREATE)
        .handler(this::create);
    router.get(LIST).handler(this::list);
    router.get(ONE).handler(this::get);
    router.delete(ONE).handler(this::cancel);
    router.get(EVENTS).handler(this::events);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = JsonBodies.read(ctx);
    String requestId = RequestIdHandler.of(ctx);
    JsonObject route = new JsonObject().put("type", body.getString("type"));
    if (body.getString("agent") != null) {
      route.put("agent", body.getString("agent"));
    }
    agents.ask(AgentAddresses.ROUTE, route, requestId)
        .compose(routed -> storage.ask(StorageAddresses.TASK_CREATE, new JsonObject()
            .put("owner", RequestOwner.of(ctx))
            .put("type", body.getString("type"))
            .put("payload", body.getJsonObject("payload", new JsonObject()))
            .put("priority", body.getInteger("priority", TaskPriority.DEFAULT))
            .put("agent", routed.getString("agent")), requestId))
        .onSuccess(task -> AuditRecorder.target(ctx, task.getString("id")))
        .onSuccess(task -> Accepted.send(ctx, LIST, task))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    JsonObject request = TaskQuery.read(ctx.queryParams()).put("owner", RequestOwner.of(ctx));
    storage.ask(StorageAddresses.TASK_LIST, request, RequestIdHandler.of(ctx))
        .onSuccess(page -> ctx.json(new JsonObject()
            .put("tasks", page.getJsonArray("tasks", new JsonArray()))
            .put("next_cursor", page.getValue("next_cursor"))))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    storage.ask(StorageAddresses.TASK_GET, owned(ctx), RequestIdHandler.of(ctx))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void cancel(RoutingContext ctx) {
    storage.ask(StorageAddresses.TASK_CANCEL, owned(ctx), RequestIdHandler.of(ctx))
        .onSuccess(reply -> {
          JsonObject task = reply.getJsonObject("task", new JsonObject());
          ctx.json(new JsonObject().put("id", task.getString("id")).put("status", task.getString("status"))
              .put("outcome", reply.getString("outcome")));
        })
        .onFailure(ctx::fail);
  }

  private void events(RoutingContext ctx) {
    JsonObject task = owned(ctx);
    long after = TaskEventStream.lastEventId(ctx.request().getHeader(TaskEventStream.LAST_EVENT_ID));
    new TaskEventStream(vertx, ctx, storage, task.getString("owner"), task.getString("id"), after,
        support.streamBufferBytes(), support.streamMeters()).start();
  }

  /** {@code {"id", "owner"}} of the path's task for the caller. */
  private static JsonObject owned(RoutingContext ctx) {
    String id = ValueSchema.TASK_ID.check(ctx.pathParam("id"), "path parameter id").toLowerCase(Locale.ROOT);
    return new JsonObject().put("id", id).put("owner", RequestOwner.of(ctx));
  }
}
