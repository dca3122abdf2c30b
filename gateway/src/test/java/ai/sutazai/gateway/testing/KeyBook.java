package ai.sutazai.gateway.testing;

import ai.sutazai.verticles.bus.BusMessages;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The API keys of {@link FakeStorage}, kept in memory by hash and served as the API key addresses
 * of the storage contract say: the hash is never replied, an unknown key is 404.
 */
final class KeyBook {

  private final Map<String, JsonObject> byHash = new LinkedHashMap<>();

  synchronized void create(Message<Object> message, JsonObject request) {
    JsonObject key = new JsonObject().put("id", UUID.randomUUID().toString())
        .put("name", request.getString("name")).put("role", request.getString("role"))
        .put("prefix", request.getString("prefix")).put("owner", request.getString("owner"))
        .put("created_at", Instant.now().toString()).put("last_used_at", null).put("revoked_at", null);
    byHash.put(request.getString("hash"), key);
    message.reply(key.copy());
  }

  synchronized void list(Message<Object> message) {
    List<JsonObject> keys = new ArrayList<>(byHash.values());
    JsonArray newestFirst = new JsonArray();
    for (int i = keys.size() - 1; i >= 0; i--) {
      newestFirst.add(keys.get(i).copy());
    }
    message.reply(new JsonObject().put("keys", newestFirst));
  }

  synchronized void revoke(Message<Object> message, JsonObject request) {
    for (JsonObject key : byHash.values()) {
      if (key.getString("id").equals(request.getString("id")) && key.getValue("revoked_at") == null) {
        key.put("revoked_at", Instant.now().toString());
        message.reply(new JsonObject());
        return;
      }
    }
    BusMessages.fail(message, ProblemType.NOT_FOUND.problem("no active key has id " + request.getString("id")));
  }

  synchronized void verify(Message<Object> message, JsonObject request) {
    JsonObject key = byHash.get(request.getString("hash"));
    if (key == null) {
      BusMessages.fail(message, ProblemType.NOT_FOUND.problem("no key has this hash"));
      return;
    }
    key.put("last_used_at", Instant.now().toString());
    message.reply(new JsonObject().put("id", key.getString("id")).put("owner", key.getString("owner"))
        .put("role", key.getString("role")).put("name", key.getString("name"))
        .put("revoked", key.getValue("revoked_at") != null));
  }

  /** Whether some stored entry holds {@code text} (a key must never reach storage). */
  synchronized boolean holds(String text) {
    return byHash.keySet().stream().anyMatch(text::equals)
        || byHash.values().stream().anyMatch(key -> key.encode().contains(text));
  }
}
