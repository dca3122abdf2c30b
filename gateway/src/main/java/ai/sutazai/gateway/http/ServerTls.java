package ai.sutazai.gateway.http;

import ai.sutazai.verticles.config.Setting;
import ai.sutazai.verticles.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;

/**
 * TLS for the gateway's port from {@code tls.cert} and {@code tls.key} (PEM files): with both set it
 * serves HTTPS and WSS, and plain HTTP no longer; with neither, plain HTTP. One without the other,
 * an unreadable file, or files that are not a PEM certificate and its key fail the start with a
 * message naming the setting and the file.
 */
public final class ServerTls {

  private ServerTls() {
  }

  /** Whether the config asks for TLS. */
  public static boolean configured(JsonObject config) {
    return Settings.TLS_CERT.optionalStringIn(config) != null || Settings.TLS_KEY.optionalStringIn(config) != null;
  }

  /** Reads the PEM files (without blocking) into {@code options}, or leaves them plain when TLS is not configured. */
  public static Future<HttpServerOptions> apply(Vertx vertx, JsonObject config, HttpServerOptions options) {
    String cert = Settings.TLS_CERT.optionalStringIn(config);
    String key = Settings.TLS_KEY.optionalStringIn(config);
    if (cert == null && key == null) {
      return Future.succeededFuture(options);
    }
    if (cert == null || key == null) {
      Setting missing = cert == null ? Settings.TLS_CERT : Settings.TLS_KEY;
      Setting present = cert == null ? Settings.TLS_KEY : Settings.TLS_CERT;
      return Future.failedFuture(new IllegalArgumentException("TLS needs both " + Settings.TLS_CERT.envName()
          + " and " + Settings.TLS_KEY.envName() + ": " + present.envName() + " is set but " + missing.envName()
          + " (" + missing.path() + ") is not"));
    }
    return Future.all(read(vertx, Settings.TLS_CERT, cert), read(vertx, Settings.TLS_KEY, key))
        .compose(files -> {
          PemKeyCertOptions pem = new PemKeyCertOptions().setCertValue(files.resultAt(0)).setKeyValue(files.resultAt(1));
          try {
            pem.getKeyManagerFactory(vertx);
          } catch (Exception e) {
            return Future.failedFuture(new IllegalArgumentException(Settings.TLS_CERT.path() + " " + cert + " and "
                + Settings.TLS_KEY.path() + " " + key + " are not a PEM certificate and its private key: "
                + e.getMessage(), e));
          }
          return Future.succeededFuture(options.setSsl(true).setKeyCertOptions(pem));
        });
  }

  private static Future<Buffer> read(Vertx vertx, Setting setting, String path) {
    return vertx.fileSystem().readFile(path).recover(failure -> Future.failedFuture(new IllegalArgumentException(
        setting.path() + " (" + setting.envName() + "): cannot read " + path + ": " + failure.getMessage(), failure)));
  }
}
