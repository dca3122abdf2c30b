package ai.sutazai.gateway.auth;

import ai.sutazai.gateway.storage.StorageClient;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The storage verticle's API key addresses as typed calls. Keys are made and hashed here, so the
 * key itself never crosses the event bus.
 */
public final class ApiKeys {

  private final StorageClient storage;

  public ApiKeys(StorageClient storage) {
    this.storage = storage;
  }

  /** Creates a key for {@code owner}; the reply holds the key itself, which nothing can show again. */
  public Future<JsonObject> create(String owner, String name, Role role, String requestId) {
    String key = ApiKeyFormat.generate();
    JsonObject request = new JsonObject().put("owner", owner).put("name", name).put("role", role.wireName())
        .put("prefix", ApiKeyFormat.shownPrefix(key)).put("hash", ApiKeyFormat.hash(key));
    return storage.ask(StorageAddresses.API_KEY_CREATE, request, requestId)
        .map(created -> new JsonObject().put("id", created.getValue("id")).put("key", key)
            .put("name", created.getValue("name")).put("role", created.getValue("role"))
            .put("prefix", created.getValue("prefix")).put("created_at", created.getValue("created_at")));
  }

  /** Every key, newest first, without hashes: {@code {"keys": [...]}}. */
  public Future<JsonObject> list(String requestId) {
    return storage.ask(StorageAddresses.API_KEY_LIST, new JsonObject(), requestId);
  }

  /** Revokes a key at once; fails 404 for an unknown or already revoked key. */
  public Future<Void> revoke(String id, String requestId) {
    return storage.ask(StorageAddresses.API_KEY_REVOKE, new JsonObject().put("id", id), requestId).mapEmpty();
  }

  /**
   * The caller a key stands for (its owner, with the key's role); fails with an {@link AuthFailure}
   * for an unknown or revoked key, and with storage's 503 problem while keys cannot be checked.
   */
  public Future<Caller> verify(String key, String requestId) {
    if (!ApiKeyFormat.isWellFormed(key)) {
      return Future.failedFuture(new AuthFailure("malformed", "the API key is malformed"));
    }
    return storage.ask(StorageAddresses.API_KEY_VERIFY, new JsonObject().put("hash", ApiKeyFormat.hash(key)),
            requestId)
        .recover(failure -> Problem.of(failure).status() == 404
            ? Future.failedFuture(new AuthFailure("unknown_key", "the API key is unknown"))
            : Future.failedFuture(failure))
        .compose(found -> {
          if (found.getBoolean("revoked", false)) {
            return Future.failedFuture(new AuthFailure("revoked_key", "the API key has been revoked"));
          }
          Role role = Role.fromWire(found.getString("role")).orElse(null);
          if (role == null) {
            return Future.failedFuture(new AuthFailure("no_role", "the API key has no valid role"));
          }
          return Future.succeededFuture(new Caller(found.getString("owner"), role, "api_key"));
        });
  }
}
