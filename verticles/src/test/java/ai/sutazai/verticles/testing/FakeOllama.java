package ai.sutazai.verticles.testing;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Consumer;

/**
 * A protocol-accurate stand-in for Ollama's HTTP API on a Vert.x server: NDJSON streams for chat,
 * generate and pull, embeddings, tags, show, ps, version and delete, with configurable pace and
 * parallel slots ({@link FakeOllamaOptions}), fault injection ({@link FakeOllamaFaults}) and a
 * record of what happened ({@link FakeOllamaRecorder}). Answers are {@code "t0 t1 t2 ..."}.
 * {@link FakeOllamaMain} runs one from the command line.
 */
public final class FakeOllama extends VerticleBase {

  /** Models every fake knows at start: SutazAI's default routing table plus an embedding model. */
  public static final List<String> DEFAULT_MODELS = List.of("tinyllama:latest",
      "mistral:7b-instruct-q4_K_M", "deepseek-coder:6.7b-instruct-q4_K_M", "qwen2:7b-instruct-q4_K_M",
      "nomic-embed-text:latest");

  private final FakeOllamaState state;
  private final String host;
  private final int requestedPort;
  private HttpServer server;

  private FakeOllama(Vertx vertx, FakeOllamaOptions options, String host, int port) {
    FakeOllamaRecorder recorder = new FakeOllamaRecorder(vertx);
    this.state = new FakeOllamaState(vertx, options, new FakeOllamaFaults(), recorder,
        new FakeModelCatalog(DEFAULT_MODELS), new FakeSlots(options));
    this.host = host;
    this.requestedPort = port;
  }

  /** Starts a fake with default options on a free port of 127.0.0.1. */
  public static Future<FakeOllama> start(Vertx vertx) {
    return start(vertx, new FakeOllamaOptions());
  }

  public static Future<FakeOllama> start(Vertx vertx, FakeOllamaOptions options) {
    return start(vertx, options, "127.0.0.1", 0);
  }

  /** Starts a fake on the given address; port 0 picks a free one. */
  public static Future<FakeOllama> start(Vertx vertx, FakeOllamaOptions options, String host, int port) {
    FakeOllama fake = new FakeOllama(vertx, options, host, port);
    return vertx.deployVerticle(fake).map(id -> fake);
  }

  /** The text of token {@code index} in every answer. */
  public static String token(int index) {
    return index == 0 ? "t0" : " t" + index;
  }

  /** The whole answer of {@code tokens} tokens. */
  public static String answer(int tokens) {
    StringBuilder answer = new StringBuilder();
    for (int i = 0; i < tokens; i++) {
      answer.append(token(i));
    }
    return answer.toString();
  }

  /** The embedding the fake answers for a text: a deterministic unit vector. */
  public static JsonArray vector(String text, int dimensions) {
    return FakeEmbed.vector(text, dimensions);
  }

  static boolean isStreaming(JsonObject body) {
    return !Boolean.FALSE.equals(body.getValue("stream"));
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer().requestHandler(this::route);
    return server.listen(requestedPort, host);
  }

  /** Stops the server and closes every connection. */
  public Future<Void> close() {
    return vertx.undeploy(deploymentID());
  }

  public int port() {
    return server.actualPort();
  }

  /** The base URL, such as {@code http://127.0.0.1:41234}. */
  public String url() {
    return "http://" + host + ":" + port();
  }

  public FakeOllamaOptions options() {
    return state.options();
  }

  public FakeOllamaFaults faults() {
    return state.faults();
  }

  public FakeOllamaRecorder recorder() {
    return state.recorder();
  }

  public FakeModelCatalog models() {
    return state.catalog();
  }

  private void route(HttpServerRequest request) {
    String path = request.path();
    HttpMethod method = request.method();
    state.recorder().request(method.name(), path);
    if (path.equals("/") && (method == HttpMethod.GET || method == HttpMethod.HEAD)) {
      request.response().putHeader("Content-Type", "text/plain; charset=utf-8").end("Ollama is running");
      return;
    }
    var failure = state.faults().takeFailure();
    if (failure.isPresent()) {
      request.body().onComplete(ignored -> FakeReplies.raw(request.response(),
          failure.get().status(), failure.get().body()));
      return;
    }
    String route = method.name() + " " + path;
    switch (route) {
      case "POST /api/chat" -> withBody(request, body -> FakeGeneration.handle(state, request, body, true));
      case "POST /api/generate" -> withBody(request, body -> FakeGeneration.handle(state, request, body, false));
      case "POST /api/embed" -> withBody(request, body -> FakeEmbed.handle(state, request, body));
      case "POST /api/pull" -> withBody(request, body -> FakePull.handle(state, request, body));
      case "POST /api/show" -> withBody(request, body -> show(request, body));
      case "DELETE /api/delete" -> withBody(request, body -> delete(request, body));
      case "GET /api/tags" -> FakeReplies.json(request.response(), 200, state.catalog().tags());
      case "GET /api/ps" -> FakeReplies.json(request.response(), 200, state.catalog().ps());
      case "GET /api/version" -> FakeReplies.json(request.response(), 200,
          new JsonObject().put("version", state.options().version()));
      default -> request.response().setStatusCode(404)
          .putHeader("Content-Type", "text/plain").end("404 page not found");
    }
  }

  private void withBody(HttpServerRequest request, Consumer<JsonObject> handler) {
    request.body().onSuccess(buffer -> {
      if (buffer.length() == 0) {
        FakeReplies.error(request.response(), 400, "missing request body");
        return;
      }
      JsonObject body;
      try {
        body = buffer.toJsonObject();
      } catch (DecodeException | ClassCastException e) {
        FakeReplies.error(request.response(), 400, "invalid character in request body: " + e.getMessage());
        return;
      }
      handler.accept(body);
    }).onFailure(failure -> state.recorder().recordHangUp(request.path() + " (before its body arrived)"));
  }

  private void show(HttpServerRequest request, JsonObject body) {
    String model = body.getString("model", body.getString("name"));
    if (!state.catalog().contains(model)) {
      FakeReplies.error(request.response(), 404, "model '" + model + "' not found");
      return;
    }
    FakeReplies.json(request.response(), 200, state.catalog().show(model));
  }

  private void delete(HttpServerRequest request, JsonObject body) {
    String model = body.getString("model", body.getString("name"));
    if (model == null || !state.catalog().remove(model)) {
      FakeReplies.error(request.response(), 404, "model '" + model + "' not found");
      return;
    }
    request.response().setStatusCode(200).end();
  }
}
