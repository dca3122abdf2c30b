package ai.sutazai.gateway.auth;

import ai.sutazai.verticles.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys that verify (and, where there is a private key, mint) SutazAI's JWTs, from the first
 * configured of {@code jwt.secret} (HS256), {@code jwt.key_file} (a PEM public key, RS256 or ES256,
 * with an optional private key), {@code jwt.jwks_url}, and the generated {@link SecretFile}.
 *
 * @param options the keys for vertx-auth-jwt
 * @param algorithm the algorithm minted tokens use, or null when these keys cannot mint
 * @param source what the keys came from, for the log (never the key itself)
 */
public record JwtKeys(JWTAuthOptions options, String algorithm, String source) {

  /** Shortest HS256 secret accepted: 256 bits. */
  public static final int MIN_SECRET_BYTES = 32;

  private static final Pattern PEM_BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  /** Whether these keys can mint tokens (a secret, or a private key). */
  public boolean canMint() {
    return algorithm != null;
  }

  /** Loads the configured keys without blocking; fails with a message naming the setting at fault. */
  public static Future<JwtKeys> load(Vertx vertx, JsonObject config) {
    String secret = Settings.JWT_SECRET.optionalStringIn(config);
    if (secret != null) {
      return hmac(secret, "jwt.secret");
    }
    String keyFile = Settings.JWT_KEY_FILE.optionalStringIn(config);
    if (keyFile != null) {
      return vertx.fileSystem().readFile(keyFile)
          .recover(e -> Future.failedFuture(new IllegalStateException("jwt.key_file " + keyFile
              + " cannot be read: " + e.getMessage())))
          .compose(pem -> pem(pem.toString(StandardCharsets.US_ASCII), "jwt.key_file " + keyFile));
    }
    String jwksUrl = Settings.JWT_JWKS_URL.optionalStringIn(config);
    if (jwksUrl != null) {
      return jwks(vertx, jwksUrl);
    }
    String file = SecretFile.path(config).toString();
    return vertx.fileSystem().readFile(file)
        .recover(e -> Future.failedFuture(new IllegalStateException("no JWT key is configured and " + file
            + " cannot be read (" + e.getMessage() + "); set SUTAZAI_JWT_SECRET, jwt.key_file or jwt.jwks_url,"
            + " or start SutazAI through its launcher, which creates that file")))
        .compose(text -> hmac(SecretFile.secretIn(text.toString(StandardCharsets.UTF_8)), file));
  }

  static Future<JwtKeys> hmac(String secret, String source) {
    int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
    if (bytes < MIN_SECRET_BYTES) {
      return Future.failedFuture(new IllegalStateException(source + " must hold at least " + MIN_SECRET_BYTES
          + " bytes (256 bits) of secret, got " + bytes));
    }
    JWTAuthOptions options = new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret));
    return Future.succeededFuture(new JwtKeys(options, "HS256", "HS256 secret from " + source));
  }

  /** Reads a PEM text with a {@code PUBLIC KEY} and optionally a {@code PRIVATE KEY} (PKCS#8) block. */
  static Future<JwtKeys> pem(String text, String source) {
    try {
      String publicKey = null;
      String privateKey = null;
      Matcher block = PEM_BLOCK.matcher(text);
      while (block.find()) {
        if (block.group(1).equals("PUBLIC KEY")) {
          publicKey = block.group();
        } else if (block.group(1).equals("PRIVATE KEY")) {
          privateKey = block.group();
        } else {
          throw new IllegalStateException(source + " holds a " + block.group(1) + " block; expected PUBLIC KEY"
              + " and optionally PRIVATE KEY (PKCS#8: convert with openssl pkcs8 -topk8 -nocrypt)");
        }
      }
      if (publicKey == null) {
        throw new IllegalStateException(source + " holds no -----BEGIN PUBLIC KEY----- block");
      }
      String algorithm = algorithmOf(decode(publicKey, new X509EncodedKeySpec(body(publicKey))), source);
      JWTAuthOptions options = new JWTAuthOptions()
          .addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(publicKey));
      if (privateKey != null) {
        decode(privateKey, new PKCS8EncodedKeySpec(body(privateKey)));
        options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(privateKey));
      }
      return Future.succeededFuture(new JwtKeys(options, privateKey == null ? null : algorithm,
          algorithm + " key from " + source));
    } catch (IllegalStateException e) {
      return Future.failedFuture(e);
    }
  }

  private static Future<JwtKeys> jwks(Vertx vertx, String url) {
    HttpClient client = vertx.createHttpClient();
    return client.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
        .setConnectTimeout(10_000).setIdleTimeout(10_000))
        .compose(request -> request.send())
        .compose(response -> response.statusCode() == 200 ? response.body()
            : Future.failedFuture("it answered HTTP " + response.statusCode()))
        .eventually(() -> client.close())
        .transform(fetched -> {
          if (fetched.failed()) {
            return Future.failedFuture(new IllegalStateException("jwt.jwks_url " + url + " cannot be read: "
                + fetched.cause().getMessage()));
          }
          return jwksFrom(fetched.result(), url);
        });
  }

  static Future<JwtKeys> jwksFrom(Buffer body, String url) {
    List<JsonObject> keys = new ArrayList<>();
    try {
      JsonArray array = body.toJsonObject().getJsonArray("keys");
      array.forEach(key -> keys.add((JsonObject) key));
    } catch (RuntimeException e) {
      return Future.failedFuture(new IllegalStateException("jwt.jwks_url " + url
          + " did not answer a JWK set ({\"keys\": [...]})"));
    }
    if (keys.isEmpty()) {
      return Future.failedFuture(new IllegalStateException("jwt.jwks_url " + url + " lists no keys"));
    }
    return Future.succeededFuture(new JwtKeys(new JWTAuthOptions().setJwks(keys), null,
        keys.size() + " key(s) from " + url));
  }

  private static String algorithmOf(PublicKey key, String source) {
    if (key instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      switch (bits) {
        case 256:
          return "ES256";
        case 384:
          return "ES384";
        case 521:
          return "ES512";
        default:
          throw new IllegalStateException(source + " holds an EC key on an unsupported curve (" + bits + " bits)");
      }
    }
    return "RS256";
  }

  /** Decodes a key of either type, RSA or EC, failing with a message naming the source. */
  @SuppressWarnings("unchecked")
  private static <K> K decode(String block, KeySpec spec) {
    for (String type : List.of("RSA", "EC")) {
      try {
        KeyFactory factory = KeyFactory.getInstance(type);
        return (K) (spec instanceof X509EncodedKeySpec ? factory.generatePublic(spec) : factory.generatePrivate(spec));
      } catch (InvalidKeySpecException e) {
        continue;
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("this Java has no " + type + " key support", e);
      }
    }
    throw new IllegalStateException("the PEM block " + block.lines().findFirst().orElse("")
        + " is neither an RSA nor an EC key");
  }

  private static byte[] body(String block) {
    String base64 = block.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(base64);
  }
}
