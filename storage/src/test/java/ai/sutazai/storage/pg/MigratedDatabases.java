package ai.sutazai.storage.pg;

import static ai.sutazai.storage.pg.TestServer.await;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Throwaway databases of a repository test class, one per server, migrated to the current schema before its first
 * test and dropped after its last; the pools a test opens with {@link #pool} are closed after it. Register it as a
 * static {@code @RegisterExtension} field.
 */
public final class MigratedDatabases implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

  private final List<TestServer> servers;
  private final Map<TestServer, PgEndpoint> databases = new EnumMap<>(TestServer.class);
  private final List<Pool> pools = new ArrayList<>();

  private MigratedDatabases(List<TestServer> servers) {
    this.servers = servers;
  }

  /** A database on the machine's PostgreSQL and one on the embedded one. */
  public static MigratedDatabases onEveryServer() {
    return new MigratedDatabases(List.of(TestServer.values()));
  }

  /** A database on the machine's PostgreSQL. */
  public static MigratedDatabases onTheLocalServer() {
    return new MigratedDatabases(List.of(TestServer.LOCAL));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    Vertx vertx = Vertx.vertx();
    try {
      for (TestServer server : servers) {
        PgEndpoint database = server.createDatabase();
        databases.put(server, database);
        await(new SchemaMigrations(vertx).migrate(database));
      }
    } finally {
      await(vertx.close());
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    pools.forEach(pool -> await(pool.close()));
    pools.clear();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    databases.forEach(TestServer::dropDatabase);
    databases.clear();
  }

  /** A pool on the database of {@code server}, closed after the test. */
  public Pool pool(TestServer server, Vertx vertx) {
    Pool pool = PgPools.shared(vertx, databases.get(server), PostgresOptions.embedded(Path.of("unused")));
    pools.add(pool);
    return pool;
  }

  /** A pool on the database of the machine's PostgreSQL, closed after the test. */
  public Pool pool(Vertx vertx) {
    return pool(TestServer.LOCAL, vertx);
  }
}
