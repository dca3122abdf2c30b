package ai.sutazai.storage.audit;

import static ai.sutazai.storage.BusRequests.serve;

import ai.sutazai.storage.pg.ResilientPostgres;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.function.Function;

/**
 * The audit addresses of {@link StorageAddresses} on the event bus: checks each request, runs it through
 * {@link AuditRepository} while PostgreSQL is up, and replies JSON or a problem (400 naming the field, 503
 * while PostgreSQL is down).
 */
public final class AuditService {

  private final ResilientPostgres postgres;

  public AuditService(ResilientPostgres postgres) {
    this.postgres = postgres;
  }

  /** The handler of each audit address. */
  public Map<String, Handler<Message<Object>>> handlers() {
    return Map.of(
      StorageAddresses.AUDIT_APPEND, message -> serve(message, this::append),
      StorageAddresses.AUDIT_LIST, message -> serve(message, this::list));
  }

  private Future<JsonObject> append(JsonObject body) {
    AuditEntry entry = AuditFields.entry(body);
    return repository(repository -> repository.append(entry))
      .map(stored -> new JsonObject().put("id", stored.id()));
  }

  private Future<JsonObject> list(JsonObject body) {
    AuditFilter filter = AuditFields.filter(body);
    AuditCursor cursor = AuditFields.cursor(body);
    int limit = AuditFields.limit(body);
    return repository(repository -> repository.page(filter, cursor, limit)).map(page -> {
      JsonArray entries = new JsonArray();
      page.items().forEach(entry -> entries.add(entry.toJson()));
      return new JsonObject()
        .put("entries", entries)
        .put("next_cursor", page.nextCursor().orElse(null));
    });
  }

  private <T> Future<T> repository(Function<AuditRepository, Future<T>> work) {
    return postgres.call((Pool pool) -> work.apply(new AuditRepository(pool)));
  }
}
