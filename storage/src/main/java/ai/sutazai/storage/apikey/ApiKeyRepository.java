package ai.sutazai.storage.apikey;

import static ai.sutazai.storage.apikey.ApiKeySql.BY_HASH;
import static ai.sutazai.storage.apikey.ApiKeySql.INSERT;
import static ai.sutazai.storage.apikey.ApiKeySql.LIST;
import static ai.sutazai.storage.apikey.ApiKeySql.NOTE_USE;
import static ai.sutazai.storage.apikey.ApiKeySql.REVOKE;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stores API keys in PostgreSQL with prepared statements only; a key is found by its hash, never by itself. */
public final class ApiKeyRepository {

  /** How stale {@code last_used_at} may get before a use is written again. */
  static final Duration USE_RESOLUTION = Duration.ofMinutes(1);

  private final Pool pool;

  public ApiKeyRepository(Pool pool) {
    this.pool = pool;
  }

  /** Stores a new key by its hash. */
  public Future<ApiKey> create(String name, String prefix, String hash, String owner, String role) {
    return pool.preparedQuery(INSERT).execute(Tuple.of(UUID.randomUUID(), name, prefix, hash, owner, role))
      .map(rows -> toKey(rows.iterator().next()));
  }

  /** Every key, newest first. */
  public Future<List<ApiKey>> list() {
    return pool.preparedQuery(LIST).execute().map(rows -> {
      List<ApiKey> keys = new ArrayList<>(rows.size());
      rows.forEach(row -> keys.add(toKey(row)));
      return keys;
    });
  }

  /** Revokes the key; false when no active key has that id. */
  public Future<Boolean> revoke(UUID id) {
    return pool.preparedQuery(REVOKE).execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
  }

  /**
   * The key with this hash, revoked or not, or empty; an active key's use is noted in {@code last_used_at}
   * unless one was noted within {@link #USE_RESOLUTION}.
   */
  public Future<Optional<ApiKey>> findForUse(String hash) {
    return pool.preparedQuery(BY_HASH).execute(Tuple.of(hash)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(Optional.empty());
      }
      ApiKey key = toKey(rows.iterator().next());
      OffsetDateTime lastUsed = key.lastUsedAt();
      boolean stale = lastUsed == null || lastUsed.isBefore(OffsetDateTime.now().minus(USE_RESOLUTION));
      if (key.revoked() || !stale) {
        return Future.succeededFuture(Optional.of(key));
      }
      return pool.preparedQuery(NOTE_USE).execute(Tuple.of(key.id())).map(Optional.of(key));
    });
  }

  private static ApiKey toKey(Row row) {
    return new ApiKey(row.getUUID("id"), row.getString("name"), row.getString("prefix"), row.getString("owner"),
      row.getString("role"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("last_used_at"),
      row.getOffsetDateTime("revoked_at"));
  }
}
