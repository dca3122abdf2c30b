package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sutazai.gateway.testing.HttpResult;
import ai.sutazai.gateway.testing.TestGateway;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Cross-origin requests: same-origin only by default, listed origins with working preflight, * only when configured. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CrossOriginTest {

  private static final String APP = "https://app.example";
  private static final String EVIL = "https://evil.example";

  private TestGateway gateway;

  @AfterEach
  void closeClients() throws Exception {
    if (gateway != null) {
      gateway.closeClients();
    }
  }

  private void start(Vertx vertx, String origins) throws Exception {
    gateway = TestGateway.start(vertx, new JsonObject().put("cors", new JsonObject().put("allowed_origins", origins)));
  }

  private HttpResult get(String origin) throws Exception {
    return gateway.send(HttpMethod.GET, "/api/v1/conversations", MultiMap.caseInsensitiveMultiMap().set("Origin", origin),
        null).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private HttpResult preflight(String origin) throws Exception {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("Origin", origin)
        .set("Access-Control-Request-Method", "POST")
        .set("Access-Control-Request-Headers", "authorization,content-type");
    return gateway.send(HttpMethod.OPTIONS, "/api/v1/chat", headers, null).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private static void assertRefused(HttpResult result, String origin) {
    assertThat(result.status()).isEqualTo(403);
    assertThat(result.json().getString("type")).isEqualTo(ProblemType.ORIGIN_NOT_ALLOWED.uri());
    assertThat(result.json().getString("detail")).contains(origin).contains("cors.allowed_origins");
    assertThat(result.header("Access-Control-Allow-Origin")).isNull();
  }

  /** Verifies that by default other origins are refused, preflight or not, while same-origin and origin-less calls pass. */
  @Test
  void byDefaultOnlyTheSameOriginMayCall(Vertx vertx) throws Exception {
    start(vertx, "");

    assertRefused(get(EVIL), EVIL);
    assertRefused(preflight(EVIL), EVIL);
    HttpResult sameOrigin = get("http://127.0.0.1:" + gateway.port());
    assertThat(sameOrigin.status()).isEqualTo(200);
    assertThat(sameOrigin.header("Access-Control-Allow-Origin")).isNull();
    assertThat(gateway.get("/api/v1/conversations").status()).isEqualTo(200);
  }

  /** Verifies that a listed origin's preflight is answered 204 with the configured methods and headers. */
  @Test
  void aListedOriginsPreflightSucceeds(Vertx vertx) throws Exception {
    start(vertx, "http://localhost:3000, " + APP + "/");

    HttpResult preflight = preflight(APP);

    assertThat(preflight.status()).isEqualTo(204);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(APP);
    assertThat(preflight.header("Access-Control-Allow-Methods")).isEqualTo("GET,HEAD,POST,PATCH,DELETE");
    assertThat(preflight.header("Access-Control-Allow-Headers"))
        .isEqualTo("Authorization,Content-Type,X-Request-ID,X-Priority");
    assertThat(preflight.header("Access-Control-Max-Age")).isEqualTo("600");
  }

  /** Verifies that a listed origin's request gets its origin back and may read the rate-limit and request-id headers. */
  @Test
  void aListedOriginsRequestMayReadTheAnswer(Vertx vertx) throws Exception {
    start(vertx, APP);

    HttpResult allowed = get(APP);

    assertThat(allowed.status()).isEqualTo(200);
    assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(APP);
    assertThat(allowed.header("Access-Control-Expose-Headers")).contains("X-Request-ID", "RateLimit-Remaining",
        "Retry-After");
    assertThat(allowed.header("Vary")).contains("Origin");
    assertRefused(get(EVIL), EVIL);
  }

  /** Verifies that any origin is allowed only when * is configured. */
  @Test
  void anyOriginOnlyWithStar(Vertx vertx) throws Exception {
    start(vertx, "*");

    HttpResult any = get(EVIL);

    assertThat(any.status()).isEqualTo(200);
    assertThat(any.header("Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(preflight(EVIL).status()).isEqualTo(204);
  }

  /** Verifies that an origin that is not one (a path, no scheme) stops the gateway from starting, naming the setting. */
  @Test
  void aMalformedOriginFailsTheStart(Vertx vertx) {
    assertThatThrownBy(() -> start(vertx, "app.example/path"))
        .hasMessageContaining("cors.allowed_origins").hasMessageContaining("app.example/path");
  }
}
