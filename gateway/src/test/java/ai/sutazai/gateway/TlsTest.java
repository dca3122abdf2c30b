package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sutazai.gateway.testing.Scripts;
import ai.sutazai.gateway.testing.SocketFrames;
import ai.sutazai.gateway.testing.TestCertificate;
import ai.sutazai.gateway.testing.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS and WSS on the gateway's one port with tls.cert and tls.key, and clear errors when they are wrong. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TlsTest {

  @TempDir
  Path dir;

  private TestCertificate certificate;

  @BeforeEach
  void makeCertificate() throws Exception {
    certificate = TestCertificate.create(dir);
  }

  private static JsonObject tls(String cert, String key) {
    return new JsonObject().put("tls", new JsonObject().put("cert", cert).put("key", key));
  }

  /** Verifies that with a certificate the port answers HTTPS, streams chat over WSS, and refuses plain HTTP. */
  @Test
  void servesHttpsAndWssButNotPlainHttp(Vertx vertx) throws Exception {
    TestGateway gateway = TestGateway.start(vertx, tls(certificate.cert().toString(), certificate.key().toString()));
    gateway.fake().script(Scripts.answer(List.of("secure"), 0));
    PemTrustOptions trust = new PemTrustOptions().addCertPath(certificate.cert().toString());
    HttpClient https = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustOptions(trust)
        .setVerifyHost(true));
    WebSocketClient wss = vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true).setTrustOptions(trust));

    HttpClientResponse health = https.request(HttpMethod.GET, gateway.port(), "localhost", "/api/v1/system/health")
        .compose(request -> request.send())
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    WebSocket socket = wss.connect(new WebSocketConnectOptions().setHost("localhost").setPort(gateway.port())
        .setURI("/ws/chat").setSsl(true).addHeader("Authorization", gateway.defaultAuthorization()))
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    SocketFrames frames = new SocketFrames(socket);
    frames.send(TestGateway.chat("hello").put("type", "chat").put("id", "c1"));
    List<JsonObject> answer = frames.until(SocketFrames.ended("c1"));
    Throwable plain = gateway.send(HttpMethod.GET, "/api/v1/system/health", null, null)
        .map(result -> (Throwable) null).otherwise(failure -> failure)
        .await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.request().connection().isSsl()).isTrue();
    assertThat(answer.get(0).getString("content")).isEqualTo("secure");
    assertThat(answer.get(answer.size() - 1).getString("type")).isEqualTo("done");
    assertThat(plain).as("plain HTTP on the TLS port").isNotNull();
    https.close().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    wss.close().await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);
    gateway.closeClients();
  }

  /** Verifies that a certificate without its key, or a key without its certificate, stops the start naming both variables. */
  @Test
  void oneWithoutTheOtherIsAConfigError(Vertx vertx) {
    assertThatThrownBy(() -> TestGateway.start(vertx, tls(certificate.cert().toString(), "")))
        .hasMessageContaining("SUTAZAI_TLS_CERT is set but SUTAZAI_TLS_KEY (tls.key) is not");
    assertThatThrownBy(() -> TestGateway.start(vertx, tls("", certificate.key().toString())))
        .hasMessageContaining("SUTAZAI_TLS_KEY is set but SUTAZAI_TLS_CERT (tls.cert) is not");
  }

  /** Verifies that a missing file, or a file that is no PEM key, stops the start naming the file. */
  @Test
  void unreadableFilesAreNamed(Vertx vertx) throws Exception {
    String missing = dir.resolve("nowhere.pem").toString();
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a key");

    assertThatThrownBy(() -> TestGateway.start(vertx, tls(certificate.cert().toString(), missing)))
        .hasMessageContaining("tls.key (SUTAZAI_TLS_KEY): cannot read " + missing);
    assertThatThrownBy(() -> TestGateway.start(vertx, tls(certificate.cert().toString(), garbage.toString())))
        .hasMessageContaining(garbage.toString()).hasMessageContaining("not a PEM certificate and its private key");
  }
}
