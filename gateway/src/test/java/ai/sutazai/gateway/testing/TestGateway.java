package ai.sutazai.gateway.testing;

import ai.sutazai.gateway.GatewayVerticle;
import ai.sutazai.gateway.auth.Role;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/**
 * A gateway on a free port in front of a {@link FakeInference}, a {@link FakeStorage} and {@link FakeAgents}, with an
 * HTTP client that turns each exchange into an {@link HttpResult}. The gateway trusts tokens signed
 * with {@link TestTokens#SECRET}; requests carry an admin token for {@link TestTokens#DEFAULT_SUBJECT}
 * unless they set their own {@code Authorization}. Blocking helpers are for the JUnit thread only.
 */
public final class TestGateway {

  public static final long WAIT_SECONDS = 20;

  private final Vertx vertx;
  private final FakeInference fake;
  private final FakeStorage storage;
  private final FakeAgents agents;
  private final GatewayVerticle verticle;
  private final String deploymentId;
  private final HttpClient client;
  private final WebSocketClient sockets;
  private final TestTokens tokens;
  private final String defaultToken;

  private TestGateway(Vertx vertx, FakeInference fake, FakeStorage storage, FakeAgents agents,
      GatewayVerticle verticle, String deploymentId) {
    this.vertx = vertx;
    this.fake = fake;
    this.storage = storage;
    this.agents = agents;
    this.verticle = verticle;
    this.deploymentId = deploymentId;
    this.client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(verticle.actualPort()));
    this.sockets = vertx.createWebSocketClient();
    this.tokens = TestTokens.trusted(vertx);
    this.defaultToken = tokens.of(TestTokens.DEFAULT_SUBJECT, Role.ADMIN);
  }

  /** Starts the fakes and a gateway whose config is the defaults, port 0, plus {@code sections}. */
  public static TestGateway start(Vertx vertx, JsonObject sections) throws Exception {
    return start(vertx, sections, new GatewayVerticle());
  }

  private static TestGateway start(Vertx vertx, JsonObject sections, GatewayVerticle verticle) throws Exception {
    FakeInference fake = FakeInference.start(vertx).await(WAIT_SECONDS, TimeUnit.SECONDS);
    FakeStorage storage = FakeStorage.start(vertx).await(WAIT_SECONDS, TimeUnit.SECONDS);
    FakeAgents agents = FakeAgents.start(vertx).await(WAIT_SECONDS, TimeUnit.SECONDS);
    JsonObject config = new JsonObject().put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0))
        .put("jwt", new JsonObject().put("secret", TestTokens.SECRET))
        .put("ratelimit", new JsonObject().put("enabled", false));
    config.mergeIn(sections, true);
    String id = vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config))
        .await(WAIT_SECONDS, TimeUnit.SECONDS);
    return new TestGateway(vertx, fake, storage, agents, verticle, id);
  }

  public static TestGateway start(Vertx vertx) throws Exception {
    return start(vertx, new JsonObject());
  }

  public FakeInference fake() {
    return fake;
  }

  public FakeStorage storage() {
    return storage;
  }

  public FakeAgents agents() {
    return agents;
  }

  public GatewayVerticle verticle() {
    return verticle;
  }

  public int port() {
    return verticle.actualPort();
  }

  public HttpClient client() {
    return client;
  }

  /** Signs tokens the gateway trusts. */
  public TestTokens tokens() {
    return tokens;
  }

  /** The {@code Authorization} value requests carry unless they set their own. */
  public String defaultAuthorization() {
    return TestTokens.bearer(defaultToken);
  }

  /**
   * Closes the test's clients at once; left open, their own graceful close would wait for
   * sockets the server keeps open.
   */
  public void closeClients() throws Exception {
    Future.all(client.shutdown(0, TimeUnit.SECONDS), sockets.shutdown(0, TimeUnit.SECONDS))
        .await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Undeploys the gateway (its graceful stop). */
  public Future<Void> undeploy() {
    return vertx.undeploy(deploymentId);
  }

  /**
   * Sends a request with the default token (unless {@code headers} has an {@code Authorization}) and
   * collects the whole response; callable from any thread.
   */
  public Future<HttpResult> send(HttpMethod method, String path, MultiMap headers, String body) {
    MultiMap withToken = MultiMap.caseInsensitiveMultiMap();
    if (headers != null) {
      withToken.addAll(headers);
    }
    if (!withToken.contains("Authorization")) {
      withToken.set("Authorization", defaultAuthorization());
    }
    return sendExactly(method, path, withToken, body);
  }

  /** Sends a request with exactly these headers (no token unless they hold one). */
  public Future<HttpResult> sendExactly(HttpMethod method, String path, MultiMap headers, String body) {
    RequestOptions options = new RequestOptions().setMethod(method).setURI(path);
    if (headers != null) {
      options.setHeaders(headers);
    }
    // The body reader is attached in the same event-loop callback that sends, before the response can arrive.
    return client.request(options).compose(request -> (body == null ? request.send() : request.send(body))
        .compose(response -> response.body()
            .map(b -> new HttpResult(response.statusCode(), response.headers(), b.toString()))));
  }

  /** Sends a request as {@code subject} with {@code role}, with a JSON body when {@code body} is not null. */
  public HttpResult sendAs(String subject, Role role, HttpMethod method, String path, JsonObject body)
      throws Exception {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .set("Authorization", TestTokens.bearer(tokens.of(subject, role)));
    if (body != null) {
      headers.set("Content-Type", "application/json");
    }
    return send(method, path, headers, body == null ? null : body.encode()).await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  public HttpResult get(String path) throws Exception {
    return send(HttpMethod.GET, path, null, null).await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  public HttpResult postJson(String path, JsonObject body) throws Exception {
    return postJson(path, body, MultiMap.caseInsensitiveMultiMap());
  }

  public HttpResult postJson(String path, JsonObject body, MultiMap headers) throws Exception {
    headers.set("Content-Type", "application/json");
    return send(HttpMethod.POST, path, headers, body.encode()).await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  public HttpResult patchJson(String path, JsonObject body) throws Exception {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("Content-Type", "application/json");
    return send(HttpMethod.PATCH, path, headers, body.encode()).await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  public HttpResult putJson(String path, JsonObject body) throws Exception {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("Content-Type", "application/json");
    return send(HttpMethod.PUT, path, headers, body.encode()).await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Opens a server-sent event stream with the default token and {@code headers}; fails unless it answers 200. */
  public EventStream openEvents(String path, MultiMap headers) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI(path).setHeaders(headers)
        .putHeader("Authorization", defaultAuthorization());
    return client.request(options).compose(HttpClientRequest::send).map(EventStream::new)
        .await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  public HttpResult delete(String path) throws Exception {
    return send(HttpMethod.DELETE, path, null, null).await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * Posts {@code body} and hangs up once the first response bytes arrive or, when none are expected
   * ({@code waitForBytes} false), once the submission reached the fake inference service.
   */
  public void hangUpDuring(String path, JsonObject body, boolean waitForBytes) throws Exception {
    HttpClientRequest request = client.request(HttpMethod.POST, path).await(WAIT_SECONDS, TimeUnit.SECONDS);
    request.putHeader("Content-Type", "application/json");
    request.putHeader("Authorization", defaultAuthorization());
    Promise<Void> firstBytes = Promise.promise();
    request.response().onSuccess(response -> response.handler(buffer -> firstBytes.tryComplete()));
    request.end(body.encode());
    if (waitForBytes) {
      firstBytes.future().await(WAIT_SECONDS, TimeUnit.SECONDS);
    } else {
      fake.submissionsReceived(1).await(WAIT_SECONDS, TimeUnit.SECONDS);
    }
    request.connection().close();
  }

  /** Opens a WebSocket to {@code /ws/chat} with the default token. */
  public WebSocket chatSocket() throws Exception {
    return connect(new WebSocketConnectOptions().setURI("/ws/chat")
        .addHeader("Authorization", defaultAuthorization())).await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Tries a WebSocket handshake with these options (host and port filled in). */
  public Future<WebSocket> connect(WebSocketConnectOptions options) {
    return sockets.connect(options.setHost("127.0.0.1").setPort(port()));
  }

  /** A user chat body with one message. */
  public static JsonObject chat(String text) {
    return new JsonObject().put("messages", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("role", "user").put("content", text)));
  }
}
