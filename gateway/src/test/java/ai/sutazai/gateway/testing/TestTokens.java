package ai.sutazai.gateway.testing;

import ai.sutazai.gateway.auth.Role;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

/**
 * Tokens for gateway tests, signed with {@link #SECRET}, the HS256 secret {@link TestGateway}
 * configures; others signed with another secret for bad-signature cases.
 */
public final class TestTokens {

  public static final String SECRET = "gateway-test-secret-of-at-least-32-bytes";
  public static final String OTHER_SECRET = "another-secret-that-sutazai-does-not-know";
  /** The subject of the default token: the owner the tests' conversations belong to. */
  public static final String DEFAULT_SUBJECT = "local";

  private final JWTAuth provider;

  private TestTokens(Vertx vertx, String secret) {
    this.provider = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
  }

  /** Tokens signed with the secret the test gateway trusts. */
  public static TestTokens trusted(Vertx vertx) {
    return new TestTokens(vertx, SECRET);
  }

  /** Tokens signed with a secret the test gateway does not trust. */
  public static TestTokens untrusted(Vertx vertx) {
    return new TestTokens(vertx, OTHER_SECRET);
  }

  /** A token for {@code subject} with {@code role}, valid for an hour. */
  public String of(String subject, Role role) {
    return signed(new JsonObject().put("sub", subject).put("role", role.wireName())
        .put("exp", nowSeconds() + 3600));
  }

  /** A token with exactly these claims (plus {@code iat}). */
  public String signed(JsonObject claims) {
    return provider.generateToken(claims, new JWTOptions().setAlgorithm("HS256"));
  }

  public static long nowSeconds() {
    return System.currentTimeMillis() / 1000;
  }

  /** The header value for a token. */
  public static String bearer(String token) {
    return "Bearer " + token;
  }
}
