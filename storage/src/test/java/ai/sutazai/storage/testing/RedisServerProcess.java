package ai.sutazai.storage.testing;

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
public final class RedisServerProcess implements AutoCloseable {

  private static final String BINARY = System.getProperty("redis.server", "/usr/bin/redis-server");

  private final int port;
  private Process process;

  public RedisServerProcess(int port) {
    this.port = port;
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts the server and returns once it logged that it accepts connections. */
  public RedisServerProcess start() {
    try {
      startAndWait();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException("redis-server on port " + port + " did not start", e);
    }
    return this;
  }

  private void startAndWait() throws IOException, InterruptedException, ExecutionException, TimeoutException {
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
  }

  /** Stops the server (SIGTERM) and waits until it is gone. */
  public void stop() {
    if (process == null) {
      return;
    }
    resume();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping redis-server " + port, e);
    }
    process = null;
  }

  /** Freezes the server (SIGSTOP): connections stay open but nothing is answered. */
  public void pause() {
    signal("-STOP");
  }

  /** Lets a paused server go on (SIGCONT). */
  public void resume() {
    signal("-CONT");
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill " + signal + " failed for redis-server " + port);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling redis-server " + port, e);
    }
  }

  @Override
  public void close() {
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
