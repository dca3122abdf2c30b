package ai.sutazai.launcher.bench;

import ai.sutazai.launcher.FreePorts;
import ai.sutazai.launcher.TestJwt;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged SutazAI jar running as its own process, configured through its environment. */
final class SutazaiUnderTest implements AutoCloseable {

  private final Process process;
  final int port;

  private SutazaiUnderTest(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static SutazaiUnderTest start(Path jar, Map<String, String> env) throws IOException, InterruptedException {
    int port = FreePorts.pick();
    Path workDir = Files.createTempDirectory("sutazai-bench");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(workDir.resolve("sutazai.log").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("SUTAZAI_"));
    builder.environment().putAll(env);
    builder.environment().put("SUTAZAI_HTTP_HOST", "127.0.0.1");
    builder.environment().put("SUTAZAI_JWT_SECRET", TestJwt.SECRET);
    builder.environment().put("SUTAZAI_RATELIMIT_ENABLED", "false");
    builder.environment().put("SUTAZAI_HTTP_PORT", String.valueOf(port));
    SutazaiUnderTest sutazai = new SutazaiUnderTest(builder.start(), port);
    sutazai.awaitHealthy(workDir.resolve("sutazai.log"));
    return sutazai;
  }

  private void awaitHealthy(Path log) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    URI health = URI.create("http://127.0.0.1:" + port + "/api/v1/system/health");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("SutazAI exited: " + Files.readString(log));
      }
      try {
        if (client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("SutazAI did not become healthy: " + Files.readString(log));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
