package ai.sutazai.inference;

import ai.sutazai.inference.ollama.OllamaClient;
import ai.sutazai.verticles.bus.BusMessages;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Ollama's model administration over the event bus: tags, show, delete, version, ps and pull.
 * These calls take no queue slot; a pull streams progress and can be cancelled by its id.
 */
final class OllamaAdminService {

  /** How long an admin call may take to connect and between parts of its answer. */
  static final long ADMIN_TIMEOUT_MS = 30_000;

  private final Vertx vertx;
  private final OllamaClient ollama;
  private final Map<String, PullRelay> pulls = new HashMap<>();

  OllamaAdminService(Vertx vertx, OllamaClient ollama) {
    this.vertx = vertx;
    this.ollama = ollama;
  }

  void tags(Message<Object> message) {
    relay(message, ollama.exchange(HttpMethod.GET, "/api/tags", null, ADMIN_TIMEOUT_MS));
  }

  void version(Message<Object> message) {
    relay(message, ollama.exchange(HttpMethod.GET, "/api/version", null, ADMIN_TIMEOUT_MS));
  }

  void running(Message<Object> message) {
    relay(message, ollama.exchange(HttpMethod.GET, "/api/ps", null, ADMIN_TIMEOUT_MS));
  }

  void show(Message<Object> message) {
    JsonObject body = BusMessages.jsonBody(message);
    if (body != null && BusMessages.requiredString(message, body, "model") != null) {
      relay(message, ollama.exchange(HttpMethod.POST, "/api/show", body, ADMIN_TIMEOUT_MS));
    }
  }

  void delete(Message<Object> message) {
    JsonObject body = BusMessages.jsonBody(message);
    String model = body == null ? null : BusMessages.requiredString(message, body, "model");
    if (model != null) {
      relay(message, ollama.exchange(HttpMethod.DELETE, "/api/delete", new JsonObject().put("model", model),
          ADMIN_TIMEOUT_MS).map(ignored -> new JsonObject()));
    }
  }

  /** Starts a pull: {@code {"id"?, "model", "reply_address", "insecure"?}}. */
  void pull(Message<Object> message) {
    JsonObject body = BusMessages.jsonBody(message);
    String model = body == null ? null : BusMessages.requiredString(message, body, "model");
    String replyAddress = model == null ? null : BusMessages.requiredString(message, body, "reply_address");
    if (replyAddress == null) {
      return;
    }
    Object id = body.getValue("id", "pull-" + UUID.randomUUID());
    Object insecure = body.getValue("insecure", false);
    if (!(id instanceof String) || !(insecure instanceof Boolean)) {
      BusMessages.fail(message, ProblemType.INVALID_REQUEST.problem(
          (id instanceof String ? "/insecure must be a boolean" : "/id must be a string")));
      return;
    }
    if (pulls.containsKey(id)) {
      BusMessages.fail(message, ProblemType.INVALID_REQUEST.problem("pull id '" + id + "' is already in use"));
      return;
    }
    PullRelay relay = new PullRelay(model, replyAddress, message, vertx.eventBus(), done -> pulls.remove(id, done));
    pulls.put((String) id, relay);
    JsonObject ollamaBody = new JsonObject().put("model", model).put("stream", true);
    if ((Boolean) insecure) {
      ollamaBody.put("insecure", true);
    }
    relay.call(ollama.stream("/api/pull", ollamaBody, relay));
  }

  /** Aborts a running pull; false when no pull has this id. */
  boolean cancel(String id, Problem problem) {
    PullRelay relay = pulls.get(id);
    if (relay == null) {
      return false;
    }
    relay.abort(problem);
    return true;
  }

  void shutdown(Problem problem) {
    new ArrayList<>(pulls.values()).forEach(relay -> relay.abort(problem));
  }

  private static void relay(Message<Object> message, Future<JsonObject> answer) {
    answer.onSuccess(message::reply).onFailure(failure -> BusMessages.fail(message, failure));
  }
}
