package ai.sutazai.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.junit5.VertxExtension;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Key material from each source: a PEM key file (RS256, ES256), a JWKS URL, and a too-short secret. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JwtKeysTest {

  @TempDir
  Path temp;

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private JsonObject keyFileConfig(KeyPair pair, boolean withPrivate) throws Exception {
    Path file = temp.resolve("jwt.pem");
    Files.writeString(file, pem("PUBLIC KEY", pair.getPublic().getEncoded())
        + (withPrivate ? pem("PRIVATE KEY", pair.getPrivate().getEncoded()) : ""));
    return new JsonObject().put("jwt", new JsonObject().put("key_file", file.toString()));
  }

  /** Verifies that RSA and EC P-256 key files verify tokens their private keys mint, as RS256 and ES256. */
  @Test
  void keyFileMintsAndVerifies(Vertx vertx) throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    for (KeyPair pair : new KeyPair[] {rsa.generateKeyPair(), ec.generateKeyPair()}) {
      JsonObject config = keyFileConfig(pair, true);
      JwtKeys keys = JwtKeys.load(vertx, config).await(10, TimeUnit.SECONDS);
      assertThat(keys.algorithm()).isEqualTo(pair.getPublic() instanceof RSAPublicKey ? "RS256" : "ES256");
      String token = new TokenMinter(vertx, keys, config).mint("alice", Role.OPERATOR, Duration.ofMinutes(5));
      JwtVerifier verifier = JwtVerifier.start(vertx, config).await(10, TimeUnit.SECONDS);
      assertThat(verifier.verify(token).await(10, TimeUnit.SECONDS))
          .isEqualTo(new Caller("alice", Role.OPERATOR, "jwt"));
    }
  }

  /** Verifies that a key file without a private key verifies but cannot mint. */
  @Test
  void publicKeyAloneCannotMint(Vertx vertx) throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    JwtKeys keys = JwtKeys.load(vertx, keyFileConfig(rsa.generateKeyPair(), false)).await(10, TimeUnit.SECONDS);
    assertThat(keys.canMint()).isFalse();
  }

  /** Verifies that keys from a JWKS URL verify tokens signed by the matching private key. */
  @Test
  void jwksUrlVerifies(Vertx vertx) throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair pair = rsa.generateKeyPair();
    RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
    JsonObject jwk = new JsonObject().put("kty", "RSA").put("alg", "RS256").put("use", "sig").put("kid", "k1")
        .put("n", unsigned(publicKey.getModulus())).put("e", unsigned(publicKey.getPublicExponent()));
    HttpServer server = vertx.createHttpServer()
        .requestHandler(request -> request.response().putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("keys", new JsonArray().add(jwk)).encode()))
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    JsonObject config = new JsonObject().put("jwt", new JsonObject()
        .put("jwks_url", "http://127.0.0.1:" + server.actualPort() + "/jwks"));
    String token = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
            .setAlgorithm("RS256").setId("k1").setBuffer(pem("PRIVATE KEY", pair.getPrivate().getEncoded()))))
        .generateToken(new JsonObject().put("sub", "idp-user").put("roles", new JsonArray().add("viewer")),
            new JWTOptions().setAlgorithm("RS256").setExpiresInSeconds(60));

    Promise<Caller> verified = Promise.promise();
    vertx.runOnContext(v -> JwtVerifier.start(vertx, config).compose(verifier -> verifier.verify(token))
        .onComplete(verified));

    assertThat(verified.future().await(20, TimeUnit.SECONDS)).isEqualTo(new Caller("idp-user", Role.VIEWER, "jwt"));
  }

  /** Verifies that a secret under 32 bytes and a missing key file stop the start with a message naming them. */
  @Test
  void badKeyMaterialNamesTheSetting(Vertx vertx) {
    Future<JwtKeys> shortSecret = JwtKeys.load(vertx, new JsonObject().put("jwt", new JsonObject().put("secret", "short")));
    Future<JwtKeys> missingFile = JwtKeys.load(vertx, new JsonObject().put("jwt", new JsonObject()
        .put("key_file", temp.resolve("absent.pem").toString())));
    Future<JwtKeys> noKey = JwtKeys.load(vertx, new JsonObject().put("data", new JsonObject()
        .put("dir", temp.resolve("empty").toString())));

    assertThat(message(shortSecret)).contains("jwt.secret must hold at least 32 bytes");
    assertThat(message(missingFile)).contains("jwt.key_file").contains("absent.pem");
    assertThat(message(noKey)).contains("no JWT key is configured").contains("SUTAZAI_JWT_SECRET");
  }

  private static String message(Future<JwtKeys> keys) {
    return keys.transform(done -> Future.succeededFuture(done.failed() ? done.cause().getMessage() : "loaded"))
        .await();
  }

  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOfRange(bytes, skip,
        bytes.length));
  }
}
