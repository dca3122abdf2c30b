package ai.sutazai.storage.pg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL run by SutazAI itself from Maven-shipped binaries (zonky), with its cluster in
 * {@code <dataDir>/postgres}, listening on 127.0.0.1 only, on the port it used last time when that is free.
 * Start and stop block, so they run on a worker thread and return Futures.
 */
public final class EmbeddedPostgres {

  /** The one line printed when embedded PostgreSQL cannot run; it names the way out. */
  static final String WAY_OUT = "set SUTAZAI_PG_URL=postgresql://user:password@host:port/database"
    + " to use an external PostgreSQL instead";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
  private static final String SUPERUSER = "postgres";
  private static final String DATABASE = "postgres";
  private static final String ZONKY_LOCK_FILE = "epg-lock";
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

  private final Vertx vertx;
  private final Path pgData;
  private final Path portFile;
  private io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

  public EmbeddedPostgres(Vertx vertx, Path dataDir) {
    this.vertx = vertx;
    Path absolute = dataDir.toAbsolutePath().normalize();
    this.pgData = absolute.resolve("postgres");
    this.portFile = absolute.resolve("postgres.port");
  }

  /** Starts PostgreSQL (clearing what a killed predecessor left behind) and completes with where it listens. */
  public Future<PgEndpoint> start() {
    return vertx.executeBlocking(this::startBlocking, false);
  }

  /** Stops PostgreSQL (fast shutdown); completes at once when it is not running. */
  public Future<Void> stop() {
    return vertx.executeBlocking(() -> {
      stopBlocking();
      return null;
    }, false);
  }

  /** The cluster directory, {@code <dataDir>/postgres}. */
  public Path clusterDirectory() {
    return pgData;
  }

  synchronized PgEndpoint startBlocking() {
    if (server != null) {
      return endpoint(server.getPort());
    }
    try {
      Files.createDirectories(pgData);
      ensureNoLiveOwner();
      new OrphanPostmaster(pgData).clear();
      int port = choosePort();
      long begin = System.nanoTime();
      server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        .setPort(port)
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setPGStartupWait(STARTUP_WAIT)
        .start();
      Files.writeString(portFile, Integer.toString(port), StandardCharsets.US_ASCII);
      LOG.debug("Embedded PostgreSQL listening on 127.0.0.1:{} with data in {} (started in {} ms)",
        port, pgData, (System.nanoTime() - begin) / 1_000_000);
      return endpoint(port);
    } catch (DataDirectoryInUseException e) {
      throw e;
    } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
      throw new IllegalStateException("Embedded PostgreSQL cannot run here (" + rootCause(e) + "); " + WAY_OUT, e);
    }
  }

  synchronized void stopBlocking() {
    if (server == null) {
      return;
    }
    try {
      server.close();
      LOG.info("Embedded PostgreSQL stopped ({})", pgData);
    } catch (IOException e) {
      throw new UncheckedIOException("Embedded PostgreSQL on " + pgData + " did not stop cleanly", e);
    } finally {
      server = null;
    }
  }

  private static PgEndpoint endpoint(int port) {
    return new PgEndpoint("127.0.0.1", port, DATABASE, SUPERUSER, null);
  }

  /**
   * A running SutazAI holds zonky's lock file in the cluster directory; its postmaster is not an orphan and
   * must not be touched. A killed one released the lock with its process.
   */
  private void ensureNoLiveOwner() throws IOException {
    Path lockFile = pgData.resolve(ZONKY_LOCK_FILE);
    if (!Files.exists(lockFile)) {
      return;
    }
    try (FileOutputStream out = new FileOutputStream(lockFile.toFile(), true);
         FileLock lock = out.getChannel().tryLock()) {
      if (lock == null) {
        throw new DataDirectoryInUseException(pgData);
      }
    } catch (OverlappingFileLockException e) {
      throw new DataDirectoryInUseException(pgData);
    }
  }

  private int choosePort() throws IOException {
    Optional<Integer> remembered = rememberedPort();
    if (remembered.isPresent() && isFree(remembered.get())) {
      return remembered.get();
    }
    remembered.ifPresent(p -> LOG.info("Port {} used last time is taken; choosing another", p));
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private Optional<Integer> rememberedPort() throws IOException {
    if (!Files.isRegularFile(portFile)) {
      return Optional.empty();
    }
    try {
      int port = Integer.parseInt(Files.readString(portFile, StandardCharsets.US_ASCII).trim());
      return port > 0 && port < 65536 ? Optional.of(port) : Optional.empty();
    } catch (NumberFormatException e) {
      LOG.warn("Ignoring unreadable {}", portFile);
      return Optional.empty();
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return message.replaceAll("\\s+", " ").trim();
  }

  /** Another live SutazAI process owns the cluster directory. */
  public static final class DataDirectoryInUseException extends IllegalStateException {
    DataDirectoryInUseException(Path pgData) {
      super("PostgreSQL data directory " + pgData + " is in use by another running SutazAI; stop it or use"
        + " another SUTAZAI_DATA_DIR");
    }
  }
}
