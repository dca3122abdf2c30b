package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.testing.HttpResult;
import ai.sutazai.gateway.testing.TestGateway;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The headers every response carries, and what no response reveals: the server software, stack traces, class names. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecurityHeadersTest {

  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
  }

  @AfterEach
  void closeClients() throws Exception {
    gateway.closeClients();
  }

  private HttpResult send(HttpMethod method, String path, String body) throws Exception {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("Content-Type", "application/json");
    return gateway.send(method, path, headers, body).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Verifies that answers of every kind (ok, problem, no route, wrong method, bad path, preflight) carry the headers. */
  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws Exception {
    List<HttpResult> answers = List.of(
        send(HttpMethod.GET, "/api/v1/system/health", null),
        send(HttpMethod.GET, "/api/v1/conversations", null),
        send(HttpMethod.POST, "/api/v1/chat", "{not json"),
        send(HttpMethod.GET, "/no/such/route", null),
        send(HttpMethod.PUT, "/api/v1/chat", "{}"),
        send(HttpMethod.GET, "/api/v1/conversations/%zz", null),
        send(HttpMethod.OPTIONS, "/api/v1/chat", null));

    assertThat(answers).extracting(HttpResult::status).containsExactly(200, 200, 400, 404, 405, 400, 405);
    for (HttpResult answer : answers) {
      assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
      assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
      assertThat(answer.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
      assertThat(answer.header("Server")).isNull();
    }
  }

  /** Verifies that parser limits are explained without naming the parser's Java classes. */
  @Test
  void parserLimitsNameNoJavaClass() throws Exception {
    JsonObject toolCall = new JsonObject().put("function", new JsonObject().put("name", "f")
        .put("arguments", "[".repeat(1500)));
    JsonObject openAi = new JsonObject().put("model", "m").put("messages", new JsonArray()
        .add(new JsonObject().put("role", "assistant").put("tool_calls", new JsonArray().add(toolCall))));
    List<HttpResult> answers = List.of(
        send(HttpMethod.POST, "/api/v1/chat", "[".repeat(1500)),
        send(HttpMethod.POST, "/api/v1/chat", "{\"messages\":" + "1".repeat(1500) + "}"),
        send(HttpMethod.POST, "/api/v1/chat", "{\"messages\": nul}"),
        send(HttpMethod.POST, "/v1/chat/completions", openAi.encode()));

    assertThat(answers).extracting(HttpResult::status).containsOnly(400);
    assertThat(answers.get(0).json().getString("detail")).contains("nesting depth").contains("1000");
    for (HttpResult answer : answers) {
      assertThat(answer.body()).doesNotContain("`").doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z]")
          .doesNotContain("StreamRead").doesNotContain("Exception").doesNotContain("\tat ");
    }
  }
}
