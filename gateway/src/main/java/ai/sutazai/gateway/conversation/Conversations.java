package ai.sutazai.gateway.conversation;

import ai.sutazai.gateway.storage.StorageClient;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The storage verticle's conversation addresses as typed calls: each names the owner, and fails
 * with the storage verticle's problem (400, 404, 503) or 503 {@code storage-unavailable} when it is
 * not running. Used from one gateway verticle's event loop.
 */
public final class Conversations {

  private final StorageClient storage;
  private boolean lastAppendAccepted;

  public Conversations(StorageClient storage) {
    this.storage = storage;
  }

  /** One page, most recently updated first: {@code {"conversations": [...], "next_cursor"}}. */
  public Future<JsonObject> list(String owner, String cursor, Integer limit, String requestId) {
    JsonObject request = new JsonObject().put("owner", owner);
    if (cursor != null) {
      request.put("cursor", cursor);
    }
    if (limit != null) {
      request.put("limit", limit);
    }
    return storage.ask(StorageAddresses.CONVERSATION_LIST, request, requestId);
  }

  /** The conversation with its messages. */
  public Future<JsonObject> get(String owner, String id, String requestId) {
    return storage.ask(StorageAddresses.CONVERSATION_GET, of(owner, id), requestId);
  }

  /** Renames the conversation; completes with it renamed. */
  public Future<JsonObject> rename(String owner, String id, String title, String requestId) {
    return storage.ask(StorageAddresses.CONVERSATION_RENAME, of(owner, id).put("title", title), requestId);
  }

  public Future<Void> delete(String owner, String id, String requestId) {
    return storage.ask(StorageAddresses.CONVERSATION_DELETE, of(owner, id), requestId).mapEmpty();
  }

  /** The messages ({@code role}, {@code content}) to send to the model before a new one, oldest first. */
  public Future<JsonArray> history(String owner, String id, String requestId) {
    return storage.ask(StorageAddresses.CONVERSATION_HISTORY, of(owner, id), requestId)
        .map(reply -> reply.getJsonArray("messages", new JsonArray()));
  }

  /**
   * Stores the client's new messages and the answer to them in conversation {@code id}, or, when
   * {@code create} is set, in a new conversation with that id; completes once storage accepted the
   * exchange (it is written moments later, and every later read of the conversation sees it).
   */
  public Future<Void> append(String owner, String id, boolean create, JsonArray messages, JsonObject answer,
      String requestId) {
    JsonObject request = of(owner, id).put("messages", messages).put("answer", answer);
    if (create) {
      request.put("create", true);
    }
    Future<Void> accepted = storage.ask(StorageAddresses.CONVERSATION_APPEND, request, requestId).mapEmpty();
    accepted.onComplete(ar -> lastAppendAccepted = ar.succeeded());
    return accepted;
  }

  /**
   * Whether the latest append was accepted: then the next {@code done} need not wait for its own
   * exchange's acceptance. False at first, so a gateway starting while storage is down says so.
   */
  public boolean lastAppendAccepted() {
    return lastAppendAccepted;
  }

  private static JsonObject of(String owner, String id) {
    return new JsonObject().put("owner", owner).put("id", id);
  }
}
