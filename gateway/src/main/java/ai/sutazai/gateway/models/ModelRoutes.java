package ai.sutazai.gateway.models;

import ai.sutazai.gateway.RouteSupport;
import ai.sutazai.gateway.http.JsonBodies;
import ai.sutazai.gateway.http.RequestIdHandler;
import ai.sutazai.verticles.inference.client.InferenceCall;
import ai.sutazai.verticles.inference.client.InferenceClient;
import ai.sutazai.gateway.stream.AnswerRelay;
import ai.sutazai.gateway.stream.StreamMeters;
import ai.sutazai.gateway.stream.StreamingRelay;
import ai.sutazai.gateway.validation.BodySchema;
import ai.sutazai.gateway.validation.ValueSchema;
import ai.sutazai.verticles.inference.InferenceAddresses;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * SutazAI's model management: {@code GET /api/v1/models}, {@code POST /api/v1/models/pull}
 * (progress as SSE, or one JSON answer for {@code "stream": false}) and
 * {@code DELETE /api/v1/models/{name}}.
 */
public final class ModelRoutes {

  private final InferenceClient inference;
  private final JsonBodies bodies;
  private final int streamBufferBytes;
  private final StreamMeters streamMeters;

  public ModelRoutes(RouteSupport support) {
    this.inference = support.inference();
    this.bodies = support.bodies();
    this.streamBufferBytes = support.streamBufferBytes();
    this.streamMeters = support.streamMeters();
  }

  public void mount(Router router) {
    router.get("/api/v1/models").handler(this::list);
    bodies.route(router, HttpMethod.POST, "/api/v1/models/pull", JsonBodies.ContentTypes.JSON, BodySchema.MODEL_PULL)
        .handler(this::pull);
    router.deleteWithRegex("/api/v1/models/(?<name>.+)").handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    inference.ask(InferenceAddresses.MODELS, new JsonObject(), RequestIdHandler.of(ctx))
        .onSuccess(tags -> {
          JsonArray models = new JsonArray();
          tags.getJsonArray("models", new JsonArray()).forEach(tag -> models.add(summary((JsonObject) tag)));
          ctx.json(new JsonObject().put("models", models));
        })
        .onFailure(ctx::fail);
  }

  private static JsonObject summary(JsonObject tag) {
    JsonObject details = tag.getJsonObject("details", new JsonObject());
    return new JsonObject()
        .put("name", tag.getString("name", tag.getString("model")))
        .put("size", tag.getValue("size"))
        .put("family", details.getValue("family"))
        .put("quantization", details.getValue("quantization_level"))
        .put("parameter_size", details.getValue("parameter_size"))
        .put("modified_at", tag.getValue("modified_at"));
  }

  private void pull(RoutingContext ctx) {
    JsonObject body = JsonBodies.read(ctx);
    String name = body.getString("name");
    Boolean insecure = body.getBoolean("insecure");
    boolean stream = !Boolean.FALSE.equals(body.getBoolean("stream"));
    JsonObject extra = insecure == null ? new JsonObject() : new JsonObject().put("insecure", insecure);
    InferenceCall call = inference.call(RequestIdHandler.of(ctx));
    call.pull(name, extra, stream
        ? new StreamingRelay(ctx, call, new PullEvents(name), streamBufferBytes, streamMeters)
        : new AnswerRelay(ctx, call, answer -> PullEvents.success(name)));
  }

  private void delete(RoutingContext ctx) {
    String name = ValueSchema.MODEL_NAME.check(ctx.pathParam("name"), "path parameter name");
    inference.ask(InferenceAddresses.DELETE, new JsonObject().put("model", name), RequestIdHandler.of(ctx))
        .onSuccess(reply -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }
}
