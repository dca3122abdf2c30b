package ai.sutazai.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The packaged {@code sutazai.jar} (path in the system property {@code sutazai.jar}) running as a
 * child process in a working directory of the test's choosing, with its output kept in files there.
 * Unless the test sets {@code SUTAZAI_JWT_SECRET} itself (empty to let SutazAI make its own secret), the
 * process trusts {@link TestJwt#SECRET}, and {@link #send} and {@link #status} carry {@link TestJwt#ADMIN}.
 */
final class SutazaiProcess implements AutoCloseable {

  static final Duration STARTUP = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2))
      .build();

  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private SutazaiProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Starts {@code java -jar sutazai.jar args} in {@code workDir} (its output goes to files beside it,
   * so the directory holds only what the test puts there) with no SUTAZAI_* variables but {@code env}.
   */
  static SutazaiProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
    Path jar = Path.of(System.getProperty("sutazai.jar", "target/sutazai.jar")).toAbsolutePath();
    assertThat(jar).as("the fat jar (build it with package first)").isRegularFile();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    Files.createDirectories(workDir);
    Path stdout = workDir.resolveSibling(workDir.getFileName() + "-stdout.log");
    Path stderr = workDir.resolveSibling(workDir.getFileName() + "-stderr.log");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("SUTAZAI_"));
    builder.environment().putAll(env);
    builder.environment().putIfAbsent("SUTAZAI_JWT_SECRET", TestJwt.SECRET);
    return new SutazaiProcess(builder.start(), stdout, stderr);
  }

  /** A port that was free a moment ago. */
  static int freePort() throws IOException {
    return FreePorts.pick();
  }

  String stdout() {
    return read(stdout);
  }

  String stderr() {
    return read(stderr);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Sends SIGTERM (what {@link Process#destroy()} does on Unix). */
  void terminate() {
    process.destroy();
  }

  /** Sends SIGKILL ({@code kill -9}): nothing of SutazAI's shutdown runs. */
  void kill() {
    process.destroyForcibly();
  }

  /** Sends SIGINT, as Ctrl-C in a terminal does. */
  void interrupt() throws IOException, InterruptedException {
    int exit = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor();
    assertThat(exit).as("kill -INT exit code").isZero();
  }

  /** Waits for the process to end and returns its exit code; fails if it runs on past the timeout. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      fail("sutazai still runs after " + timeout + "; its log:\n" + stderr());
    }
    return process.exitValue();
  }

  /** Polls the health endpoint until it answers 200; fails when the process dies or the deadline passes. */
  void awaitHealthy(int port) throws InterruptedException {
    URI health = URI.create("http://127.0.0.1:" + port + "/api/v1/system/health");
    awaitTrue(() -> answers200(health), STARTUP, "health to answer 200");
  }

  /** Polls until {@code condition} holds; fails when the process dies first or the deadline passes. */
  void awaitTrue(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (!process.isAlive()) {
        fail("sutazai exited with " + process.exitValue() + " while waiting for " + what + "; its log:\n"
            + stderr());
      }
      if (System.nanoTime() > deadline) {
        fail("no " + what + " within " + timeout + "; sutazai's log:\n" + stderr());
      }
      Thread.sleep(50);
    }
  }

  /** Sends a request with an optional JSON body and reads the answer as text. */
  static HttpResponse<String> send(String method, URI uri, String json) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .header("Authorization", TestJwt.ADMIN);
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static int status(URI uri) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
            .header("Authorization", TestJwt.ADMIN).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /**
   * Stops a process the test left running with SIGTERM, so its embedded PostgreSQL stops too, and
   * with SIGKILL if it does not end within a grace period.
   */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static boolean answers200(URI uri) {
    try {
      return status(uri) == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }
}
