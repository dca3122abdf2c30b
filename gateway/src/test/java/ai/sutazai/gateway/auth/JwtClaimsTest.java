package ai.sutazai.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The claim checks that turn a verified JWT payload into a caller, each failure with its own reason. */
class JwtClaimsTest {

  private static final long NOW = 1_800_000_000L;
  private static final JwtClaims PLAIN = new JwtClaims(null, null, 30);
  private static final JwtClaims STRICT = new JwtClaims("https://idp.example", "sutazai", 30);

  private static JsonObject claims() {
    return new JsonObject().put("sub", "alice").put("role", "user").put("exp", NOW + 60);
  }

  private static String reasonOf(JwtClaims checks, JsonObject payload) {
    try {
      checks.caller(payload, NOW);
    } catch (AuthFailure failure) {
      return failure.reason();
    }
    return "accepted";
  }

  /** Verifies that a token with sub and role names that caller. */
  @Test
  void namesTheCaller() {
    assertThat(PLAIN.caller(claims(), NOW)).isEqualTo(new Caller("alice", Role.USER, "jwt"));
  }

  /** Verifies that exp and nbf are checked with the leeway, and only beyond it. */
  @Test
  void checksTimeWithLeeway() {
    assertThat(reasonOf(PLAIN, claims().put("exp", NOW - 29))).isEqualTo("accepted");
    assertThat(reasonOf(PLAIN, claims().put("exp", NOW - 31))).isEqualTo("expired");
    assertThat(reasonOf(PLAIN, claims().put("nbf", NOW + 29))).isEqualTo("accepted");
    assertThat(reasonOf(PLAIN, claims().put("nbf", NOW + 31))).isEqualTo("not_yet_valid");
    assertThat(reasonOf(PLAIN, claims().put("exp", "tomorrow"))).isEqualTo("malformed");
  }

  /** Verifies that issuer and audience are checked only when configured, aud as a string or a list. */
  @Test
  void checksIssuerAndAudienceWhenConfigured() {
    JsonObject right = claims().put("iss", "https://idp.example").put("aud", new JsonArray().add("x").add("sutazai"));
    assertThat(reasonOf(STRICT, right)).isEqualTo("accepted");
    assertThat(reasonOf(STRICT, right.copy().put("aud", "sutazai"))).isEqualTo("accepted");
    assertThat(reasonOf(STRICT, right.copy().put("iss", "https://evil.example"))).isEqualTo("wrong_issuer");
    assertThat(reasonOf(STRICT, right.copy().put("aud", "other"))).isEqualTo("wrong_audience");
    assertThat(reasonOf(STRICT, claims())).isEqualTo("wrong_issuer");
    assertThat(reasonOf(PLAIN, claims().put("iss", "anyone").put("aud", "anything"))).isEqualTo("accepted");
  }

  /** Verifies that role wins over roles, roles gives its most privileged known entry, and no role is refused. */
  @Test
  void readsTheRole() {
    JsonObject many = claims().copy();
    many.remove("role");
    assertThat(PLAIN.caller(many.copy().put("roles", new JsonArray().add("viewer").add("robot").add("operator")), NOW)
        .role()).isEqualTo(Role.OPERATOR);
    assertThat(reasonOf(PLAIN, many.copy().put("roles", new JsonArray().add("robot")))).isEqualTo("no_role");
    assertThat(reasonOf(PLAIN, many)).isEqualTo("no_role");
    assertThat(reasonOf(PLAIN, claims().put("role", "root"))).isEqualTo("no_role");
    assertThat(reasonOf(PLAIN, claims().put("sub", ""))).isEqualTo("no_subject");
  }

  /** Verifies that anything but three base64url parts with JSON objects is malformed. */
  @Test
  void refusesMalformedTokens() {
    String header = part("{\"alg\":\"HS256\"}");
    String payload = part(claims().encode());
    assertThat(JwtClaims.payload(header + "." + payload + ".c2ln").getString("sub")).isEqualTo("alice");
    for (String bad : new String[] {"abc", header + "." + payload, header + "." + payload + ".",
        header + ".!!!." + "c2ln", header + "." + part("[1,2]") + ".c2ln", part("nope") + "." + payload + ".c2ln"}) {
      assertThatThrownBy(() -> JwtClaims.payload(bad)).isInstanceOf(AuthFailure.class)
          .satisfies(e -> assertThat(((AuthFailure) e).reason()).isEqualTo("malformed"))
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(payload));
    }
  }

  private static String part(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
