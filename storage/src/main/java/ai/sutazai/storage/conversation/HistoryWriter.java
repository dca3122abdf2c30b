package ai.sutazai.storage.conversation;

import ai.sutazai.storage.pg.ResilientPostgres;
import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes accepted exchanges to PostgreSQL behind the answers that produced them, so that a chat's {@code done}
 * waits for an in-memory hand-over rather than a commit. Exchanges are written in the order accepted, as many
 * as are waiting in one transaction (group commit). Reads of a conversation wait for its pending writes
 * ({@link #written(UUID)}, {@link #writtenFor(String)}), so a reader never misses an accepted exchange.
 *
 * <p>While PostgreSQL is unreachable, waiting exchanges are kept and written when it is back; an exchange
 * PostgreSQL rejects on its own is dropped with an error in the log. On stop, {@link #drain(Duration)} writes
 * what is waiting. Used from one Vert.x context only (the storage verticle's).
 */
public final class HistoryWriter {

  /** Exchanges waiting at most; beyond this, appends are refused with 503 rather than held without bound. */
  public static final int MAX_PENDING = 10_000;
  static final int MAX_BATCH = 256;
  private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);

  private final Vertx vertx;
  private final ResilientPostgres postgres;
  private final Duration retryInterval;
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private final Map<UUID, Future<Void>> lastOfConversation = new HashMap<>();
  private final Map<String, Future<Void>> lastOfOwner = new HashMap<>();
  private Promise<Void> nextOutage = Promise.promise();
  private boolean writing;
  private boolean retryScheduled;
  private int writeAloneCount;

  public HistoryWriter(Vertx vertx, ResilientPostgres postgres, Duration retryInterval) {
    this.vertx = vertx;
    this.postgres = postgres;
    this.retryInterval = retryInterval;
  }

  /**
   * Takes the exchange to write; fails with a 503 problem, taking nothing, while PostgreSQL is down or
   * {@value #MAX_PENDING} exchanges are waiting.
   */
  public Future<Void> accept(ExchangeWrite write) {
    if (!postgres.isUp()) {
      return postgres.requireUp();
    }
    if (waiting.size() >= MAX_PENDING) {
      return Future.failedFuture(ProblemType.STORAGE_UNAVAILABLE.problem(MAX_PENDING
        + " exchanges are waiting to be written to PostgreSQL; try again shortly").asException());
    }
    Pending pending = new Pending(write, Promise.promise());
    waiting.add(pending);
    Future<Void> done = pending.promise.future();
    lastOfConversation.put(write.conversationId(), done);
    lastOfOwner.put(write.owner(), done);
    writeNext();
    return Future.succeededFuture();
  }

  /** Completes once every exchange accepted so far for conversation {@code id} is written (or dropped). */
  public Future<Void> written(UUID id) {
    return lastOfConversation.getOrDefault(id, Future.succeededFuture());
  }

  /** Completes once every exchange accepted so far for {@code owner} is written (or dropped). */
  public Future<Void> writtenFor(String owner) {
    return lastOfOwner.getOrDefault(owner, Future.succeededFuture());
  }

  /**
   * Completes when a write next finds PostgreSQL unreachable: a reader waiting for writes that cannot happen
   * until PostgreSQL is back stops waiting then (and is refused 503 at once).
   */
  public Future<Void> nextOutage() {
    return nextOutage.future();
  }

  /** Exchanges accepted and not yet written. */
  public int pending() {
    return waiting.size();
  }

  /**
   * Completes when every waiting exchange is written, or after {@code timeout} with an error in the log naming
   * how many were not.
   */
  public Future<Void> drain(Duration timeout) {
    if (waiting.isEmpty()) {
      return Future.succeededFuture();
    }
    Promise<Void> drained = Promise.promise();
    Future<Void> last = waiting.peekLast().promise.future();
    long timer = vertx.setTimer(timeout.toMillis(), id -> {
      LOG.error("{} accepted exchanges were not written to PostgreSQL within {} ms of stopping; they are lost",
        waiting.size(), timeout.toMillis());
      drained.tryComplete();
    });
    last.onComplete(done -> {
      vertx.cancelTimer(timer);
      drained.tryComplete();
    });
    return drained.future();
  }

  private void writeNext() {
    if (writing || waiting.isEmpty() || retryScheduled) {
      return;
    }
    if (!postgres.isUp()) {
      retryLater();
      return;
    }
    int size = writeAloneCount > 0 ? 1 : Math.min(MAX_BATCH, waiting.size());
    List<Pending> batch = new ArrayList<>(size);
    List<ExchangeWrite> writes = new ArrayList<>(size);
    for (Pending pending : waiting) {
      if (batch.size() == size) {
        break;
      }
      batch.add(pending);
      writes.add(pending.write);
    }
    writing = true;
    postgres.call((Pool pool) -> new ConversationRepository(pool).writeAll(writes)).onComplete(result -> {
      writing = false;
      if (result.succeeded()) {
        finish(batch, result.result());
      } else if (isUnavailable(result.cause())) {
        Promise<Void> outage = nextOutage;
        nextOutage = Promise.promise();
        outage.complete();
        retryLater();
        return;
      } else if (batch.size() > 1) {
        writeAloneCount = batch.size();
      } else {
        LOG.error("PostgreSQL rejected the exchange for conversation {}; it is not stored",
          batch.get(0).write.conversationId());
        finish(batch, List.of(true));
      }
      writeNext();
    });
  }

  private void finish(List<Pending> batch, List<Boolean> stored) {
    for (int i = 0; i < batch.size(); i++) {
      Pending pending = waiting.poll();
      if (!stored.get(i)) {
        LOG.warn("Conversation {} was deleted before its last exchange was written; that exchange is dropped",
          pending.write.conversationId());
      }
      pending.promise.complete();
      lastOfConversation.remove(pending.write.conversationId(), pending.promise.future());
      lastOfOwner.remove(pending.write.owner(), pending.promise.future());
      if (writeAloneCount > 0) {
        writeAloneCount--;
      }
    }
  }

  private void retryLater() {
    if (retryScheduled) {
      return;
    }
    retryScheduled = true;
    vertx.setTimer(retryInterval.toMillis(), id -> {
      retryScheduled = false;
      writeNext();
    });
  }

  private static boolean isUnavailable(Throwable failure) {
    return failure instanceof ProblemException problem
      && problem.problem().type().equals(ProblemType.STORAGE_UNAVAILABLE.uri());
  }

  private record Pending(ExchangeWrite write, Promise<Void> promise) {
  }
}
