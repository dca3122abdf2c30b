package ai.sutazai.agents.runtime;

import ai.sutazai.verticles.bus.BusMessages;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Storage's task and cache addresses over an in-memory map, with the status rules of
 * {@link StorageAddresses#TASK_TRANSITION}; records every transition, creation and cache write.
 */
public final class FakeStorage {

  private static final Set<String> FINAL = Set.of("completed", "failed", "dead", "cancelled");
  private static final Map<String, Set<String>> ALLOWED_FROM = Map.of(
      "queued", Set.of("pending", "running"),
      "running", Set.of("queued", "running"),
      "completed", Set.of("running"),
      "failed", Set.of("running"),
      "dead", Set.of("pending", "queued", "running"),
      "cancelled", Set.of("pending", "queued", "running"));

  private final Vertx vertx;
  private final Map<String, JsonObject> tasks = new ConcurrentHashMap<>();
  private final Map<String, String> cache = new ConcurrentHashMap<>();
  /** Every accepted transition request, in order. */
  public final List<JsonObject> transitions = new CopyOnWriteArrayList<>();
  /** Every created task, in order. */
  public final List<JsonObject> created = new CopyOnWriteArrayList<>();
  /** Every CACHE_PUT body, in order. */
  public final List<JsonObject> cachePuts = new CopyOnWriteArrayList<>();
  private final Map<String, Long> transitionDelays = new ConcurrentHashMap<>();
  private int pageSize = 100;

  private FakeStorage(Vertx vertx) {
    this.vertx = vertx;
  }

  /** A fake storage serving its addresses on {@code vertx}, ready once returned. */
  public static FakeStorage serving(Vertx vertx) throws Exception {
    FakeStorage storage = new FakeStorage(vertx);
    Future.all(List.of(
        storage.serve(StorageAddresses.TASK_GET, storage::get),
        storage.serve(StorageAddresses.TASK_TRANSITION, storage::transition),
        storage.serve(StorageAddresses.TASK_CREATE, storage::create),
        storage.serve(StorageAddresses.TASK_LIST, storage::list),
        storage.serve(StorageAddresses.TASK_CANCEL, storage::cancel),
        storage.serve(StorageAddresses.CACHE_GET, storage::cacheGet),
        storage.serve(StorageAddresses.CACHE_PUT, storage::cachePut))).await(10, TimeUnit.SECONDS);
    return storage;
  }

  private Future<Void> serve(String address, java.util.function.Function<JsonObject, JsonObject> handler) {
    return vertx.eventBus().<JsonObject>consumer(address, message -> {
      long delay = StorageAddresses.TASK_TRANSITION.equals(address)
          ? transitionDelays.getOrDefault(message.body().getString("status"), 0L) : 0;
      if (delay > 0) {
        vertx.setTimer(delay, t -> answer(message, handler));
      } else {
        answer(message, handler);
      }
    }).completion();
  }

  /** Answers every transition to {@code status} {@code delayMs} late. */
  public FakeStorage delayTransitionsTo(String status, long delayMs) {
    transitionDelays.put(status, delayMs);
    return this;
  }

  private static void answer(Message<JsonObject> message, java.util.function.Function<JsonObject, JsonObject> handler) {
    try {
      message.reply(handler.apply(message.body()));
    } catch (RuntimeException e) {
      BusMessages.fail(message, e);
    }
  }

  /** Lists {@code size} tasks a page, so that readers must follow the cursor. */
  public FakeStorage pagesOf(int size) {
    this.pageSize = size;
    return this;
  }

  /** A stored task with defaults for what {@code fields} leaves out. */
  public JsonObject put(JsonObject fields) {
    String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
    JsonObject task = new JsonObject()
        .put("id", UUID.randomUUID().toString())
        .put("owner", "alice")
        .put("type", "summarize")
        .put("payload", new JsonObject())
        .put("priority", 5)
        .put("agent", null)
        .put("status", "queued")
        .put("attempts", 0)
        .put("result", null)
        .put("error", null)
        .put("parent", null)
        .put("workflow", null)
        .put("depends_on", new JsonArray())
        .put("cancel_requested", false)
        .put("created_at", now)
        .put("updated_at", now)
        .mergeIn(fields);
    tasks.put(task.getString("id"), task);
    return task.copy();
  }

  public JsonObject task(String id) {
    return tasks.get(id).copy();
  }

  public String status(String id) {
    return tasks.get(id).getString("status");
  }

  public void cachePut(String key, String value) {
    cache.put(key, value);
  }

  /** Marks a running task cancel_requested and announces it as storage does. */
  public void requestCancel(String id) {
    JsonObject task = tasks.get(id);
    task.put("cancel_requested", true);
    vertx.eventBus().publish(StorageAddresses.TASK_CHANGES, new JsonObject()
        .put("task_id", id).put("status", task.getString("status")).put("agent", task.getString("agent"))
        .put("cancel_requested", true));
  }

  private JsonObject get(JsonObject body) {
    JsonObject task = tasks.get(body.getString("id"));
    String owner = body.getString("owner");
    if (task == null || owner != null && !owner.equals(task.getString("owner"))) {
      throw ProblemType.NOT_FOUND.problem("no task has id " + body.getString("id")).asException();
    }
    return task.copy();
  }

  private synchronized JsonObject transition(JsonObject body) {
    JsonObject task = tasks.get(body.getString("id"));
    if (task == null) {
      throw ProblemType.NOT_FOUND.problem("no task has id " + body.getString("id")).asException();
    }
    String target = body.getString("status");
    String current = task.getString("status");
    if (FINAL.contains(target) && target.equals(current)) {
      return new JsonObject().put("changed", false).put("task", task.copy());
    }
    if (!ALLOWED_FROM.get(target).contains(current)) {
      throw ProblemType.CONFLICT.problem("task " + task.getString("id") + " is " + current + "; it cannot become "
          + target).asException();
    }
    transitions.add(body.copy());
    task.put("status", target).put("updated_at", OffsetDateTime.now(ZoneOffset.UTC).toString());
    if ("running".equals(target)) {
      task.put("attempts", task.getInteger("attempts") + 1);
    }
    if (body.containsKey("agent")) {
      task.put("agent", body.getString("agent"));
    }
    if (body.containsKey("error")) {
      task.put("error", body.getString("error"));
    }
    if ("completed".equals(target)) {
      task.put("result", body.getJsonObject("result")).put("error", null);
    }
    return new JsonObject().put("changed", true).put("task", task.copy());
  }

  /** Cancels a task as storage does: pending or queued ones at once, running ones by request. */
  private synchronized JsonObject cancel(JsonObject body) {
    JsonObject task = tasks.get(body.getString("id"));
    if (task == null) {
      throw ProblemType.NOT_FOUND.problem("no task has id " + body.getString("id")).asException();
    }
    if ("running".equals(task.getString("status"))) {
      task.put("cancel_requested", true);
      return new JsonObject().put("outcome", "cancel_requested").put("changed", true).put("task", task.copy());
    }
    if (FINAL.contains(task.getString("status"))) {
      throw ProblemType.CONFLICT.problem("task " + task.getString("id") + " has finished").asException();
    }
    task.put("status", "cancelled");
    return new JsonObject().put("outcome", "cancelled").put("changed", true).put("task", task.copy());
  }

  private JsonObject create(JsonObject body) {
    created.add(body.copy());
    JsonObject fields = body.copy().put("status", "pending");
    if (!fields.containsKey("id")) {
      fields.put("id", UUID.randomUUID().toString());
    }
    if (tasks.containsKey(fields.getString("id"))) {
      throw ProblemType.CONFLICT.problem("a task with id " + fields.getString("id") + " exists already").asException();
    }
    return put(fields);
  }

  private JsonObject list(JsonObject body) {
    List<JsonObject> matching = tasks.values().stream()
        .filter(t -> body.getString("workflow") == null || body.getString("workflow").equals(t.getString("workflow")))
        .filter(t -> body.getString("owner") == null || body.getString("owner").equals(t.getString("owner")))
        .sorted((a, b) -> a.getString("id").compareTo(b.getString("id")))
        .toList();
    int from = body.getString("cursor") == null ? 0 : Integer.parseInt(body.getString("cursor"));
    int to = Math.min(matching.size(), from + Math.min(pageSize, body.getInteger("limit", 20)));
    JsonArray page = new JsonArray();
    matching.subList(from, to).forEach(t -> page.add(t.copy()));
    return new JsonObject().put("tasks", page).put("next_cursor", to < matching.size() ? String.valueOf(to) : null);
  }

  private JsonObject cacheGet(JsonObject body) {
    return new JsonObject().put("value", cache.get(body.getString("key")));
  }

  private JsonObject cachePut(JsonObject body) {
    cachePuts.add(body.copy());
    cache.put(body.getString("key"), body.getString("value"));
    return new JsonObject();
  }
}
