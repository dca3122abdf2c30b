package ai.sutazai.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.auth.AuthenticationHandler;
import ai.sutazai.gateway.auth.Caller;
import ai.sutazai.gateway.auth.Role;
import ai.sutazai.gateway.http.ProblemFailureHandler;
import ai.sutazai.gateway.http.RequestIdHandler;
import ai.sutazai.gateway.storage.StorageClient;
import ai.sutazai.gateway.testing.FakeStorage;
import ai.sutazai.gateway.testing.HttpResult;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.junit5.VertxExtension;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit recorder in a router shaped like the gateway's (request id, recorder, authentication, routes,
 * problem handler), where a stand-in authentication attaches the caller named by test headers or refuses
 * the request the way the real one does, and routes answer what the test asks.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuditRecorderTest {

  private static final long WAIT_SECONDS = 20;
  private static final String CONVERSATION = "/api/v1/conversations/0b0e2d4c-8c1e-4a51-9b36-3a4f3d2b6a10";

  private FakeStorage storage;
  private HttpServer server;
  private HttpClient client;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    storage = FakeStorage.start(vertx).await(WAIT_SECONDS, TimeUnit.SECONDS);
    Router router = Router.router(vertx);
    router.route().handler(new RequestIdHandler());
    router.route().handler(new AuditRecorder(new AuditWriter(new StorageClient(vertx))));
    router.route().handler(AuditRecorderTest::authenticate);
    router.delete("/api/v1/conversations/:id").handler(ctx -> ctx.response().setStatusCode(204).end());
    router.patch("/api/v1/conversations/:id").handler(ctx ->
        ctx.fail(ProblemType.NOT_FOUND.problem("no conversation has that id").asException()));
    router.post("/api/v1/models/pull").handler(BodyHandler.create()).handler(ctx -> ctx.json(new JsonObject()));
    router.post("/api/pull").handler(BodyHandler.create()).handler(ctx -> ctx.json(new JsonObject()));
    router.delete("/api/v1/keys/:id").handler(ctx -> ctx.fail(403));
    router.post("/api/v1/keys").handler(ctx -> {
      AuditRecorder.target(ctx, "key-7");
      ctx.response().setStatusCode(201).end();
    });
    router.get("/api/v1/models").handler(ctx -> ctx.json(new JsonObject()));
    ProblemFailureHandler.install(router, 1024);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .await(WAIT_SECONDS, TimeUnit.SECONDS);
    client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(server.actualPort()));
  }

  @AfterEach
  void stop() throws Exception {
    client.shutdown(0, TimeUnit.SECONDS).await(WAIT_SECONDS, TimeUnit.SECONDS);
    server.shutdown(0, TimeUnit.SECONDS).await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Stands in for authentication: {@code X-Test-Deny} refuses with that reason, else attaches the caller named. */
  private static void authenticate(RoutingContext ctx) {
    String deny = ctx.request().getHeader("X-Test-Deny");
    if (deny != null) {
      ctx.put(AuthenticationHandler.FAILURE_KEY, deny);
      ctx.fail(401);
      return;
    }
    String subject = ctx.request().getHeader("X-Test-Subject");
    if (subject != null) {
      new Caller(subject, Role.fromWire(ctx.request().getHeader("X-Test-Role")).orElseThrow(), "jwt").attachTo(ctx);
    }
    ctx.next();
  }

  /** Verifies that a successful mutating action leaves one row with who, what, which, outcome, request and client. */
  @Test
  void recordsSuccessfulActionWithEveryField() throws Exception {
    HttpResult result = send(HttpMethod.DELETE, CONVERSATION, as("alice", "user"), null);

    JsonObject row = rows(1).get(0);
    assertThat(result.status()).isEqualTo(204);
    assertThat(row.getString("action")).isEqualTo("conversation.delete");
    assertThat(row.getString("subject")).isEqualTo("alice");
    assertThat(row.getString("role")).isEqualTo("user");
    assertThat(row.getString("target")).isEqualTo("0b0e2d4c-8c1e-4a51-9b36-3a4f3d2b6a10");
    assertThat(row.getString("outcome")).isEqualTo("success");
    assertThat(row.getString("request_id")).isEqualTo(result.header(RequestIdHandler.HEADER));
    assertThat(row.getString("client_address")).isEqualTo("127.0.0.1");
    assertThat(row.getJsonObject("detail")).isEqualTo(new JsonObject().put("status", 204));
    assertThat(OffsetDateTime.parse(row.getString("at"))).isAfter(OffsetDateTime.now().minusMinutes(1));
  }

  /** Verifies that reads leave no row: only the audited request sent after them is recorded. */
  @Test
  void ignoresRequestsThatChangeNothing() throws Exception {
    send(HttpMethod.GET, "/api/v1/models", as("alice", "user"), null);
    send(HttpMethod.GET, "/api/v1/nothing-here", as("alice", "user"), null);
    send(HttpMethod.DELETE, CONVERSATION, as("alice", "user"), null);

    assertThat(rows(1)).extracting(row -> row.getString("action")).containsExactly("conversation.delete");
  }

  /** Verifies that a refused credential is recorded as auth.failure without subject, and without any secret. */
  @Test
  void recordsAuthenticationFailureWithoutSecrets() throws Exception {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .set("X-Test-Deny", "expired token")
        .set("Authorization", "Bearer secret-token-123");

    HttpResult result = send(HttpMethod.GET, "/api/v1/models?token=secret-query-456", headers, null);

    JsonObject row = rows(1).get(0);
    assertThat(result.status()).isEqualTo(401);
    assertThat(row.getString("action")).isEqualTo("auth.failure");
    assertThat(row.getString("outcome")).isEqualTo("denied");
    assertThat(row.containsKey("subject")).isFalse();
    assertThat(row.containsKey("role")).isFalse();
    assertThat(row.getString("target")).isEqualTo("GET /api/v1/models");
    assertThat(row.getJsonObject("detail")).isEqualTo(new JsonObject().put("status", 401)
        .put("reason", "expired token"));
    assertThat(row.encode()).doesNotContain("secret");
  }

  /** Verifies the outcome: denied for a 403, failure (with the status) for any other error. */
  @Test
  void recordsDeniedAndFailedOutcomes() throws Exception {
    send(HttpMethod.DELETE, "/api/v1/keys/key-9", as("bob", "user"), null);
    send(HttpMethod.PATCH, CONVERSATION, as("bob", "user"), null);

    List<JsonObject> rows = rows(2);
    assertThat(rows.get(0).getString("action")).isEqualTo("key.revoke");
    assertThat(rows.get(0).getString("target")).isEqualTo("key-9");
    assertThat(rows.get(0).getString("outcome")).isEqualTo("denied");
    assertThat(rows.get(1).getString("action")).isEqualTo("conversation.rename");
    assertThat(rows.get(1).getString("outcome")).isEqualTo("failure");
    assertThat(rows.get(1).getJsonObject("detail").getInteger("status")).isEqualTo(404);
  }

  /** Verifies that the target comes from the body's named field (SutazAI's name, Ollama's model) or the route. */
  @Test
  void readsTargetFromBodyOrRoute() throws Exception {
    MultiMap json = as("carol", "admin").set("Content-Type", "application/json");
    send(HttpMethod.POST, "/api/v1/models/pull", json, new JsonObject().put("name", "llama3.2:1b")
        .put("password", "hunter2").encode());
    send(HttpMethod.POST, "/api/pull", json, new JsonObject().put("model", "qwen2.5:0.5b").encode());
    send(HttpMethod.POST, "/api/v1/keys", json, new JsonObject().put("name", "ci").encode());

    List<JsonObject> rows = rows(3);
    assertThat(rows).extracting(row -> row.getString("action")).containsExactly("model.pull", "model.pull",
        "key.create");
    assertThat(rows).extracting(row -> row.getString("target")).containsExactly("llama3.2:1b", "qwen2.5:0.5b",
        "key-7");
    assertThat(rows.get(0).encode()).doesNotContain("hunter2");
  }

  /** Verifies that the request is answered even while storage cannot take the audit row, which is still attempted. */
  @Test
  void answersWhileAuditStorageIsDown() throws Exception {
    storage.postgresDown("connection refused");

    HttpResult first = send(HttpMethod.DELETE, CONVERSATION, as("dave", "user"), null);
    HttpResult second = send(HttpMethod.DELETE, CONVERSATION, as("dave", "user"), null);

    assertThat(first.status()).isEqualTo(204);
    assertThat(second.status()).isEqualTo(204);
    storage.callsReceived(StorageAddresses.AUDIT_APPEND, 2).await(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(storage.auditRows()).isEmpty();
  }

  private static MultiMap as(String subject, String role) {
    return MultiMap.caseInsensitiveMultiMap().set("X-Test-Subject", subject).set("X-Test-Role", role);
  }

  private List<JsonObject> rows(int count) throws Exception {
    storage.callsReceived(StorageAddresses.AUDIT_APPEND, count).await(WAIT_SECONDS, TimeUnit.SECONDS);
    return storage.auditRows();
  }

  private HttpResult send(HttpMethod method, String path, MultiMap headers, String body) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(method).setURI(path).setHeaders(headers);
    return client.request(options).compose(request -> (body == null ? request.send() : request.send(body))
            .compose(response -> response.body()
                .map(b -> new HttpResult(response.statusCode(), response.headers(), b.toString()))))
        .await(WAIT_SECONDS, TimeUnit.SECONDS);
  }
}
