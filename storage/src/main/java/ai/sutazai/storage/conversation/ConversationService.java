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
import java.util.UUID;
import java.util.function.Function;

/**
 * The conversation addresses of {@link StorageAddresses} on the event bus: checks each request, runs it through
 * {@link ConversationRepository} while PostgreSQL is up, and replies JSON or a problem (400 naming the field,
 * 404 for a conversation the owner does not have, 503 while PostgreSQL is down).
 */
public final class ConversationService {

  private final ResilientPostgres postgres;
  private final HistoryWindow window;

  public ConversationService(ResilientPostgres postgres, HistoryWindow window) {
    this.postgres = postgres;
    this.window = window;
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
    return repository(repository -> repository.page(owner, cursor, limit)).map(page -> {
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
    return repository(repository -> repository.get(id, owner))
      .map(found -> found.orElseThrow(() -> notFound(id)).toJson());
  }

  private Future<JsonObject> rename(JsonObject body) {
    String owner = RequestFields.owner(body);
    UUID id = RequestFields.id(body);
    String title = RequestFields.title(body.getValue("title"));
    return repository(repository -> repository.rename(id, owner, title))
      .map(renamed -> renamed.orElseThrow(() -> notFound(id)).toJson());
  }

  private Future<JsonObject> delete(JsonObject body) {
    String owner = RequestFields.owner(body);
    UUID id = RequestFields.id(body);
    return repository(repository -> repository.delete(id, owner)).map(deleted -> {
      if (!deleted) {
        throw notFound(id);
      }
      return new JsonObject();
    });
  }

  private Future<JsonObject> history(JsonObject body) {
    String owner = RequestFields.owner(body);
    UUID id = RequestFields.id(body);
    return repository(repository -> repository.history(id, owner, window.maxMessages())).map(found -> {
      JsonArray messages = new JsonArray();
      window.fit(found.orElseThrow(() -> notFound(id))).forEach(message -> messages.add(new JsonObject()
        .put("role", message.role())
        .put("content", message.content())));
      return new JsonObject().put("messages", messages);
    });
  }

  private Future<JsonObject> append(JsonObject body) {
    String owner = RequestFields.owner(body);
    UUID id = body.getValue("id") == null ? null : RequestFields.id(body);
    String title = body.getValue("title") == null ? null : RequestFields.title(body.getValue("title"));
    Exchange exchange = Exchange.fromJson(body);
    if (id == null) {
      String chosen = title == null ? exchange.generatedTitle() : title;
      return repository(repository -> repository.createWith(owner, chosen, exchange))
        .map(created -> new JsonObject().put("id", created.id().toString()));
    }
    return repository(repository -> repository.append(id, owner, exchange)).map(appended -> {
      if (!appended) {
        throw notFound(id);
      }
      return new JsonObject().put("id", id.toString());
    });
  }

  private <T> Future<T> repository(Function<ConversationRepository, Future<T>> work) {
    return postgres.call((Pool pool) -> work.apply(new ConversationRepository(pool)));
  }

  private static ProblemException notFound(UUID id) {
    return ProblemType.NOT_FOUND.problem("no conversation has id " + id).asException();
  }
}
