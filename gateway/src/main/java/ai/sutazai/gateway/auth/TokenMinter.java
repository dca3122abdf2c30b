package ai.sutazai.gateway.auth;

import ai.sutazai.verticles.config.Settings;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.time.Duration;

/**
 * Mints SutazAI tokens with the configured secret or private key: {@code sub}, {@code role},
 * {@code exp}, and the configured issuer and audience.
 */
public final class TokenMinter {

  private final JWTAuth provider;
  private final String algorithm;
  private final String issuer;
  private final String audience;

  /** A minter over keys that {@link JwtKeys#canMint() can mint}. */
  public TokenMinter(Vertx vertx, JwtKeys keys, JsonObject config) {
    if (!keys.canMint()) {
      throw new IllegalStateException("the " + keys.source() + " cannot mint tokens: configure jwt.secret, or a"
          + " jwt.key_file that also holds the PRIVATE KEY");
    }
    this.provider = JWTAuth.create(vertx, keys.options());
    this.algorithm = keys.algorithm();
    this.issuer = Settings.JWT_ISSUER.optionalStringIn(config);
    this.audience = Settings.JWT_AUDIENCE.optionalStringIn(config);
  }

  /** A token for {@code subject} acting as {@code role}, valid for {@code ttl}. */
  public String mint(String subject, Role role, Duration ttl) {
    JWTOptions options = new JWTOptions().setAlgorithm(algorithm)
        .setExpiresInSeconds((int) Math.min(Integer.MAX_VALUE, ttl.toSeconds()));
    if (issuer != null) {
      options.setIssuer(issuer);
    }
    if (audience != null) {
      options.addAudience(audience);
    }
    return provider.generateToken(new JsonObject().put("sub", subject).put("role", role.wireName()), options);
  }
}
