package ai.sutazai.launcher.e2e;

import ai.sutazai.gateway.auth.JwtKeys;
import ai.sutazai.gateway.auth.Role;
import ai.sutazai.gateway.auth.TokenMinter;
import ai.sutazai.launcher.FreePorts;
import ai.sutazai.launcher.PlatformDeployment;
import ai.sutazai.launcher.SutazaiComponents;
import ai.sutazai.verticles.metrics.Meters;
import ai.sutazai.verticles.testing.FakeOllama;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The whole platform (storage, inference, workflows, the agents and the gateway, deployed the way the launcher
 * deploys them) in this JVM, with metrics on, in front of a fake Ollama and a throwaway database on the machine's
 * PostgreSQL, with clients to talk to it. The platform trusts tokens signed with {@link #JWT_SECRET};
 * requests carry an admin token for {@value #DEFAULT_SUBJECT} unless they set their own
 * {@code Authorization}. Tests call {@code await()} on the futures it returns: they run on the JUnit
 * thread, never on an event loop.
 */
final class RunningPlatform implements AutoCloseable {

  static final String JWT_SECRET = "platform-test-secret-of-at-least-32-bytes";
  static final String DEFAULT_SUBJECT = "local";

  final Vertx vertx;
  final FakeOllama ollama;
  final HttpClientAgent http;
  final WebSocketClient webSockets;
  final int port;
  private final OnContext onContext;
  private final ThrowawayDatabase database;
  private final TokenMinter tokens;
  private final String defaultAuthorization;

  private RunningPlatform(Vertx vertx, FakeOllama ollama, int port, ThrowawayDatabase database, JsonObject config) {
    this.vertx = vertx;
    this.database = database;
    this.onContext = new OnContext(vertx);
    this.ollama = ollama;
    this.port = port;
    this.http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(64));
    this.webSockets = vertx.createWebSocketClient();
    this.tokens = new TokenMinter(vertx, JwtKeys.load(vertx, config.copy().put("auth", "on")).await(), config);
    this.defaultAuthorization = "Bearer " + token(DEFAULT_SUBJECT, Role.ADMIN);
  }

  /**
   * Starts a fake Ollama with {@code options}, then the platform with {@code config} over the defaults
   * (rate limits off, so that a test may send as many requests as it needs).
   */
  static RunningPlatform start(FakeOllamaOptions options, JsonObject config) throws IOException {
    Vertx vertx = Vertx.vertx(Meters.enable(new VertxOptions()));
    FakeOllama ollama = FakeOllama.start(vertx, options).await();
    ThrowawayDatabase database = new ThrowawayDatabase();
    int port = freePort();
    JsonObject merged = new JsonObject()
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", port))
        .put("ollama", new JsonObject().put("url", ollama.url()))
        .put("pg", new JsonObject().put("url", database.url()))
        .put("jwt", new JsonObject().put("secret", JWT_SECRET))
        .put("ratelimit", new JsonObject().put("enabled", false))
        .mergeIn(config, true);
    new PlatformDeployment(vertx, merged, SutazaiComponents.all()).start().await();
    return new RunningPlatform(vertx, ollama, port, database, merged);
  }

  static RunningPlatform start(FakeOllamaOptions options) throws IOException {
    return start(options, new JsonObject());
  }

  static int freePort() throws IOException {
    return FreePorts.pick();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Runs a client call chain on the platform's client context (see {@link OnContext}). */
  <T> Future<T> onContext(Supplier<Future<T>> chain) {
    return onContext.run(chain);
  }

  /** A token the platform trusts, for {@code subject} acting as {@code role}, valid for an hour. */
  String token(String subject, Role role) {
    return tokens.mint(subject, role, Duration.ofHours(1));
  }

  /** The {@code Authorization} value requests carry unless they set their own. */
  String defaultAuthorization() {
    return defaultAuthorization;
  }

  /**
   * Sends a raw body with the default token (unless {@code headers} has an {@code Authorization}) and
   * reads the whole answer, without waiting for it.
   */
  Future<Reply> exchange(HttpMethod method, String path, String contentType, Buffer body, MultiMap headers) {
    MultiMap withToken = MultiMap.caseInsensitiveMultiMap().addAll(headers);
    if (!withToken.contains("Authorization")) {
      withToken.set("Authorization", defaultAuthorization);
    }
    return exchangeExactly(method, path, contentType, body, withToken);
  }

  /** Sends a raw body with exactly these headers (no token unless they hold one) and reads the whole answer. */
  Future<Reply> exchangeExactly(HttpMethod method, String path, String contentType, Buffer body, MultiMap headers) {
    return onContext.run(() -> http.request(new RequestOptions().setMethod(method).setURI(path))
        .compose(request -> {
          request.headers().addAll(headers);
          if (body == null) {
            return request.send();
          }
          request.putHeader("content-type", contentType);
          return request.send(body);
        })
        .compose(response -> response.body().map(b -> new Reply(response.statusCode(), response.headers(), b))));
  }

  Future<Reply> exchange(HttpMethod method, String path, JsonObject body, MultiMap headers) {
    return exchange(method, path, "application/json", body == null ? null : body.toBuffer(), headers);
  }

  /** Posts and hands each chunk of the answer to {@code chunks} as it arrives; returns the response. */
  Future<HttpClientResponse> postStreaming(String path, JsonObject body, Handler<Buffer> chunks) {
    return onContext.run(() -> http.request(new RequestOptions().setMethod(HttpMethod.POST).setURI(path))
        .compose(request -> request.putHeader("content-type", "application/json")
            .putHeader("Authorization", defaultAuthorization).send(body.toBuffer()))
        .map(response -> response.handler(chunks)));
  }

  Future<Reply> postLater(String path, JsonObject body) {
    return exchange(HttpMethod.POST, path, body, MultiMap.caseInsensitiveMultiMap());
  }

  /** Posts and reads the whole answer. */
  Reply postAndRead(String path, JsonObject body) {
    return postAndRead(path, body, MultiMap.caseInsensitiveMultiMap());
  }

  Reply postAndRead(String path, JsonObject body, MultiMap headers) {
    return exchange(HttpMethod.POST, path, body, headers).await();
  }

  Reply get(String path) {
    return exchange(HttpMethod.GET, path, null, MultiMap.caseInsensitiveMultiMap()).await();
  }

  /** Polls {@code GET /api/v1/agents} until it lists agents and every one of them is running; returns the list. */
  JsonArray awaitAgentsRunning() {
    return Eventually.value("every agent to be running", Eventually.DEFAULT, () -> {
      JsonArray agents = get("/api/v1/agents").json().getJsonArray("agents");
      boolean running = !agents.isEmpty() && agents.stream()
          .allMatch(agent -> "running".equals(((JsonObject) agent).getString("status")));
      return running ? Optional.of(agents) : Optional.empty();
    });
  }

  /** The row count and a digest of the contents of {@code table} in the platform's database. */
  String fingerprint(String table) {
    return database.fingerprint(table);
  }

  /** A chat request body with one user message whose text is also the fake Ollama's label for it. */
  static JsonObject chat(String label) {
    return new JsonObject().put("messages", new JsonArray()
        .add(new JsonObject().put("role", "user").put("content", label)));
  }

  @Override
  public void close() {
    try {
      vertx.close().await();
    } finally {
      database.close();
    }
  }

  /** A complete HTTP answer. */
  record Reply(int status, MultiMap headers, Buffer body) {

    JsonObject json() {
      return body.toJsonObject();
    }

    String contentType() {
      return headers.get("content-type");
    }
  }
}
