package ai.sutazai.gateway.openai;

import ai.sutazai.gateway.RouteSupport;
import ai.sutazai.gateway.http.ChatLimits;
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
import ai.sutazai.verticles.inference.InferenceKind;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The OpenAI-compatible surface, so OpenAI SDKs gain queueing with {@code baseURL=http://host/v1}:
 * {@code POST /v1/chat/completions} (SSE or one object), {@code GET /v1/models} and
 * {@code GET /v1/models/{model}}.
 */
public final class OpenAiRoutes {

  private final InferenceClient inference;
  private final JsonBodies bodies;
  private final int streamBufferBytes;
  private final StreamMeters streamMeters;
  private final ChatLimits limits;

  public OpenAiRoutes(RouteSupport support) {
    this.inference = support.inference();
    this.bodies = support.bodies();
    this.streamBufferBytes = support.streamBufferBytes();
    this.streamMeters = support.streamMeters();
    this.limits = support.chatLimits();
  }

  public void mount(Router router) {
    bodies.route(router, HttpMethod.POST, "/v1/chat/completions", JsonBodies.ContentTypes.JSON, BodySchema.OPENAI_CHAT)
        .handler(this::completions);
    router.get("/v1/models").handler(this::models);
    router.getWithRegex("/v1/models/(?<model>.+)").handler(this::model);
  }

  private void completions(RoutingContext ctx) {
    OpenAiChatRequest request = OpenAiChatRequest.read(JsonBodies.read(ctx), ctx.request().headers(), limits);
    InferenceCall call = inference.call(RequestIdHandler.of(ctx));
    String id = OpenAiShapes.completionId();
    long created = System.currentTimeMillis() / 1000;
    Handler<JsonObject> relay = request.stream()
        ? new StreamingRelay(ctx, call, new OpenAiChunkDialect(id, created, request.model(), request.includeUsage()),
            streamBufferBytes, streamMeters)
        : new AnswerRelay(ctx, call, answer -> OpenAiShapes.completion(id, created, request.model(), answer));
    call.submit(InferenceKind.CHAT, request.model(), null, request.queue().priority(), request.queue().timeoutMs(),
        request.ollamaBody(), relay);
  }

  private void models(RoutingContext ctx) {
    inference.ask(InferenceAddresses.MODELS, new JsonObject(), RequestIdHandler.of(ctx))
        .onSuccess(tags -> {
          JsonArray data = new JsonArray();
          tags.getJsonArray("models", new JsonArray()).forEach(tag -> data.add(OpenAiShapes.model((JsonObject) tag)));
          ctx.json(new JsonObject().put("object", "list").put("data", data));
        })
        .onFailure(ctx::fail);
  }

  private void model(RoutingContext ctx) {
    String name = ValueSchema.MODEL_NAME.check(ctx.pathParam("model"), "path parameter model");
    inference.ask(InferenceAddresses.MODELS, new JsonObject(), RequestIdHandler.of(ctx))
        .onSuccess(tags -> {
          JsonObject found = tags.getJsonArray("models", new JsonArray()).stream()
              .map(JsonObject.class::cast)
              .filter(tag -> name.equals(tag.getString("name")) || name.equals(tag.getString("model")))
              .findFirst().orElse(null);
          if (found == null) {
            ctx.fail(ProblemType.MODEL_NOT_FOUND.problem("model '" + name + "' does not exist").asException());
          } else {
            ctx.json(OpenAiShapes.model(found));
          }
        })
        .onFailure(ctx::fail);
  }
}
