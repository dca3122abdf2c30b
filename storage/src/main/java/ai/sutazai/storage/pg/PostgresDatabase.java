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

  /** Starts embedded PostgreSQL when no URL is configured, applies migrations and opens the shared pool. */
  public static Future<PostgresDatabase> open(Vertx vertx, PostgresOptions options) {
    Optional<EmbeddedPostgres> embedded = options.isEmbedded()
      ? Optional.of(new EmbeddedPostgres(vertx, options.dataDir()))
      : Optional.empty();
    Future<PgEndpoint> endpoint = embedded.map(EmbeddedPostgres::start)
      .orElseGet(() -> Future.succeededFuture(options.externalEndpoint().orElseThrow()));
    return endpoint
      .compose(ready -> new SchemaMigrations(vertx).migrate(ready)
        .map(applied -> new PostgresDatabase(ready, PgPools.shared(vertx, ready, options), embedded)))
      .recover(failure -> embedded
        .map(server -> server.stop().transform(stopped -> Future.<PostgresDatabase>failedFuture(failure)))
        .orElseGet(() -> Future.failedFuture(failure)))
      .onSuccess(db -> LOG.info("PostgreSQL ready at {}", db.endpoint));
  }

  public Pool pool() {
    return pool;
  }

  public PgEndpoint endpoint() {
    return endpoint;
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
