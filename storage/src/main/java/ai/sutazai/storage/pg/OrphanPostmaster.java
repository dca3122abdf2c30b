package ai.sutazai.storage.pg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears what a killed SutazAI left in a PostgreSQL data directory: a postmaster still running on it is
 * shut down (fast mode, then killed if it does not stop), and a {@code postmaster.pid} naming a process
 * that is not that postmaster is removed. Blocking; call it on a worker thread.
 */
final class OrphanPostmaster {

  private static final Logger LOG = LoggerFactory.getLogger(OrphanPostmaster.class);
  private static final Duration FAST_SHUTDOWN_WAIT = Duration.ofSeconds(15);
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);

  private final Path pgData;
  private final Path pidFile;

  OrphanPostmaster(Path pgData) {
    this.pgData = pgData;
    this.pidFile = pgData.resolve("postmaster.pid");
  }

  /** Stops an orphan postmaster or removes a stale pid file; returns true when there was something to clear. */
  boolean clear() throws IOException {
    Optional<Long> pid = readPid();
    if (pid.isEmpty()) {
      return false;
    }
    Optional<ProcessHandle> process = pid.get() > 0
      ? ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive)
      : Optional.empty();
    if (process.isPresent() && servesThisDataDirectory(pid.get())) {
      LOG.warn("Found PostgreSQL (pid {}) left running on {} by a previous SutazAI; stopping it", pid.get(), pgData);
      stop(process.get());
      Files.deleteIfExists(pidFile);
      return true;
    }
    LOG.warn("Removing stale {} (pid {} is not a PostgreSQL serving this directory)", pidFile, pid.get());
    Files.deleteIfExists(pidFile);
    return true;
  }

  private Optional<Long> readPid() throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(pidFile);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (lines.isEmpty()) {
      return Optional.of(-1L);
    }
    try {
      return Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (NumberFormatException e) {
      return Optional.of(-1L);
    }
  }

  /** A postmaster chdirs into its data directory, so its working directory identifies the cluster it serves. */
  private boolean servesThisDataDirectory(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid));
    try {
      String comm = Files.readString(proc.resolve("comm")).trim();
      Path cwd = proc.resolve("cwd").toRealPath();
      return comm.startsWith("postgres") && cwd.equals(pgData.toRealPath());
    } catch (IOException e) {
      LOG.debug("Cannot inspect process {}: {}", pid, e.toString());
      return false;
    }
  }

  private void stop(ProcessHandle postmaster) throws IOException {
    signal(postmaster.pid(), "-INT");
    if (awaitExit(postmaster, FAST_SHUTDOWN_WAIT)) {
      return;
    }
    LOG.warn("PostgreSQL pid {} ignored a fast shutdown for {}; killing it", postmaster.pid(), FAST_SHUTDOWN_WAIT);
    postmaster.destroyForcibly();
    if (!awaitExit(postmaster, KILL_WAIT)) {
      throw new IOException("PostgreSQL pid " + postmaster.pid() + " on " + pgData + " does not stop");
    }
  }

  private static void signal(long pid, String signal) throws IOException {
    Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).redirectErrorStream(true).start();
    try {
      if (!kill.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
        LOG.warn("kill {} {} failed: {}", signal, pid, new String(kill.getInputStream().readAllBytes()).trim());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while signalling PostgreSQL pid " + pid, e);
    }
  }

  private static boolean awaitExit(ProcessHandle process, Duration wait) throws IOException {
    try {
      process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return !process.isAlive();
    } catch (ExecutionException e) {
      throw new IOException("Waiting for PostgreSQL pid " + process.pid() + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while waiting for PostgreSQL pid " + process.pid(), e);
    }
  }
}
