package ai.sutazai.gateway.auth;

import ai.sutazai.verticles.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a JWT into a {@link Caller}: vertx-auth-jwt verifies the signature with {@link JwtKeys},
 * {@link JwtClaims} checks time, issuer, audience, subject and role so that each failure says what was
 * wrong. Keys from a JWKS URL are fetched again every ten minutes; the old ones stay while that fails.
 */
public final class JwtVerifier {

  static final long JWKS_REFRESH_MS = 600_000;
  private static final Logger log = LoggerFactory.getLogger(JwtVerifier.class);

  private final AtomicReference<JWTAuth> provider = new AtomicReference<>();
  private final JwtClaims claims;

  private JwtVerifier(JWTAuth provider, JwtClaims claims) {
    this.provider.set(provider);
    this.claims = claims;
  }

  /** A verifier with the configured keys (JWKS keys are refreshed on a timer of the calling verticle). */
  public static Future<JwtVerifier> start(Vertx vertx, JsonObject config) {
    JwtClaims claims = new JwtClaims(Settings.JWT_ISSUER.optionalStringIn(config),
        Settings.JWT_AUDIENCE.optionalStringIn(config), Settings.JWT_LEEWAY_S.intIn(config));
    return JwtKeys.load(vertx, config).map(keys -> {
      log.info("authentication: JWTs verified with the {}", keys.source());
      JwtVerifier verifier = new JwtVerifier(signatureOnly(vertx, keys), claims);
      if (Settings.JWT_JWKS_URL.optionalStringIn(config) != null) {
        vertx.setPeriodic(JWKS_REFRESH_MS, id -> JwtKeys.load(vertx, config)
            .onSuccess(fresh -> verifier.provider.set(signatureOnly(vertx, fresh)))
            .onFailure(e -> log.warn("authentication: keeping the previous JWKS keys: {}", e.getMessage())));
      }
      return verifier;
    });
  }

  /** A provider that checks the signature only; {@link JwtClaims} checks the rest with its own messages. */
  private static JWTAuth signatureOnly(Vertx vertx, JwtKeys keys) {
    JWTAuthOptions options = new JWTAuthOptions(keys.options())
        .setJWTOptions(new JWTOptions().setIgnoreExpiration(true));
    return JWTAuth.create(vertx, options);
  }

  /** The caller a token names; fails with an {@link AuthFailure} saying what was wrong. */
  public Future<Caller> verify(String token) {
    JsonObject payload;
    try {
      payload = JwtClaims.payload(token);
    } catch (AuthFailure e) {
      return Future.failedFuture(e);
    }
    return provider.get().authenticate(new TokenCredentials(token))
        .transform(verified -> {
          if (verified.failed()) {
            return Future.failedFuture(new AuthFailure("bad_signature",
                "the token's signature does not verify with SutazAI's keys"));
          }
          try {
            return Future.succeededFuture(claims.caller(payload, System.currentTimeMillis() / 1000));
          } catch (AuthFailure e) {
            return Future.failedFuture(e);
          }
        });
  }
}
