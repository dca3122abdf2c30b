package ai.sutazai.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.testing.FakeOllama;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The fat jar started with {@code java -jar} in an empty directory: start, health, stop and start failures. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FatJarIT {

  private static final Duration EXIT = Duration.ofSeconds(60);

  @TempDir
  Path temp;

  /**
   * Verifies that the jar starts with no conf/ directory, logs one line per component, answers health,
   * and exits 0 after logging "stopping" and "stopped" on SIGTERM.
   */
  @Test
  void startsWithoutConfDirectoryAndStopsOnSigterm(Vertx vertx) throws Exception {
    FakeOllama ollama = FakeOllama.start(vertx).await();
    int port = SutazaiProcess.freePort();
    Path work = temp.resolve("work");

    try (SutazaiProcess sutazai = SutazaiProcess.start(work, Map.of(
        "SUTAZAI_HTTP_PORT", String.valueOf(port), "SUTAZAI_OLLAMA_URL", ollama.url()))) {
      sutazai.awaitHealthy(port);
      assertThat(work.resolve("conf")).doesNotExist();
      assertThat(sutazai.stderr()).contains(
          "config: defaults < environment (3 keys)",
          "ollama: " + ollama.url() + ", 1 parallel generation",
          "inference queue: 4 levels x 100, aging 30000 ms, deadline 300000 ms",
          "model routing: default=tinyllama:latest, reasoning=mistral:7b-instruct-q4_K_M",
          "gateway: http://0.0.0.0:" + port,
          "started in ");

      sutazai.terminate();

      assertThat(sutazai.awaitExit(EXIT)).isZero();
      String log = sutazai.stderr();
      assertThat(log.indexOf("stopping on SIGTERM")).isPositive();
      assertThat(log.indexOf("stopped", log.indexOf("stopping on SIGTERM") + 8)).isPositive();
      assertThat(log).doesNotContain("Exception");
    }
  }

  /** Verifies that with SUTAZAI_LOG_FORMAT=json every line the jar logs, from start to stop, is one JSON object. */
  @Test
  void logsJsonLines(Vertx vertx) throws Exception {
    FakeOllama ollama = FakeOllama.start(vertx).await();
    int port = SutazaiProcess.freePort();

    try (SutazaiProcess sutazai = SutazaiProcess.start(temp.resolve("work"), Map.of("SUTAZAI_LOG_FORMAT", "json",
        "SUTAZAI_HTTP_PORT", String.valueOf(port), "SUTAZAI_OLLAMA_URL", ollama.url()))) {
      sutazai.awaitHealthy(port);
      sutazai.terminate();
      assertThat(sutazai.awaitExit(EXIT)).isZero();

      List<JsonObject> lines = sutazai.stderr().lines().map(JsonObject::new).toList();
      assertThat(lines).allSatisfy(line -> assertThat(line.fieldNames())
          .contains("ts", "level", "logger", "thread", "message"));
      assertThat(lines).anySatisfy(line -> {
        assertThat(line.getString("logger")).isEqualTo("ai.sutazai.launcher.PlatformDeployment");
        assertThat(line.getString("message")).isEqualTo("gateway: http://0.0.0.0:" + port
            + ", bodies up to 1048576 bytes, shutdown grace 10000 ms");
      });
      assertThat(lines.get(lines.size() - 1).getString("message")).isEqualTo("stopped");
    }
  }

  /** Verifies that a gateway port already in use ends startup with one line naming the gateway, and exit code 1. */
  @Test
  void portInUseExitsWithOne(Vertx vertx) throws Exception {
    FakeOllama ollama = FakeOllama.start(vertx).await();
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("0.0.0.0", 0));
      try (SutazaiProcess sutazai = SutazaiProcess.start(temp.resolve("work"), Map.of(
          "SUTAZAI_HTTP_PORT", String.valueOf(taken.getLocalPort()), "SUTAZAI_OLLAMA_URL", ollama.url()))) {

        assertThat(sutazai.awaitExit(EXIT)).isEqualTo(1);
        assertThat(sutazai.stderr()).contains("ERROR Main - gateway (http://0.0.0.0:" + taken.getLocalPort()
                + ") failed to start: Address already in use")
            .doesNotContain("\tat ");
      }
    }
  }

  /** Verifies that --help prints the usage with every setting and exits 0 without starting anything. */
  @Test
  void helpPrintsUsage() throws Exception {
    try (SutazaiProcess sutazai = SutazaiProcess.start(temp.resolve("work"), Map.of(), "--help")) {

      assertThat(sutazai.awaitExit(EXIT)).isZero();
      assertThat(sutazai.stdout()).startsWith("Usage: java -jar sutazai.jar [--conf FILE] [--help]")
          .contains("SUTAZAI_OLLAMA_URL", "SUTAZAI_SHUTDOWN_GRACE_MS");
    }
  }

  /** Verifies that an unknown argument prints what is wrong and the usage, with exit code 2. */
  @Test
  void unknownArgumentExitsWithTwo() throws Exception {
    try (SutazaiProcess sutazai = SutazaiProcess.start(temp.resolve("work"), Map.of(), "--port", "80")) {

      assertThat(sutazai.awaitExit(EXIT)).isEqualTo(2);
      assertThat(sutazai.stderr()).startsWith("sutazai: unknown argument: --port")
          .contains("Usage: java -jar sutazai.jar");
      assertThat(Files.list(temp.resolve("work"))).isEmpty();
    }
  }
}
