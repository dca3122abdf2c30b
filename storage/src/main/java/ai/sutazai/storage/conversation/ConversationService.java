package ai.sutazai.storage.conversation;

import static ai.sutazai.storage.BusRequests.serve;

import ai.sutazai.storage.pg.ResilientPostgres;
import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The conversation addresses of {@link StorageAddresses} on the event bus: checks each request, runs it through
 * {@link ConversationRepository} while PostgreSQL is up, and replies JSON or a problem (400 naming the field,
 * 404 for a conversation the owner does not have, 503 while PostgreSQL is down). Appends are handed to the
 * {@link HistoryWriter} and answered once accepted; every read of a conversation first waits for the writes
 * accepted for it.
 */
public final class ConversationService {

  private static final int KNOWN_CONVERSATIONS = 100_000;

  private final ResilientPostgres postgres;
  private final HistoryWindow window;
  private final HistoryWriter writer;
  private final KnownConversations known = new KnownConversations(KNOWN_CONVERSATIONS);

  public ConversationService(ResilientPostgres postgres, HistoryWindow window, HistoryWriter writer) {
    this.postgres = postgres;
    this.window = window;
    this.writer = writer;
  }

  /** The handler of each conversation address. */
  public Map<String, Handler<Message<Object>>> handlers() {
    return Map.of(
      StorageAddresses.CONVERSATION_LIST, message -> serve(message, this::list),
      StorageAddresses.CONVERSATION_GET, message -> serve(message, this::get),
      StorageAddresses.CONVERSATION_RENAME, message -> serve(message, this::rename),
      StorageAddresses.CONVERSATION_DELETE, message -> serve(message, this::delete),
      StorageAddresses.CONVERSATION_HISTORY, message -> serve(message, this::history),
      StorageAddresses.CONVERSATION_APPEND, message -> serve(message, this::append));
  }

  private Future<JsonObject> list(JsonObject body) {
    String owner = RequestFields.owner(body);
    ConversationCursor cursor = RequestFields.cursor(body);
    int limit = RequestFields.limit(body);
    return afterWrites(writer.writtenFor(owner), repository -> repository.page(owner, cursor, limit)).map(page -> {
      JsonArray conversations = new JsonArray();
      page.items().forEach(conversation -> conversations.add(conversation.toJson()));
      return new JsonObject()
        .put("conversations", conversations)
        .put("next_cursor", page.nextCursor().orElse(null));
    });
  }

  private Future<JsonObject> get(JsonObject body) {
    String owner = RequestFields.owner(body);
    UUID id = RequestFields.id(body);
    return afterWrites(writer.written(id), repository -> repository.get(id, owner))
      .map(found -> owned(found, id, owner).toJson());
  }

  private Future<JsonObject> rename(JsonObject body) {
    String owner = RequestFields.owner(body);
    UUID id = RequestFields.id(body);
    String title = RequestFields.title(body.getValue("title"));
    return afterWrites(writer.written(id), repository -> repository.rename(id, owner, title))
      .map(renamed -> renamed.orElseThrow(() -> notFound(id)).toJson());
  }

  private Future<JsonObject> delete(JsonObject body) {
    String owner = RequestFields.owner(body);
    UUID id = RequestFields.id(body);
    return afterWrites(writer.written(id), repository -> repository.delete(id, owner)).map(deleted -> {
      if (!deleted) {
        throw notFound(id);
      }
      known.forget(id);
      return new JsonObject();
    });
  }

  private Future<JsonObject> history(JsonObject body) {
    String owner = RequestFields.owner(body);
    UUID id = RequestFields.id(body);
    return afterWrites(writer.written(id), repository -> repository.history(id, owner, window.maxMessages()))
      .map(found -> {
        JsonArray messages = new JsonArray();
        window.fit(owned(found, id, owner)).forEach(message -> messages.add(new JsonObject()
          .put("role", message.role())
          .put("content", message.content())));
        return new JsonObject().put("messages", messages);
      });
  }

  private Future<JsonObject> append(JsonObject body) {
    String owner = RequestFields.owner(body);
    UUID id = body.getValue("id") == null ? null : RequestFields.id(body);
    String title = body.getValue("title") == null ? null : RequestFields.title(body.getValue("title"));
    boolean create = RequestFields.optionalFlag(body, "create");
    Exchange exchange = Exchange.fromJson(body);
    if (create && id == null) {
      throw RequestFields.invalid("'create' needs the new conversation's 'id'");
    }
    if (create && known.ownerOf(id) != null) {
      return Future.failedFuture(ProblemType.CONFLICT.problem("conversation " + id + " exists already").asException());
    }
    if (id == null || create) {
      UUID created = id == null ? UUID.randomUUID() : id;
      String chosen = title == null ? exchange.generatedTitle() : title;
      return writer.accept(ExchangeWrite.create(created, owner, chosen, exchange)).map(accepted -> {
        known.remember(created, owner);
        return new JsonObject().put("id", created.toString());
      });
    }
    return ownedBy(id, owner).compose(owned -> {
      if (!owned) {
        return Future.failedFuture(notFound(id));
      }
      return writer.accept(ExchangeWrite.append(id, owner, exchange))
        .map(accepted -> new JsonObject().put("id", id.toString()));
    });
  }

  private Future<Boolean> ownedBy(UUID id, String owner) {
    String knownOwner = known.ownerOf(id);
    if (knownOwner != null) {
      return Future.succeededFuture(knownOwner.equals(owner));
    }
    return afterWrites(writer.written(id), repository -> repository.exists(id, owner)).map(exists -> {
      if (exists) {
        known.remember(id, owner);
      }
      return exists;
    });
  }

  /** The conversation's content when {@code owner} has it (remembering so), else a 404 problem. */
  private <T> T owned(Optional<T> found, UUID id, String owner) {
    T content = found.orElseThrow(() -> notFound(id));
    known.remember(id, owner);
    return content;
  }

  /**
   * Runs {@code work} once {@code writes} are done; at once (failing 503) while PostgreSQL is down, or as soon as
   * a write finds it gone.
   */
  private <T> Future<T> afterWrites(Future<Void> writes, Function<ConversationRepository, Future<T>> work) {
    if (!postgres.isUp()) {
      return repository(work);
    }
    return Future.any(writes, writer.nextOutage()).compose(settled -> repository(work));
  }

  private <T> Future<T> repository(Function<ConversationRepository, Future<T>> work) {
    return postgres.call((Pool pool) -> work.apply(new ConversationRepository(pool)));
  }

  private static ProblemException notFound(UUID id) {
    return ProblemType.NOT_FOUND.problem("no conversation has id " + id).asException();
  }
}
