package ai.sutazai.storage.pg;

import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SutazAI's PostgreSQL as the storage services use it: while it is down, work is refused at once with a 503
 * {@code storage-unavailable} problem instead of waiting for connect timeouts. An external server that cannot
 * be reached at start is opened again with a doubling backoff; a connection lost later marks it down until a
 * {@code SELECT 1} probe succeeds. An embedded server that cannot run stays down for good, with its reason.
 */
public final class ResilientPostgres {

  private static final Logger LOG = LoggerFactory.getLogger(ResilientPostgres.class);

  private final Vertx vertx;
  private final PostgresOptions options;
  private final long firstRetryMs;
  private final long maxRetryMs;
  private final long probeIntervalMs;
  private volatile PostgresDatabase database;
  private volatile String downReason;
  private volatile boolean closed;
  private long timer = -1;

  /** Retries opening after 1 s doubling to 30 s, and probes a lost server every second. */
  public ResilientPostgres(Vertx vertx, PostgresOptions options) {
    this(vertx, options, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(1));
  }

  ResilientPostgres(Vertx vertx, PostgresOptions options, Duration firstRetry, Duration maxRetry,
                    Duration probeInterval) {
    this.vertx = vertx;
    this.options = options;
    this.firstRetryMs = firstRetry.toMillis();
    this.maxRetryMs = maxRetry.toMillis();
    this.probeIntervalMs = probeInterval.toMillis();
  }

  /**
   * Opens PostgreSQL once. Fails only when another running SutazAI owns the embedded data directory; any other
   * failure leaves this instance down (and retrying, for an external server).
   */
  public Future<Void> start() {
    return PostgresDatabase.open(vertx, options).transform(opened -> {
      if (opened.succeeded()) {
        database = opened.result();
        LOG.info("postgres: {}", database.describe());
        return Future.succeededFuture();
      }
      Throwable failure = opened.cause();
      if (failure instanceof EmbeddedPostgres.DataDirectoryInUseException) {
        return Future.failedFuture(failure);
      }
      if (options.isEmbedded()) {
        downReason = PgFailures.describe(failure);
        LOG.error("postgres: {}", downReason);
        LOG.debug("Embedded PostgreSQL failed to open", failure);
      } else {
        downReason = unreachable(failure);
        LOG.warn("postgres: external {} is not reachable ({}); conversations answer 503 until it is back",
          externalAddress(), PgFailures.describe(failure));
        scheduleReopen(firstRetryMs);
      }
      return Future.succeededFuture();
    });
  }

  /**
   * Runs {@code work} on the pool. Fails with a 503 problem at once while PostgreSQL is down, with a 503 problem
   * (marking it down) when the connection fails, and with a 500 problem (logged) when the server rejects SQL.
   */
  public <T> Future<T> call(Function<Pool, Future<T>> work) {
    PostgresDatabase db = database;
    String reason = downReason;
    if (db == null || reason != null) {
      return Future.failedFuture(unavailable(reason == null ? "PostgreSQL is closed" : reason));
    }
    Future<T> result;
    try {
      result = work.apply(db.pool());
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.recover(failure -> Future.failedFuture(translate(db, failure)));
  }

  /** Succeeds while PostgreSQL is up; fails with the 503 problem {@link #call} would fail with otherwise. */
  public Future<Void> requireUp() {
    return call(pool -> Future.succeededFuture());
  }

  /** Whether PostgreSQL is open and answering. */
  public boolean isUp() {
    return database != null && downReason == null;
  }

  /** {@code {"status": "up"|"down", "mode", "endpoint", "error"?}}. */
  public JsonObject status() {
    PostgresDatabase db = database;
    String reason = downReason;
    String endpoint;
    if (!options.isEmbedded()) {
      endpoint = externalAddress();
    } else {
      endpoint = db == null ? "embedded, not running" : db.endpoint().hostAndPort();
    }
    JsonObject status = new JsonObject()
      .put("status", db != null && reason == null ? "up" : "down")
      .put("mode", options.isEmbedded() ? "embedded" : "external")
      .put("endpoint", endpoint);
    if (reason != null) {
      status.put("error", reason);
    }
    return status;
  }

  /** Stops retrying and probing, closes the pool and stops embedded PostgreSQL; a second call does nothing. */
  public Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    vertx.cancelTimer(timer);
    PostgresDatabase db = database;
    database = null;
    return db == null ? Future.succeededFuture() : db.close();
  }

  private Throwable translate(PostgresDatabase db, Throwable failure) {
    if (failure instanceof ProblemException) {
      return failure;
    }
    if (PgFailures.isConnectionLoss(failure)) {
      markDown(db, failure);
      return unavailable(unreachable(db.endpoint(), failure));
    }
    if (failure instanceof DatabaseException) {
      LOG.error("PostgreSQL at {} rejected a statement", db.endpoint().address(), failure);
      return ProblemType.INTERNAL.problem("the database failed on this request").asException();
    }
    return failure;
  }

  private void markDown(PostgresDatabase db, Throwable cause) {
    if (closed || downReason != null || db != database) {
      return;
    }
    downReason = unreachable(db.endpoint(), cause);
    LOG.warn("postgres: {} is not reachable ({}); conversations answer 503 until it is back",
      db.endpoint().address(), PgFailures.describe(cause));
    scheduleProbe(db);
  }

  private void scheduleProbe(PostgresDatabase db) {
    timer = vertx.setTimer(probeIntervalMs, id -> db.ping().onComplete(ping -> {
      if (closed) {
        return;
      }
      if (ping.succeeded()) {
        downReason = null;
        LOG.info("postgres: {} is reachable again; conversations are served", db.endpoint().address());
      } else {
        downReason = unreachable(db.endpoint(), ping.cause());
        scheduleProbe(db);
      }
    }));
  }

  private void scheduleReopen(long delayMs) {
    timer = vertx.setTimer(delayMs, id -> PostgresDatabase.open(vertx, options).onComplete(opened -> {
      if (closed) {
        if (opened.succeeded()) {
          opened.result().close()
            .onFailure(e -> LOG.warn("Closing PostgreSQL opened during shutdown failed", e));
        }
        return;
      }
      if (opened.succeeded()) {
        database = opened.result();
        downReason = null;
        LOG.info("postgres: {} is reachable; conversations are served", database.describe());
      } else {
        downReason = unreachable(opened.cause());
        LOG.debug("PostgreSQL at {} still not reachable; next attempt in {} ms", externalAddress(),
          Math.min(delayMs * 2, maxRetryMs), opened.cause());
        scheduleReopen(Math.min(delayMs * 2, maxRetryMs));
      }
    }));
  }

  private String unreachable(Throwable cause) {
    return unreachable(options.externalEndpoint().orElseThrow(), cause);
  }

  private static String unreachable(PgEndpoint endpoint, Throwable cause) {
    return "PostgreSQL at " + endpoint.hostAndPort() + " is not reachable: " + PgFailures.describe(cause);
  }

  private String externalAddress() {
    return options.externalEndpoint().map(PgEndpoint::address).orElse("embedded");
  }

  private static ProblemException unavailable(String reason) {
    return ProblemType.STORAGE_UNAVAILABLE.problem(reason).asException();
  }
}
