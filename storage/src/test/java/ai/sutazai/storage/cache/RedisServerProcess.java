package ai.sutazai.storage.cache;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A throwaway {@code redis-server} on a fixed free loopback port, without persistence, that tests
 * can stop and start again on the same port.
 */
final class RedisServerProcess implements AutoCloseable {

  private static final String BINARY = System.getProperty("redis.server", "/usr/bin/redis-server");

  private final int port;
  private Process process;

  RedisServerProcess(int port) {
    this.port = port;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts the server and returns once it logged that it accepts connections. */
  RedisServerProcess start() throws IOException, InterruptedException, ExecutionException,
      TimeoutException {
    process = new ProcessBuilder(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no")
        .redirectErrorStream(true)
        .start();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> drain(ready), "redis-server-" + port);
    reader.setDaemon(true);
    reader.start();
    process.onExit().thenRun(() -> ready.completeExceptionally(
        new IllegalStateException("redis-server on port " + port + " exited early")));
    ready.get(15, TimeUnit.SECONDS);
    return this;
  }

  /** Stops the server (SIGTERM) and waits until it is gone. */
  void stop() throws IOException, InterruptedException {
    if (process == null) {
      return;
    }
    resume();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    process = null;
  }

  /** Freezes the server (SIGSTOP): connections stay open but nothing is answered. */
  void pause() throws IOException, InterruptedException {
    signal("-STOP");
  }

  /** Lets a paused server go on (SIGCONT). */
  void resume() throws IOException, InterruptedException {
    signal("-CONT");
  }

  private void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill " + signal + " failed for redis-server " + port);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    stop();
  }

  private void drain(CompletableFuture<Void> ready) {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.contains("Ready to accept connections")) {
          ready.complete(null);
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
  }
}
