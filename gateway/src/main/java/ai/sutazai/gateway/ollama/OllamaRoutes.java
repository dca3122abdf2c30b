package ai.sutazai.gateway.ollama;

import ai.sutazai.gateway.RouteSupport;
import ai.sutazai.gateway.http.ChatLimits;
import ai.sutazai.gateway.http.JsonBodies;
import ai.sutazai.gateway.http.QueueOptions;
import ai.sutazai.gateway.http.RequestIdHandler;
import ai.sutazai.verticles.inference.client.Answer;
import ai.sutazai.verticles.inference.client.InferenceCall;
import ai.sutazai.verticles.inference.client.InferenceClient;
import ai.sutazai.gateway.stream.AnswerRelay;
import ai.sutazai.gateway.stream.StreamMeters;
import ai.sutazai.gateway.stream.StreamingRelay;
import ai.sutazai.gateway.validation.BodySchema;
import ai.sutazai.verticles.inference.InferenceAddresses;
import ai.sutazai.verticles.inference.InferenceKind;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The Ollama-compatible surface, so Ollama clients gain queueing by pointing at SutazAI: chat,
 * generate and embed go through the queue; tags, show, version, ps, pull and delete are relayed.
 * Each body is checked against the schema of its endpoint, which lists the fields Ollama documents;
 * the client's body then passes through (minus model, stream and our queue fields) so options,
 * format, keep_alive, tools, think and images survive.
 */
public final class OllamaRoutes {

  private static final List<String> OWN_FIELDS = List.of("model", "stream", "priority", "timeout_ms");

  private final InferenceClient inference;
  private final JsonBodies bodies;
  private final int streamBufferBytes;
  private final StreamMeters streamMeters;
  private final ChatLimits limits;

  public OllamaRoutes(RouteSupport support) {
    this.inference = support.inference();
    this.bodies = support.bodies();
    this.streamBufferBytes = support.streamBufferBytes();
    this.streamMeters = support.streamMeters();
    this.limits = support.chatLimits();
  }

  public void mount(Router router) {
    withBody(router, HttpMethod.POST, "/api/chat", BodySchema.OLLAMA_CHAT)
        .handler(ctx -> generation(ctx, InferenceKind.CHAT));
    withBody(router, HttpMethod.POST, "/api/generate", BodySchema.OLLAMA_GENERATE)
        .handler(ctx -> generation(ctx, InferenceKind.GENERATE));
    withBody(router, HttpMethod.POST, "/api/embed", BodySchema.OLLAMA_EMBED).handler(this::embed);
    withBody(router, HttpMethod.POST, "/api/show", BodySchema.OLLAMA_SHOW).handler(this::show);
    withBody(router, HttpMethod.POST, "/api/pull", BodySchema.OLLAMA_PULL).handler(this::pull);
    withBody(router, HttpMethod.DELETE, "/api/delete", BodySchema.OLLAMA_DELETE).handler(this::delete);
    router.get("/api/tags").handler(ctx -> relay(ctx, InferenceAddresses.MODELS));
    router.get("/api/version").handler(ctx -> relay(ctx, InferenceAddresses.VERSION));
    router.get("/api/ps").handler(ctx -> relay(ctx, InferenceAddresses.RUNNING));
  }

  private Route withBody(Router router, HttpMethod method, String path, BodySchema schema) {
    return bodies.route(router, method, path, JsonBodies.ContentTypes.JSON_OR_UNLABELLED, schema);
  }

  private void generation(RoutingContext ctx, InferenceKind kind) {
    JsonObject body = JsonBodies.read(ctx);
    String model = body.getString("model");
    if (kind == InferenceKind.CHAT) {
      limits.checkMessages(body);
    } else {
      limits.checkText(body, "prompt");
      limits.checkText(body, "system");
    }
    boolean stream = !Boolean.FALSE.equals(body.getBoolean("stream"));
    QueueOptions queue = QueueOptions.read(body, ctx.request().headers());
    InferenceCall call = inference.call(RequestIdHandler.of(ctx));
    Handler<JsonObject> relay = stream
        ? new StreamingRelay(ctx, call, new OllamaLines(kind, model), streamBufferBytes, streamMeters)
        : new AnswerRelay(ctx, call, answer -> OllamaLines.whole(kind, model, answer));
    submit(call, kind, model, body, queue, relay);
  }

  private void embed(RoutingContext ctx) {
    JsonObject body = JsonBodies.read(ctx);
    String model = body.getString("model");
    QueueOptions queue = QueueOptions.read(body, ctx.request().headers());
    InferenceCall call = inference.call(RequestIdHandler.of(ctx));
    submit(call, InferenceKind.EMBED, model, body, queue,
        new AnswerRelay(ctx, call, answer -> embeddings(model, answer)));
  }

  /** Queues the client's body as it came, minus the fields SutazAI itself reads. */
  private static void submit(InferenceCall call, InferenceKind kind, String model, JsonObject body,
      QueueOptions queue, Handler<JsonObject> relay) {
    JsonObject passThrough = body.copy();
    OWN_FIELDS.forEach(passThrough::remove);
    call.submit(kind, model, null, queue.priority(), queue.timeoutMs(), passThrough, relay);
  }

  private static JsonObject embeddings(String requestedModel, Answer answer) {
    JsonObject done = answer.done();
    JsonObject ollama = done.getJsonObject("ollama", new JsonObject());
    JsonObject result = new JsonObject()
        .put("model", answer.model() != null ? answer.model() : requestedModel)
        .put("embeddings", done.getValue("embeddings", ollama.getValue("embeddings", new JsonArray())));
    ollama.forEach(field -> {
      if (!result.containsKey(field.getKey())) {
        result.put(field.getKey(), field.getValue());
      }
    });
    return result.put("timings", answer.timings());
  }

  private void show(RoutingContext ctx) {
    JsonObject body = JsonBodies.read(ctx);
    JsonObject request = body.copy().put("model", modelName(body));
    request.remove("name");
    inference.ask(InferenceAddresses.SHOW, request, RequestIdHandler.of(ctx))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void pull(RoutingContext ctx) {
    JsonObject body = JsonBodies.read(ctx);
    String model = modelName(body);
    boolean stream = !Boolean.FALSE.equals(body.getBoolean("stream"));
    JsonObject extra = body.copy();
    List.of("model", "name", "stream").forEach(extra::remove);
    InferenceCall call = inference.call(RequestIdHandler.of(ctx));
    call.pull(model, extra, stream
        ? new StreamingRelay(ctx, call, new OllamaPullLines(), streamBufferBytes, streamMeters)
        : new AnswerRelay(ctx, call, answer -> OllamaPullLines.SUCCESS.copy()));
  }

  private void delete(RoutingContext ctx) {
    JsonObject body = JsonBodies.read(ctx);
    inference.ask(InferenceAddresses.DELETE, new JsonObject().put("model", modelName(body)), RequestIdHandler.of(ctx))
        .onSuccess(reply -> ctx.response().setStatusCode(200).end())
        .onFailure(ctx::fail);
  }

  private void relay(RoutingContext ctx, String address) {
    inference.ask(address, new JsonObject(), RequestIdHandler.of(ctx))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  /** Ollama's {@code model}, or the older {@code name} its clients still send (the schema requires one). */
  private static String modelName(JsonObject body) {
    String model = body.getString("model");
    return model != null ? model : body.getString("name");
  }
}
