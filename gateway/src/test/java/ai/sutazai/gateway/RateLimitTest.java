package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.auth.Role;
import ai.sutazai.gateway.testing.TestTokens;
import ai.sutazai.gateway.testing.HttpResult;
import ai.sutazai.gateway.testing.TestGateway;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rate limits per subject in front of every route: counted through the storage address, exact under
 * concurrency, with the {@code RateLimit-*} headers and a 429 {@code rate-limited} of its own.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RateLimitTest {

  private static final String LIST = "/api/v1/conversations";
  private static final String MODELS = "/api/v1/models";

  private TestGateway gateway;
  private TestTokens tokens;

  private TestGateway start(Vertx vertx, JsonObject ratelimit) throws Exception {
    gateway = TestGateway.start(vertx,
        new JsonObject().put("ratelimit", new JsonObject().put("enabled", true).mergeIn(ratelimit)));
    tokens = TestTokens.trusted(vertx);
    return gateway;
  }

  @AfterEach
  void closeClients() throws Exception {
    if (gateway != null) {
      gateway.closeClients();
    }
  }

  private MultiMap as(String subject, String role) {
    return MultiMap.caseInsensitiveMultiMap()
        .set("Authorization", TestTokens.bearer(tokens.of(subject, Role.fromWire(role).orElseThrow())));
  }

  private HttpResult get(String path, MultiMap caller) throws Exception {
    return gateway.send(HttpMethod.GET, path, caller, null).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Verifies that of 30 concurrent requests with a limit of 7 a minute exactly 7 pass and 23 get 429. */
  @Test
  void exactlyTheLimitPassesUnderConcurrency(Vertx vertx) throws Exception {
    start(vertx, new JsonObject().put("user_per_minute", 7));
    MultiMap alice = as("alice-" + UUID.randomUUID(), "user");

    List<Future<HttpResult>> sent = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      sent.add(gateway.send(HttpMethod.GET, LIST, alice, null));
    }
    Future.all(sent).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    List<HttpResult> results = sent.stream().map(Future::result).toList();
    assertThat(results).filteredOn(r -> r.status() == 200).hasSize(7);
    assertThat(results).filteredOn(r -> r.status() == 429).hasSize(23);
    assertThat(gateway.storage().calls(StorageAddresses.RATE_LIMIT_HIT)).hasSize(30);
  }

  /** Verifies that allowed answers carry the limit, what is left and the seconds until the window restarts. */
  @Test
  void allowedAnswersCarryTheRateLimitHeaders(Vertx vertx) throws Exception {
    start(vertx, new JsonObject().put("user_per_minute", 5));
    MultiMap bob = as("bob-" + UUID.randomUUID(), "user");

    HttpResult first = get(LIST, bob);
    HttpResult second = get(LIST, bob);

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("RateLimit-Limit")).isEqualTo("5");
    assertThat(first.header("RateLimit-Remaining")).isEqualTo("4");
    assertThat(first.header("RateLimit-Reset")).isEqualTo("42");
    assertThat(second.header("RateLimit-Remaining")).isEqualTo("3");
    assertThat(first.header("Retry-After")).isNull();
  }

  /** Verifies that the request over the limit gets 429 rate-limited, distinct from queue-full, with Retry-After. */
  @Test
  void overTheLimitIsA429NamingTheLimit(Vertx vertx) throws Exception {
    start(vertx, new JsonObject().put("user_per_minute", 2));
    MultiMap carol = as("carol-" + UUID.randomUUID(), "user");
    get(LIST, carol);
    get(LIST, carol);

    HttpResult refused = get(LIST, carol);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(refused.json().getString("type")).isEqualTo(ProblemType.RATE_LIMITED.uri())
        .isNotEqualTo(ProblemType.QUEUE_FULL.uri());
    assertThat(refused.json().getString("detail")).contains("more than 2 requests this minute")
        .contains("ratelimit.user_per_minute").contains("retry in 42 s");
    assertThat(refused.header("Retry-After")).isEqualTo("42");
    assertThat(refused.header("RateLimit-Limit")).isEqualTo("2");
    assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
    assertThat(refused.header("RateLimit-Reset")).isEqualTo("42");
  }

  /** Verifies that once the hour's limit is passed the answer names the hour and waits for its end. */
  @Test
  void theHourLimitBindsWhenItIsTheOnePassed(Vertx vertx) throws Exception {
    start(vertx, new JsonObject().put("operator_per_minute", 100).put("operator_per_hour", 3));
    MultiMap dave = as("dave-" + UUID.randomUUID(), "operator");

    HttpResult third = null;
    for (int i = 0; i < 3; i++) {
      third = get(LIST, dave);
    }
    HttpResult refused = get(LIST, dave);

    assertThat(third.status()).isEqualTo(200);
    assertThat(third.header("RateLimit-Limit")).isEqualTo("3");
    assertThat(third.header("RateLimit-Remaining")).isEqualTo("0");
    assertThat(third.header("RateLimit-Reset")).isEqualTo("3000");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isEqualTo("3000");
    assertThat(refused.json().getString("detail")).contains("this hour").contains("ratelimit.operator_per_hour");
  }

  /** Verifies that each role has its own limit. */
  @Test
  void limitsFollowTheRole(Vertx vertx) throws Exception {
    start(vertx, new JsonObject().put("viewer_per_minute", 1).put("admin_per_minute", 10));
    MultiMap viewer = as("viewer-" + UUID.randomUUID(), "viewer");
    MultiMap admin = as("admin-" + UUID.randomUUID(), "admin");

    assertThat(get(MODELS, viewer).status()).isEqualTo(200);
    assertThat(get(MODELS, viewer).status()).isEqualTo(429);
    for (int i = 0; i < 5; i++) {
      assertThat(get(MODELS, admin).status()).isEqualTo(200);
    }
  }

  /** Verifies that health and readiness probes and /metrics are never counted nor refused. */
  @Test
  void probesAreNotCounted(Vertx vertx) throws Exception {
    start(vertx, new JsonObject().put("user_per_minute", 1));
    MultiMap erin = as("erin-" + UUID.randomUUID(), "user");

    for (int i = 0; i < 5; i++) {
      assertThat(get("/api/v1/system/health", erin).status()).isEqualTo(200);
      assertThat(get("/api/v1/system/ready", erin).status()).isNotEqualTo(429);
      assertThat(get("/metrics", erin).status()).isNotEqualTo(429);
    }
    assertThat(gateway.storage().calls(StorageAddresses.RATE_LIMIT_HIT)).isEmpty();
  }

  /** Verifies that with ratelimit.enabled false nothing is counted. */
  @Test
  void switchedOffCountsNothing(Vertx vertx) throws Exception {
    start(vertx, new JsonObject().put("enabled", false).put("user_per_minute", 1));
    MultiMap frank = as("frank-" + UUID.randomUUID(), "user");

    assertThat(get(LIST, frank).status()).isEqualTo(200);
    assertThat(get(LIST, frank).status()).isEqualTo(200);
    assertThat(gateway.storage().calls(StorageAddresses.RATE_LIMIT_HIT)).isEmpty();
  }

  /** Verifies that while authentication is off (the local caller) requests are not counted. */
  @Test
  void theLocalCallerIsNotCounted(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx, new JsonObject().put("auth", "off")
        .put("ratelimit", new JsonObject().put("enabled", true).put("admin_per_minute", 1)));

    assertThat(gateway.sendExactly(HttpMethod.GET, LIST, null, null).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS)
        .status()).isEqualTo(200);
    assertThat(gateway.sendExactly(HttpMethod.GET, LIST, null, null).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS)
        .status()).isEqualTo(200);
    assertThat(gateway.storage().calls(StorageAddresses.RATE_LIMIT_HIT)).isEmpty();
  }

  /** Verifies that when the cache cannot count, or storage does not answer, requests are served without the headers. */
  @Test
  void failsOpenWhenCountingFails(Vertx vertx) throws Exception {
    start(vertx, new JsonObject().put("user_per_minute", 1));
    MultiMap grace = as("grace-" + UUID.randomUUID(), "user");
    gateway.storage().cacheDown();

    HttpResult first = get(LIST, grace);
    HttpResult second = get(LIST, grace);

    assertThat(List.of(first.status(), second.status())).containsOnly(200);
    assertThat(second.header("RateLimit-Limit")).isNull();
    gateway.storage().stop().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(get("/api/v1/models/none", grace).status()).isNotEqualTo(429);
  }

  /** Verifies that a WebSocket upgrade counts as one request, and its frames not at all. */
  @Test
  void aWebSocketUpgradeCountsOnce(Vertx vertx) throws Exception {
    start(vertx, new JsonObject().put("user_per_minute", 1));
    String subject = "heidi-" + UUID.randomUUID();
    WebSocketClient sockets = vertx.createWebSocketClient();
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(gateway.port())
        .setURI("/ws/chat").addHeader("Authorization", TestTokens.bearer(tokens.of(subject, Role.USER)));

    WebSocket first = sockets.connect(options).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    first.writeTextMessage(new JsonObject().put("type", "cancel").put("id", "x").encode())
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    Throwable second = sockets.connect(options).map(ws -> (Throwable) null).otherwise(failure -> failure)
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(second).isInstanceOf(UpgradeRejectedException.class);
    assertThat(((UpgradeRejectedException) second).getStatus()).isEqualTo(429);
    assertThat(gateway.storage().calls(StorageAddresses.RATE_LIMIT_HIT)).hasSize(2);
    first.close().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    sockets.close().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
  }
}
