package ai.sutazai.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.testing.FakeOllama;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while a slow SSE chat streams: SutazAI stops accepting connections, lets the stream finish
 * within the grace period, and exits 0; a stream longer than the grace period is cut off.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GracefulShutdownIT {

  private static final int TOKENS = 20;
  private static final Duration EXIT = Duration.ofSeconds(60);
  private static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}],\"stream\":true}";

  @TempDir
  Path temp;

  /** Verifies that a stream running at SIGTERM completes while new connections are refused; exit code 0. */
  @Test
  void runningStreamCompletesAndNewConnectionsAreRefused(Vertx vertx) throws Exception {
    FakeOllama ollama = FakeOllama.start(vertx, new FakeOllamaOptions().tokensPerAnswer(TOKENS).tokenDelayMs(200))
        .await();
    int port = SutazaiProcess.freePort();

    try (SutazaiProcess sutazai = SutazaiProcess.start(temp.resolve("work"), Map.of(
        "SUTAZAI_HTTP_PORT", String.valueOf(port), "SUTAZAI_OLLAMA_URL", ollama.url()))) {
      sutazai.awaitHealthy(port);
      Iterator<String> stream = openChatStream(port).iterator();
      int tokensBeforeStop = readUntilFirstToken(stream);

      sutazai.terminate();
      sutazai.awaitTrue(() -> refusesConnections(port), Duration.ofSeconds(20), "refused connection");
      StreamEnd end = readToEnd(stream);

      assertThat(tokensBeforeStop + end.tokens()).isEqualTo(TOKENS);
      assertThat(end.tokens()).as("tokens that arrived after the port closed").isPositive();
      assertThat(end.lastEvent()).isEqualTo("done");
      assertThat(sutazai.awaitExit(EXIT)).isZero();
      assertThat(sutazai.stderr()).contains("stopping on SIGTERM", "stopped");
    }
  }

  /** Verifies that a stream outlasting shutdown.grace_ms is cut off and the process still exits 0 soon after. */
  @Test
  void streamLongerThanGraceIsCutOff(Vertx vertx) throws Exception {
    FakeOllama ollama = FakeOllama.start(vertx, new FakeOllamaOptions().tokensPerAnswer(1000).tokenDelayMs(100))
        .await();
    int port = SutazaiProcess.freePort();

    try (SutazaiProcess sutazai = SutazaiProcess.start(temp.resolve("work"), Map.of(
        "SUTAZAI_HTTP_PORT", String.valueOf(port), "SUTAZAI_OLLAMA_URL", ollama.url(),
        "SUTAZAI_SHUTDOWN_GRACE_MS", "1000"))) {
      sutazai.awaitHealthy(port);
      Iterator<String> stream = openChatStream(port).iterator();
      readUntilFirstToken(stream);

      sutazai.terminate();

      assertThat(sutazai.awaitExit(EXIT)).isZero();
      assertThat(readToEnd(stream).lastEvent()).isNotEqualTo("done");
    }
  }

  /** Verifies that SIGINT starts the graceful stop too, and a second signal during it exits at once. */
  @Test
  void secondSignalExitsAtOnce(Vertx vertx) throws Exception {
    FakeOllama ollama = FakeOllama.start(vertx, new FakeOllamaOptions().tokensPerAnswer(1000).tokenDelayMs(100))
        .await();
    int port = SutazaiProcess.freePort();

    try (SutazaiProcess sutazai = SutazaiProcess.start(temp.resolve("work"), Map.of(
        "SUTAZAI_HTTP_PORT", String.valueOf(port), "SUTAZAI_OLLAMA_URL", ollama.url(),
        "SUTAZAI_SHUTDOWN_GRACE_MS", "600000"))) {
      sutazai.awaitHealthy(port);
      readUntilFirstToken(openChatStream(port).iterator());

      sutazai.interrupt();
      sutazai.awaitTrue(() -> sutazai.stderr().contains("stopping on SIGINT"), Duration.ofSeconds(20),
          "the graceful stop to begin");
      sutazai.terminate();

      assertThat(sutazai.awaitExit(EXIT)).isEqualTo(128 + 15);
      assertThat(sutazai.stderr()).contains("SIGTERM during graceful stop: exiting now").doesNotContain("stopped");
    }
  }

  private static Stream<String> openChatStream(int port) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/chat"))
        .header("Content-Type", "application/json")
        .header("Accept", "text/event-stream")
        .header("Authorization", TestJwt.ADMIN)
        .POST(HttpRequest.BodyPublishers.ofString(CHAT))
        .build();
    HttpResponse<Stream<String>> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        .send(request, HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/event-stream"));
    return response.body();
  }

  private static int readUntilFirstToken(Iterator<String> stream) {
    while (stream.hasNext()) {
      if (stream.next().equals("event: token")) {
        return 1;
      }
    }
    throw new AssertionError("the stream ended before its first token");
  }

  /** Reads the rest of an SSE stream; a connection cut off mid-stream counts as its end. */
  private static StreamEnd readToEnd(Iterator<String> stream) {
    int tokens = 0;
    String lastEvent = "";
    try {
      while (stream.hasNext()) {
        String line = stream.next();
        if (line.startsWith("event: ")) {
          lastEvent = line.substring("event: ".length());
          tokens += lastEvent.equals("token") ? 1 : 0;
        }
      }
    } catch (UncheckedIOException cutOff) {
      lastEvent = "cut off: " + cutOff.getMessage();
    }
    return new StreamEnd(tokens, lastEvent);
  }

  private static boolean refusesConnections(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return false;
    } catch (ConnectException refused) {
      return true;
    } catch (IOException other) {
      return false;
    }
  }

  private record StreamEnd(int tokens, String lastEvent) {
  }
}
