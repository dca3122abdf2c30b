package ai.sutazai.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two SutazAI processes from the fat jar on the machine's Redis: one subject's rate limit holds across
 * both, counted atomically in Redis.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RateLimitAcrossProcessesIT {

  private static final int LIMIT = 10;
  private static final int REQUESTS = 40;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path temp;

  /** Verifies that of 40 concurrent requests of one user spread over two processes, exactly the limit passes. */
  @Test
  void theLimitHoldsAcrossTwoProcesses() throws Exception {
    String user = "Bearer " + TestJwt.sign(TestJwt.SECRET, "rate-" + UUID.randomUUID(), "user", 600);
    int firstPort = SutazaiProcess.freePort();
    int secondPort = SutazaiProcess.freePort();
    try (SutazaiProcess first = SutazaiProcess.start(temp.resolve("first"), env(firstPort));
         SutazaiProcess second = SutazaiProcess.start(temp.resolve("second"), env(secondPort))) {
      first.awaitHealthy(firstPort);
      second.awaitHealthy(secondPort);

      List<CompletableFuture<Integer>> sent = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        int port = i % 2 == 0 ? firstPort : secondPort;
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/models"))
            .timeout(Duration.ofSeconds(30)).header("Authorization", user).build();
        sent.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode));
      }
      List<Integer> codes = sent.stream().map(CompletableFuture::join).toList();

      assertThat(codes).filteredOn(code -> code == 429).hasSize(REQUESTS - LIMIT);
      assertThat(codes).filteredOn(code -> code != 429).hasSize(LIMIT);
    }
  }

  private static Map<String, String> env(int port) {
    return Map.of(
        "SUTAZAI_HTTP_PORT", String.valueOf(port),
        "SUTAZAI_REDIS_URL", "redis://127.0.0.1:6379",
        "SUTAZAI_RATELIMIT_USER_PER_MINUTE", String.valueOf(LIMIT),
        "SUTAZAI_OLLAMA_URL", "http://127.0.0.1:1");
  }
}
