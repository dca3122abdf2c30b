package ai.sutazai.storage.pg;

import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real PostgreSQL servers the storage tests run against: the machine's (127.0.0.1:5432, trust auth) and
 * one embedded server shared by the whole test JVM. Each test class makes its own throwaway databases.
 */
public enum TestServer {
  LOCAL {
    @Override
    public PgEndpoint admin() {
      return new PgEndpoint("127.0.0.1", 5432, "test", "postgres", null);
    }
  },
  EMBEDDED {
    @Override
    public PgEndpoint admin() {
      return SharedEmbedded.ENDPOINT;
    }
  };

  /** An endpoint on a database that always exists, used to create and drop test databases. */
  public abstract PgEndpoint admin();

  /** Creates a fresh, uniquely named, empty database and returns its endpoint. */
  public PgEndpoint createDatabase() {
    String name = "sutazai_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    execute("CREATE DATABASE " + name);
    return admin().withDatabase(name);
  }

  /** Drops a database made by {@link #createDatabase()}, closing any connection still open on it. */
  public void dropDatabase(PgEndpoint database) {
    execute("DROP DATABASE IF EXISTS " + database.database() + " WITH (FORCE)");
  }

  private void execute(String sql) {
    PgEndpoint admin = admin();
    try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
         Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed on " + admin, e);
    }
  }

  /** Waits for a Future on a test thread (never on an event loop), failing after a generous deadline. */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class SharedEmbedded {
    static final PgEndpoint ENDPOINT = start();

    private static PgEndpoint start() {
      try {
        Path dataDir = Files.createTempDirectory("sutazai-pg-shared");
        EmbeddedPostgres server = new EmbeddedPostgres(null, dataDir);
        PgEndpoint endpoint = server.startBlocking();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          server.stopBlocking();
          deleteRecursively(dataDir);
        }, "stop-shared-embedded-pg"));
        return endpoint;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static void deleteRecursively(Path root) {
      try (Stream<Path> paths = Files.walk(root)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        System.err.println("Could not delete " + root + ": " + e);
      }
    }
  }
}
