package ai.sutazai.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.auth.AccessRule;
import ai.sutazai.gateway.auth.AccessTable;
import ai.sutazai.gateway.auth.Role;
import ai.sutazai.launcher.TestJwt;
import ai.sutazai.launcher.e2e.RunningPlatform.Reply;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The route table walk: every route of the {@link AccessTable} with every kind of credential gets
 * exactly what the table implies: 401 for no or a bad credential, 403 for a role the route does not
 * admit, and otherwise neither (the route may still answer 400 or 404 for want of a body or a thing).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RouteTableWalkIT {

  private static final String ISSUER = "https://sutazai.test";
  private static final String AUDIENCE = "sutazai-api";
  private static RunningPlatform platform;
  private static final Map<String, String> BAD = new LinkedHashMap<>();
  private static final Map<String, Role> GOOD = new LinkedHashMap<>();
  private static final Map<String, String> AUTHORIZATION = new LinkedHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    platform = RunningPlatform.start(new FakeOllamaOptions(), new JsonObject()
        .put("jwt", new JsonObject().put("issuer", ISSUER).put("audience", AUDIENCE)));
    long now = System.currentTimeMillis() / 1000;
    String claims = "\"sub\":\"walker\",\"role\":\"admin\"";
    BAD.put("no token", null);
    BAD.put("malformed token", "Bearer not.a.jwt");
    BAD.put("bad signature", "Bearer " + TestJwt.signClaims("a-secret-the-platform-has-never-seen!!",
        "{" + claims + ",\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":" + (now + 600) + "}"));
    BAD.put("expired", "Bearer " + TestJwt.signClaims(RunningPlatform.JWT_SECRET,
        "{" + claims + ",\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":" + (now - 600) + "}"));
    BAD.put("wrong issuer", "Bearer " + TestJwt.signClaims(RunningPlatform.JWT_SECRET,
        "{" + claims + ",\"iss\":\"https://elsewhere\",\"aud\":\"" + AUDIENCE + "\",\"exp\":" + (now + 600) + "}"));
    BAD.put("wrong audience", "Bearer " + TestJwt.signClaims(RunningPlatform.JWT_SECRET,
        "{" + claims + ",\"iss\":\"" + ISSUER + "\",\"aud\":\"other\",\"exp\":" + (now + 600) + "}"));
    JsonObject revoked = createKey("admin");
    assertThat(platform.exchange(io.vertx.core.http.HttpMethod.DELETE, "/api/v1/keys/" + revoked.getString("id"),
        (JsonObject) null, MultiMap.caseInsensitiveMultiMap()).await().status()).isEqualTo(204);
    BAD.put("revoked API key", "Bearer " + revoked.getString("key"));
    for (Role role : Role.values()) {
      String name = role.wireName() + " JWT";
      GOOD.put(name, role);
      AUTHORIZATION.put(name, "Bearer " + platform.token("walker-" + role.wireName(), role));
    }
    GOOD.put("user API key", Role.USER);
    AUTHORIZATION.put("user API key", "Bearer " + createKey("user").getString("key"));
    GOOD.put("viewer API key", Role.VIEWER);
    AUTHORIZATION.put("viewer API key", "Bearer " + createKey("viewer").getString("key"));
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  private static JsonObject createKey(String role) {
    Reply created = platform.postAndRead("/api/v1/keys", new JsonObject().put("name", "walk " + role).put("role", role));
    assertThat(created.status()).isEqualTo(201);
    return created.json();
  }

  /** Verifies that every route and credential gets the status class the access table implies. */
  @Test
  void everyRouteAndCredentialGetsWhatTheTableSays() {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (AccessRule rule : AccessTable.rules()) {
      String path = concrete(rule.pattern());
      boolean open = rule.isPublic(false);
      for (Map.Entry<String, String> bad : BAD.entrySet()) {
        checked++;
        expect(wrong, rule, path, bad.getKey(), bad.getValue(), open ? "allowed" : "401");
      }
      for (Map.Entry<String, Role> good : GOOD.entrySet()) {
        checked++;
        boolean admitted = open || rule.roles().contains(good.getValue());
        expect(wrong, rule, path, good.getKey(), AUTHORIZATION.get(good.getKey()), admitted ? "allowed" : "403");
      }
    }
    assertThat(checked).isEqualTo(AccessTable.rules().size() * (BAD.size() + GOOD.size()));
    assertThat(wrong).as("requests that got another status than the table implies").isEmpty();
  }

  private static void expect(List<String> wrong, AccessRule rule, String path, String credential,
      String authorization, String expected) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (authorization != null) {
      headers.set("Authorization", authorization);
    }
    Reply reply = platform.exchangeExactly(rule.method(), path, "application/json", null, headers).await();
    String got = reply.status() == 401 || reply.status() == 403 ? String.valueOf(reply.status()) : "allowed";
    if (reply.status() == 401 && !String.valueOf(reply.headers().get("WWW-Authenticate")).startsWith("Bearer")) {
      got = "401 without WWW-Authenticate";
    }
    if (!got.equals(expected)) {
      wrong.add(rule.method() + " " + path + " with " + credential + ": expected " + expected + ", got "
          + reply.status() + " " + reply.body());
    }
  }

  /** A path that fits the pattern: a fresh UUID for an id, a model name for a model. */
  private static String concrete(String pattern) {
    return pattern.replaceAll("\\{id}", UUID.randomUUID().toString())
        .replaceAll("\\{[a-z]+\\.\\.\\.}", "no-such-model:latest");
  }
}
