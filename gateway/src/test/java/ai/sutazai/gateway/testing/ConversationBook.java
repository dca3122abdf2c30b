package ai.sutazai.gateway.testing;

import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The conversations of {@link FakeStorage}, kept in memory and served as the storage contract says
 * (fields checked by {@link StorageContract}): 404 for an unknown id or another owner's conversation,
 * pages most recently updated first with an opaque cursor, history of complete messages only.
 */
final class ConversationBook {

  /** How many of the newest complete messages HISTORY replies. */
  static final int HISTORY_WINDOW = 20;

  /** One address's work on a request body whose owner is already checked. */
  interface Operation {
    JsonObject serve(JsonObject request);
  }

  private static final class Stored {
    final String id;
    final String owner;
    final String createdAt = Instant.now().toString();
    final List<JsonObject> messages = new ArrayList<>();
    String title;
    String updatedAt = createdAt;
    long version;

    Stored(String id, String owner, String title) {
      this.id = id;
      this.owner = owner;
      this.title = title;
    }

    JsonObject toJson() {
      return new JsonObject().put("id", id).put("owner", owner).put("title", title)
          .put("created_at", createdAt).put("updated_at", updatedAt);
    }
  }

  private final Map<String, Stored> conversations = new LinkedHashMap<>();
  private long clock;

  synchronized JsonObject list(JsonObject request) {
    int limit = StorageContract.limit(request);
    long after = StorageContract.cursor(request);
    List<Stored> mine = conversations.values().stream()
        .filter(c -> c.owner.equals(request.getString("owner")) && c.version < after)
        .sorted(Comparator.comparingLong((Stored c) -> c.version).reversed())
        .toList();
    JsonArray page = new JsonArray();
    mine.stream().limit(limit).forEach(c -> page.add(c.toJson()));
    Stored last = mine.size() > limit ? mine.get(limit - 1) : null;
    String next = last == null ? null : StorageContract.cursorAfter(last.version, last.id);
    return new JsonObject().put("conversations", page).put("next_cursor", next);
  }

  synchronized JsonObject get(JsonObject request) {
    return withMessages(owned(request));
  }

  synchronized JsonObject rename(JsonObject request) {
    Stored conversation = owned(request);
    conversation.title = StorageContract.title(request.getValue("title"));
    touch(conversation);
    return conversation.toJson();
  }

  synchronized JsonObject delete(JsonObject request) {
    conversations.remove(owned(request).id);
    return new JsonObject();
  }

  synchronized JsonObject history(JsonObject request) {
    List<JsonObject> complete = owned(request).messages.stream()
        .filter(m -> "complete".equals(m.getString("status"))).toList();
    JsonArray messages = new JsonArray();
    complete.subList(Math.max(0, complete.size() - HISTORY_WINDOW), complete.size())
        .forEach(m -> messages.add(new JsonObject().put("role", m.getString("role"))
            .put("content", m.getString("content"))));
    return new JsonObject().put("messages", messages);
  }

  synchronized JsonObject append(JsonObject request) {
    JsonArray messages = StorageContract.messages(request.getValue("messages"));
    JsonObject answer = StorageContract.answer(request.getValue("answer"));
    Stored conversation;
    boolean create = Boolean.TRUE.equals(request.getValue("create"));
    if (request.getValue("id") != null && !create) {
      conversation = owned(request);
    } else {
      Object title = request.getValue("title");
      String id = create ? request.getString("id") : UUID.randomUUID().toString();
      if (conversations.containsKey(id)) {
        throw new StorageContract.Refusal(ProblemType.CONFLICT.problem("conversation " + id + " exists already"));
      }
      conversation = create(id, request.getString("owner"),
          title != null ? StorageContract.title(title) : titleAfter(messages));
    }
    messages.forEach(m -> add(conversation, ((JsonObject) m).copy().put("status", "complete")));
    add(conversation, answer.copy().put("role", "assistant"));
    touch(conversation);
    return new JsonObject().put("id", conversation.id);
  }

  synchronized String seed(String owner, String title, List<JsonObject> messages) {
    Stored conversation = create(UUID.randomUUID().toString(), owner, title);
    messages.forEach(m -> add(conversation, m.copy().put("status", m.getString("status", "complete"))));
    return conversation.id;
  }

  synchronized JsonObject find(String id) {
    Stored conversation = conversations.get(id);
    return conversation == null ? null : withMessages(conversation);
  }

  private Stored create(String id, String owner, String title) {
    Stored conversation = new Stored(id, owner, title);
    conversations.put(conversation.id, conversation);
    touch(conversation);
    return conversation;
  }

  private void touch(Stored conversation) {
    conversation.version = ++clock;
    conversation.updatedAt = Instant.now().toString();
  }

  private static void add(Stored conversation, JsonObject message) {
    conversation.messages.add(message.put("seq", conversation.messages.size() + 1)
        .put("created_at", Instant.now().toString()));
  }

  private static JsonObject withMessages(Stored conversation) {
    JsonArray messages = new JsonArray();
    conversation.messages.forEach(m -> messages.add(m.copy()));
    return conversation.toJson().put("messages", messages);
  }

  private Stored owned(JsonObject request) {
    String id = StorageContract.id(request);
    Stored conversation = conversations.get(id);
    if (conversation == null || !conversation.owner.equals(request.getString("owner"))) {
      throw new StorageContract.Refusal(ProblemType.NOT_FOUND.problem("conversation " + id + " does not exist"));
    }
    return conversation;
  }

  private static String titleAfter(JsonArray messages) {
    String first = messages.stream().map(JsonObject.class::cast).filter(m -> "user".equals(m.getString("role")))
        .map(m -> m.getString("content").strip()).filter(c -> !c.isEmpty()).findFirst().orElse("Conversation");
    return first.length() > 60 ? first.substring(0, 60) : first;
  }
}
