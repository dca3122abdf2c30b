package ai.sutazai.storage.pg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SutazAI's PostgreSQL, ready to use: the external server or a started embedded one, migrated, with the
 * shared pool open. The same pool and SQL serve both modes.
 */
public final class PostgresDatabase {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabase.class);

  private final PgEndpoint endpoint;
  private final Pool pool;
  private final Optional<EmbeddedPostgres> embedded;

  private PostgresDatabase(PgEndpoint endpoint, Pool pool, Optional<EmbeddedPostgres> embedded) {
    this.endpoint = endpoint;
    this.pool = pool;
    this.embedded = embedded;
  }

  /**
   * Starts embedded PostgreSQL when no URL is configured, opens the shared pool, checks with {@code SELECT 1}
   * that the server answers (so an unreachable server fails fast, before Flyway's own connect retries), then
   * applies migrations. On failure everything opened so far is closed again.
   */
  public static Future<PostgresDatabase> open(Vertx vertx, PostgresOptions options) {
    Optional<EmbeddedPostgres> embedded = options.isEmbedded()
      ? Optional.of(new EmbeddedPostgres(vertx, options.dataDir()))
      : Optional.empty();
    Future<PgEndpoint> endpoint = embedded.map(EmbeddedPostgres::start)
      .orElseGet(() -> Future.succeededFuture(options.externalEndpoint().orElseThrow()));
    return endpoint
      .compose(ready -> {
        Pool pool = PgPools.shared(vertx, ready, options);
        PostgresDatabase db = new PostgresDatabase(ready, pool, embedded);
        return db.ping()
          .compose(answered -> new SchemaMigrations(vertx).migrate(ready))
          .map(db)
          .recover(failure -> pool.close()
            .onFailure(e -> LOG.warn("Closing the pool to {} after a failed open failed", ready, e))
            .transform(closed -> Future.failedFuture(failure)));
      })
      .recover(failure -> embedded
        .map(server -> server.stop()
          .onFailure(e -> LOG.warn("Stopping embedded PostgreSQL after a failed open failed", e))
          .transform(stopped -> Future.<PostgresDatabase>failedFuture(failure)))
        .orElseGet(() -> Future.failedFuture(failure)))
      .onSuccess(db -> LOG.debug("PostgreSQL ready at {}", db.endpoint));
  }

  public Pool pool() {
    return pool;
  }

  /** Succeeds once the server answered {@code SELECT 1} over the pool. */
  public Future<Void> ping() {
    return pool.preparedQuery("SELECT 1").execute().mapEmpty();
  }

  public PgEndpoint endpoint() {
    return endpoint;
  }

  /** How SutazAI reaches this database, safe to log: {@code embedded, 127.0.0.1:54321, data in /abs/data/postgres}. */
  public String describe() {
    return embedded.map(server -> "embedded, " + endpoint.hostAndPort() + ", data in " + server.clusterDirectory())
      .orElseGet(() -> "external " + endpoint.address());
  }

  public boolean isEmbedded() {
    return embedded.isPresent();
  }

  /** Closes the pool, then stops embedded PostgreSQL if SutazAI started it. */
  public Future<Void> close() {
    return pool.close()
      .transform(closed -> embedded.map(EmbeddedPostgres::stop).orElseGet(Future::succeededFuture)
        .compose(stopped -> closed.succeeded() ? Future.<Void>succeededFuture() : Future.failedFuture(closed.cause())));
  }
}
