package ai.sutazai.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.testing.FakeOllama;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fat jar records every mutating action and every refused credential in the audit log, exactly once
 * each, and no token, API key or secret used along the way reaches its logs.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class AuditTrailIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path temp;

  private int port;

  /** Verifies one audit row per mutating action and per refused credential, and no secret in any log line. */
  @Test
  void everyMutatingActionLeavesOneRowAndNoSecretIsLogged(Vertx vertx) throws Exception {
    FakeOllama ollama = FakeOllama.start(vertx).await();
    port = SutazaiProcess.freePort();
    String forged = "Bearer " + TestJwt.sign("a-secret-sutazai-does-not-trust-at-all", "mallory", "admin", 600);
    String apiKey;
    try (SutazaiProcess sutazai = SutazaiProcess.start(temp.resolve("work"),
        Map.of("SUTAZAI_HTTP_PORT", String.valueOf(port), "SUTAZAI_OLLAMA_URL", ollama.url()))) {
      sutazai.awaitHealthy(port);

      JsonObject key = new JsonObject(expect(201, "POST", "/api/v1/keys", TestJwt.ADMIN,
          new JsonObject().put("name", "ci").put("role", "user")));
      apiKey = key.getString("key");
      String user = "Bearer " + apiKey;
      String conversation = new JsonObject(expect(200, "POST", "/api/v1/chat", user,
          new JsonObject().put("messages", new JsonArray().add(new JsonObject().put("role", "user")
              .put("content", "hello"))))).getString("conversation_id");
      expect(200, "PATCH", "/api/v1/conversations/" + conversation, user, new JsonObject().put("title", "renamed"));
      expect(204, "DELETE", "/api/v1/conversations/" + conversation, user, null);
      expect(200, "POST", "/api/v1/models/pull", TestJwt.ADMIN,
          new JsonObject().put("name", "llama3.2").put("stream", false));
      expect(204, "DELETE", "/api/v1/models/tinyllama", TestJwt.ADMIN, null);
      expect(204, "DELETE", "/api/v1/keys/" + key.getString("id"), TestJwt.ADMIN, null);
      expect(401, "GET", "/api/v1/models", user, null);
      expect(401, "GET", "/api/v1/models", forged, null);
      expect(200, "GET", "/api/v1/models", TestJwt.ADMIN, null);

      List<String> expected = List.of("auth.failure", "auth.failure", "key.revoke", "model.delete", "model.pull",
          "conversation.delete", "conversation.rename", "key.create");
      sutazai.awaitTrue(() -> auditRows().size() >= expected.size(), Duration.ofSeconds(20), "the audit rows");
      JsonArray rows = auditRows();

      assertThat(rows.stream().map(row -> ((JsonObject) row).getString("action"))).containsExactlyElementsOf(expected);
      JsonObject created = rows.getJsonObject(7);
      assertThat(created.getString("target")).isEqualTo(key.getString("id"));
      assertThat(created.getString("subject")).isEqualTo("local");
      assertThat(created.getString("outcome")).isEqualTo("success");
      assertThat(created.getString("request_id")).isNotBlank();
      assertThat(rows.getJsonObject(5).getString("target")).isEqualTo(conversation);
      assertThat(rows.getJsonObject(5).getString("role")).isEqualTo("user");
      assertThat(rows.getJsonObject(0).getString("outcome")).isEqualTo("denied");
      assertThat(rows.encode()).doesNotContain(apiKey).doesNotContain(TestJwt.SECRET);

      sutazai.terminate();
      sutazai.awaitExit(Duration.ofSeconds(60));
      String logs = sutazai.stdout() + sutazai.stderr();
      assertThat(logs).contains("gateway");
      for (String secret : List.of(apiKey, TestJwt.SECRET, token(TestJwt.ADMIN), token(forged))) {
        assertThat(logs).as("the logs hold a secret").doesNotContain(secret);
      }
    }
  }

  private JsonArray auditRows() {
    try {
      return new JsonObject(expect(200, "GET", "/api/v1/audit?limit=200", TestJwt.ADMIN, null))
          .getJsonArray("entries");
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the audit log", e);
    }
  }

  private String expect(int status, String method, String path, String authorization, JsonObject body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).header("Authorization", authorization);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
    }
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(status);
    return response.body();
  }

  private static String token(String authorization) {
    return authorization.substring("Bearer ".length());
  }
}
