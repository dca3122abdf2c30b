package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.auth.Role;
import ai.sutazai.gateway.testing.HttpResult;
import ai.sutazai.gateway.testing.TestGateway;
import ai.sutazai.gateway.testing.TestTokens;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /api/v1/keys}: creating, listing and revoking API keys, and using them as bearer tokens. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiKeyRoutesTest {

  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx);
  }

  @AfterEach
  void closeClients() throws Exception {
    gateway.closeClients();
  }

  private HttpResult as(String key, HttpMethod method, String path) throws Exception {
    return gateway.sendExactly(method, path, MultiMap.caseInsensitiveMultiMap().set("Authorization", "Bearer " + key),
        null).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private JsonObject create(String name, String role) throws Exception {
    HttpResult created = gateway.postJson("/api/v1/keys", new JsonObject().put("name", name).put("role", role));
    assertThat(created.status()).isEqualTo(201);
    return created.json();
  }

  /** Verifies that a new key is shown once, stored only as a hash, listed without it, and works as a token. */
  @Test
  void createdKeyIsShownOnceAndWorks() throws Exception {
    JsonObject created = create("ci bot", "user");
    String key = created.getString("key");

    assertThat(created.fieldNames()).containsExactlyInAnyOrder("id", "key", "name", "role", "prefix", "created_at");
    assertThat(key).startsWith("sk-sutazai-").startsWith(created.getString("prefix"));
    assertThat(gateway.storage().keysHold(key)).isFalse();
    JsonArray listed = gateway.get("/api/v1/keys").json().getJsonArray("keys");
    assertThat(listed.encode()).doesNotContain(key).doesNotContain("hash");
    assertThat(listed.getJsonObject(0).getString("owner")).isEqualTo(TestTokens.DEFAULT_SUBJECT);

    assertThat(as(key, HttpMethod.GET, "/v1/models").status()).isEqualTo(200);
    assertThat(as(key, HttpMethod.GET, "/api/tags").status()).isEqualTo(200);
    assertThat(as(key, HttpMethod.GET, "/api/v1/conversations").status()).isEqualTo(200);
    assertThat(gateway.storage().calls(StorageAddresses.CONVERSATION_LIST))
        .extracting(call -> call.getString("owner")).containsExactly(TestTokens.DEFAULT_SUBJECT);
    assertThat(as(key, HttpMethod.GET, "/api/v1/keys").status()).isEqualTo(403);
  }

  /** Verifies that a revoked key is refused on the next request, and a second revoke is 404. */
  @Test
  void revokedKeyIsRefusedAtOnce() throws Exception {
    JsonObject created = create("old", "viewer");
    String key = created.getString("key");
    assertThat(as(key, HttpMethod.GET, "/api/v1/models").status()).isEqualTo(200);

    assertThat(gateway.delete("/api/v1/keys/" + created.getString("id")).status()).isEqualTo(204);

    HttpResult refused = as(key, HttpMethod.GET, "/api/v1/models");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().getString("detail")).contains("revoked");
    assertThat(gateway.delete("/api/v1/keys/" + created.getString("id")).status()).isEqualTo(404);
    assertThat(gateway.delete("/api/v1/keys/not-a-uuid").status()).isEqualTo(400);
    String unknown = "sk-sutazai-" + "A".repeat(43);
    assertThat(as(unknown, HttpMethod.GET, "/api/v1/models").json().getString("detail")).contains("unknown");
  }

  /** Verifies that bad bodies are refused with 400 naming the field. */
  @Test
  void badBodiesName400TheField() throws Exception {
    List<JsonObject> bodies = List.of(
        new JsonObject().put("role", "user"),
        new JsonObject().put("name", 7).put("role", "user"),
        new JsonObject().put("name", "x"),
        new JsonObject().put("name", "x").put("role", "root"),
        new JsonObject().put("name", "x").put("role", "user").put("owner", "mallory"),
        new JsonObject().put("name", "x".repeat(101)).put("role", "user"));
    List<String> pointers = List.of("/name", "/name", "/role", "/role", "/owner", "/name");
    for (int i = 0; i < bodies.size(); i++) {
      HttpResult result = gateway.postJson("/api/v1/keys", bodies.get(i));
      assertThat(result.status()).as(bodies.get(i).encode()).isEqualTo(400);
      assertThat(result.json().getString("detail")).startsWith(pointers.get(i));
    }
    assertThat(gateway.storage().calls(StorageAddresses.API_KEY_CREATE)).isEmpty();
  }

  /** Verifies that while PostgreSQL is down an API key gets 503, not 401, and JWTs still work. */
  @Test
  void keysCannotBeCheckedWhilePostgresIsDown() throws Exception {
    String key = create("bot", "user").getString("key");
    gateway.storage().postgresDown("connection refused");

    HttpResult result = as(key, HttpMethod.GET, "/v1/models");
    assertThat(result.status()).isEqualTo(503);
    assertThat(result.json().getString("type")).isEqualTo("urn:sutazai:problem:storage-unavailable");
    assertThat(gateway.send(HttpMethod.GET, "/v1/models", null, null).await(20, TimeUnit.SECONDS).status())
        .isEqualTo(200);
  }

  /** Verifies that an admin key may create keys, acting for the admin who made it. */
  @Test
  void adminKeyActsForItsOwner() throws Exception {
    String admin = TestTokens.bearer(gateway.tokens().of("ada", Role.ADMIN));
    HttpResult created = gateway.postJson("/api/v1/keys", new JsonObject().put("name", "ops").put("role", "admin"),
        MultiMap.caseInsensitiveMultiMap().set("Authorization", admin));
    String key = created.json().getString("key");
    assertThat(as(key, HttpMethod.DELETE, "/api/v1/keys/" + UUID.randomUUID()).status()).isEqualTo(404);
    assertThat(gateway.get("/api/v1/keys").json().getJsonArray("keys").getJsonObject(0).getString("owner"))
        .isEqualTo("ada");
  }
}
