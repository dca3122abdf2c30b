package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.auth.Role;
import ai.sutazai.gateway.testing.HttpResult;
import ai.sutazai.gateway.testing.TestGateway;
import ai.sutazai.gateway.testing.TestTokens;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Authentication before every route: what a missing or bad token gets, roles, public probes, sockets. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuthenticationTest {

  private TestGateway gateway;

  @AfterEach
  void closeClients() throws Exception {
    if (gateway != null) {
      gateway.closeClients();
    }
  }

  private HttpResult get(String path, String authorization) throws Exception {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (authorization != null) {
      headers.set("Authorization", authorization);
    }
    return gateway.sendExactly(HttpMethod.GET, path, headers, null).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private static void assertUnauthorized(HttpResult result, String detail) {
    assertThat(result.status()).isEqualTo(401);
    assertThat(result.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(result.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(result.json().getString("detail")).contains(detail);
  }

  /** Verifies that each way a token can be wrong gets a 401 saying what, without the token in the answer. */
  @Test
  void badTokensGet401SayingWhy(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx, new JsonObject().put("jwt", new JsonObject()
        .put("issuer", "https://idp.example").put("audience", "sutazai")));
    TestTokens trusted = gateway.tokens();
    JsonObject good = new JsonObject().put("sub", "alice").put("role", "user").put("iss", "https://idp.example")
        .put("aud", "sutazai").put("exp", TestTokens.nowSeconds() + 600);

    assertThat(get("/api/v1/models", TestTokens.bearer(trusted.signed(good))).status()).isEqualTo(200);
    assertUnauthorized(get("/api/v1/models", null), "needs a token");
    assertUnauthorized(get("/api/v1/models", "Basic YWxpY2U6c2VjcmV0"), "must be 'Bearer <token>'");
    assertUnauthorized(get("/api/v1/models", "Bearer not-a-jwt"), "malformed");
    String forged = TestTokens.untrusted(vertx).signed(good);
    HttpResult badSignature = get("/api/v1/models", TestTokens.bearer(forged));
    assertUnauthorized(badSignature, "signature");
    assertThat(badSignature.body()).doesNotContain(forged);
    assertUnauthorized(get("/api/v1/models", TestTokens.bearer(trusted.signed(good.copy()
        .put("exp", TestTokens.nowSeconds() - 120)))), "expired");
    assertUnauthorized(get("/api/v1/models", TestTokens.bearer(trusted.signed(good.copy()
        .put("iss", "https://evil.example")))), "issuer");
    assertUnauthorized(get("/api/v1/models", TestTokens.bearer(trusted.signed(good.copy().put("aud", "other")))),
        "audience");
    assertUnauthorized(get("/api/v1/models", TestTokens.bearer(trusted.signed(good.copy().put("role", "root")))),
        "no role");
  }

  /** Verifies that a role the route does not admit gets 403, and unknown paths 404 once authenticated. */
  @Test
  void wrongRoleGets403(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
    String viewer = TestTokens.bearer(gateway.tokens().of("vera", Role.VIEWER));

    HttpResult chat = gateway.postJson("/api/v1/chat", TestGateway.chat("hi"),
        MultiMap.caseInsensitiveMultiMap().set("Authorization", viewer));
    assertThat(chat.status()).isEqualTo(403);
    assertThat(chat.json().getString("detail")).contains("viewer").contains("/api/v1/chat");
    assertThat(gateway.fake().submitted()).isEmpty();
    assertThat(get("/api/v1/system/status", viewer).status()).isEqualTo(200);
    assertThat(get("/api/v1/keys", viewer).status()).isEqualTo(403);
    assertThat(get("/nowhere", viewer).status()).isEqualTo(404);
    assertThat(get("/nowhere", null).status()).isEqualTo(401);
    HttpResult wrongMethod = gateway.sendExactly(HttpMethod.PUT, "/api/v1/conversations/abc",
        MultiMap.caseInsensitiveMultiMap().set("Authorization", viewer), null).await(20, TimeUnit.SECONDS);
    assertThat(wrongMethod.status()).isEqualTo(405);
  }

  /** Verifies that probes need no token, and /metrics only when metrics.public is true. */
  @Test
  void probesArePublicAndMetricsOnlyWhenConfigured(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
    assertThat(get("/api/v1/system/health", null).status()).isEqualTo(200);
    assertThat(get("/api/v1/system/ready", null).status()).isIn(200, 503);
    assertUnauthorized(get("/metrics", null), "needs a token");
    assertThat(get("/metrics", TestTokens.bearer(gateway.tokens().of("mo", Role.USER))).status()).isEqualTo(403);
    gateway.closeClients();

    gateway = TestGateway.start(vertx, new JsonObject().put("http", new JsonObject().put("port", 0))
        .put("metrics", new JsonObject().put("public", true)));
    assertThat(get("/metrics", null).status()).isNotIn(401, 403);
  }

  /** Verifies that a WebSocket without a token is refused before the upgrade, and accepted with access_token. */
  @Test
  void webSocketTokenIsCheckedBeforeTheUpgrade(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
    Future<WebSocket> refused = gateway.connect(new WebSocketConnectOptions().setURI("/ws/chat"));
    Throwable failure = refused.transform(done -> Future.succeededFuture(done.cause()))
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(failure).isInstanceOf(UpgradeRejectedException.class);
    assertThat(((UpgradeRejectedException) failure).getStatus()).isEqualTo(401);

    String user = gateway.tokens().of("ursula", Role.USER);
    WebSocket socket = gateway.connect(new WebSocketConnectOptions().setURI("/ws/chat?access_token=" + user))
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(socket.isClosed()).isFalse();
    socket.close().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    String viewer = gateway.tokens().of("vera", Role.VIEWER);
    Throwable forbidden = gateway.connect(new WebSocketConnectOptions().setURI("/ws/chat?access_token=" + viewer))
        .transform(done -> Future.succeededFuture(done.cause())).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(((UpgradeRejectedException) forbidden).getStatus()).isEqualTo(403);
  }

  /** Verifies that access_token in the query counts only on /ws/chat. */
  @Test
  void queryTokenIsIgnoredElsewhere(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
    String admin = gateway.tokens().of("ada", Role.ADMIN);
    assertUnauthorized(get("/api/v1/models?access_token=" + admin, null), "needs a token");
    assertUnauthorized(get("/api/v1/conversations?access_token=" + admin, null), "needs a token");
  }

  /** Verifies that a streaming chat is refused before the stream starts: no generation is queued. */
  @Test
  void streamsNeedATokenBeforeTheyStart(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("Content-Type", "application/json")
        .set("Accept", "text/event-stream");
    HttpResult result = gateway.sendExactly(HttpMethod.POST, "/api/v1/chat", headers,
        TestGateway.chat("hi").put("stream", true).encode()).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    assertUnauthorized(result, "needs a token");
    assertThat(result.header("Content-Type")).doesNotContain("event-stream");
    assertThat(gateway.fake().submitted()).isEmpty();
  }

  /** Verifies that with auth off requests need no token and act as the local admin. */
  @Test
  void authOffNeedsNoToken(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx, new JsonObject().put("auth", "off"));
    assertThat(get("/api/v1/keys", null).status()).isEqualTo(200);
    assertThat(get("/api/v1/conversations", null).status()).isEqualTo(200);
    assertThat(gateway.storage().calls(ai.sutazai.verticles.storage.StorageAddresses.CONVERSATION_LIST))
        .extracting(call -> call.getString("owner")).containsExactly("local");
  }
}
