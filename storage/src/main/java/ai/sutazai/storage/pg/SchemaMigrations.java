package ai.sutazai.storage.pg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned SQL in {@code db/migration} with Flyway on a worker thread. Re-running is a no-op,
 * and Flyway's PostgreSQL advisory lock makes a second process that migrates at the same time wait for the
 * first one and then find nothing left to do.
 */
public final class SchemaMigrations {

  /** Classpath location of the migration scripts. */
  public static final String LOCATION = "classpath:db/migration";

  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);

  private final Vertx vertx;

  public SchemaMigrations(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Migrates the database at {@code endpoint}; completes with the number of migrations this call applied. */
  public Future<Integer> migrate(PgEndpoint endpoint) {
    return vertx.executeBlocking(() -> migrateBlocking(endpoint), false);
  }

  static int migrateBlocking(PgEndpoint endpoint) {
    long begin = System.nanoTime();
    Flyway flyway = Flyway.configure(SchemaMigrations.class.getClassLoader())
      .dataSource(endpoint.jdbcUrl(), endpoint.user(), endpoint.password())
      .locations(LOCATION)
      .connectRetries(3)
      .validateMigrationNaming(true)
      .load();
    MigrateResult result = flyway.migrate();
    if (result.migrationsExecuted > 0) {
      LOG.info("Schema of {} migrated to version {} ({} migration(s) in {} ms)", endpoint,
        result.targetSchemaVersion, result.migrationsExecuted, (System.nanoTime() - begin) / 1_000_000);
    } else {
      LOG.debug("Schema of {} is up to date at version {}", endpoint, flyway.info().current().getVersion());
    }
    return result.migrationsExecuted;
  }
}
