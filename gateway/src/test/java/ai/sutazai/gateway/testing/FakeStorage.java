package ai.sutazai.gateway.testing;

import ai.sutazai.verticles.bus.BusMessages;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * An in-memory stand-in for the storage verticle on the real event bus: it serves the conversation, task,
 * API key, audit, rate-limit and status addresses of {@link StorageAddresses}, checks requests as the contract says (400 naming
 * the field, 404 for an unknown conversation or another owner's), records every request with its
 * request-id header, and can be switched to "PostgreSQL down" (503 {@code storage-unavailable}).
 */
public final class FakeStorage {

  /** Milliseconds until the minute window restarts, as RATE_LIMIT_HIT answers it. */
  public static final long MINUTE_RESET_MS = 41_500;
  /** Milliseconds until the hour window restarts, as RATE_LIMIT_HIT answers it. */
  public static final long HOUR_RESET_MS = 2_999_001;

  private final Vertx vertx;
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
  private final ConversationBook book = new ConversationBook();
  private final KeyBook keys = new KeyBook();
  private final AuditBook audit = new AuditBook();
  private final TaskBook tasks = new TaskBook();
  private final Map<String, List<JsonObject>> calls = new ConcurrentHashMap<>();
  private final List<String> requestIds = new CopyOnWriteArrayList<>();
  private final Map<String, Problem> failures = new ConcurrentHashMap<>();
  private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
  private volatile String postgresError;
  private volatile boolean cacheDown;
  private volatile JsonObject taskBus;
  private volatile JsonObject taskCounts;
  private final Map<String, AtomicLong> hits = new ConcurrentHashMap<>();

  private record Waiter(String address, int count, Promise<Void> promise) {
  }

  private FakeStorage(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Registers the fake on the conversation and status addresses. */
  public static Future<FakeStorage> start(Vertx vertx) {
    FakeStorage fake = new FakeStorage(vertx);
    fake.listen(StorageAddresses.CONVERSATION_LIST, fake.book::list);
    fake.listen(StorageAddresses.CONVERSATION_GET, fake.book::get);
    fake.listen(StorageAddresses.CONVERSATION_RENAME, fake.book::rename);
    fake.listen(StorageAddresses.CONVERSATION_DELETE, fake.book::delete);
    fake.listen(StorageAddresses.CONVERSATION_HISTORY, fake.book::history);
    fake.listen(StorageAddresses.CONVERSATION_APPEND, fake.book::append);
    fake.listen(StorageAddresses.TASK_CREATE, fake.tasks::create);
    fake.listen(StorageAddresses.TASK_GET, fake.tasks::get);
    fake.listen(StorageAddresses.TASK_LIST, fake.tasks::list);
    fake.listen(StorageAddresses.TASK_CANCEL, fake.tasks::cancel);
    fake.listen(StorageAddresses.TASK_EVENTS, fake.tasks::events);
    fake.listenForKeys(StorageAddresses.API_KEY_CREATE, fake.keys::create);
    fake.listenForKeys(StorageAddresses.API_KEY_LIST, (m, body) -> fake.keys.list(m));
    fake.listenForKeys(StorageAddresses.API_KEY_REVOKE, fake.keys::revoke);
    fake.listenForKeys(StorageAddresses.API_KEY_VERIFY, fake.keys::verify);
    fake.consumers.add(vertx.eventBus().consumer(StorageAddresses.RATE_LIMIT_HIT, m -> {
      fake.record(StorageAddresses.RATE_LIMIT_HIT, m);
      m.reply(fake.countHit(((JsonObject) m.body()).getString("subject")));
    }));
    fake.listenWithoutOwner(StorageAddresses.AUDIT_APPEND, fake.audit::append);
    fake.listenWithoutOwner(StorageAddresses.AUDIT_LIST, fake.audit::list);
    fake.consumers.add(vertx.eventBus().consumer(StorageAddresses.STATUS, m -> {
      fake.record(StorageAddresses.STATUS, m);
      m.reply(fake.status());
    }));
    return Future.all(fake.consumers.stream().map(MessageConsumer::completion).toList()).map(fake);
  }

  /** Unregisters every address, as if the storage verticle were not deployed. */
  public Future<Void> stop() {
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }

  /** Makes every conversation address answer 503 and STATUS report PostgreSQL down with {@code why}. */
  public FakeStorage postgresDown(String why) {
    postgresError = why;
    return this;
  }

  /** Makes STATUS report the cache as down and RATE_LIMIT_HIT answer count 0 (conversations keep working). */
  public FakeStorage cacheDown() {
    cacheDown = true;
    return this;
  }

  /** Makes every following request to {@code address} fail with {@code problem}. */
  public FakeStorage failing(String address, Problem problem) {
    failures.put(address, problem);
    return this;
  }

  /** Makes STATUS report the task bus ({@code "task_bus"}) and the task counts ({@code "tasks"}) given. */
  public void taskBus(JsonObject status, JsonObject counts) {
    taskBus = status;
    taskCounts = counts;
  }

  /** Stores a conversation of {@code owner} directly; each message has role, content and optionally status. */
  public String seed(String owner, String title, JsonObject... messages) {
    return book.seed(owner, title, List.of(messages));
  }

  /** Stores a pending task of {@code owner} directly, as TASK_CREATE would; returns it. */
  public JsonObject seedTask(String owner, String type) {
    return tasks.create(new JsonObject().put("owner", owner).put("type", type).put("agent", "ag-001"));
  }

  /**
   * Moves a task to {@code status}, records the event and publishes the change on TASK_CHANGES, as storage does
   * after each recorded change; returns the change.
   */
  public JsonObject changeTask(String id, String status) {
    JsonObject change = recordTaskChange(id, status);
    vertx.eventBus().publish(StorageAddresses.TASK_CHANGES, change);
    return change;
  }

  /** Moves a task to {@code status} and records the event without publishing it (a change whose notice is lost). */
  public JsonObject recordTaskChange(String id, String status) {
    return tasks.transition(id, status);
  }

  /** The recorded status events of a task, oldest first, as TASK_EVENTS replies them. */
  public List<JsonObject> taskEvents(String id) {
    return tasks.eventsOf(id);
  }

  /** The conversation with its messages as CONVERSATION_GET answers it, or null when there is none. */
  public JsonObject conversation(String id) {
    return book.find(id);
  }

  /** The audit rows stored, oldest first, each with its {@code id}. */
  public List<JsonObject> auditRows() {
    return audit.rows();
  }

  /** The bodies of the requests received at {@code address}, in order. */
  public List<JsonObject> calls(String address) {
    return calls.getOrDefault(address, List.of());
  }

  /**
   * The {@code x-request-id} header of every conversation and status request received; the audit rows every
   * mutating request leaves are kept apart (see {@link #auditRows()}).
   */
  public List<String> requestIds() {
    return requestIds;
  }

  /** Completes once at least {@code count} requests have arrived at {@code address}. */
  public Future<Void> callsReceived(String address, int count) {
    Promise<Void> promise = Promise.promise();
    waiters.add(new Waiter(address, count, promise));
    checkWaiters();
    return promise.future();
  }

  private void listen(String address, ConversationBook.Operation operation) {
    consumers.add(vertx.eventBus().consumer(address, message -> {
      record(address, message);
      serve(address, message, operation);
    }));
  }

  /** Whether a stored API key entry holds {@code text}. */
  public boolean keysHold(String text) {
    return keys.holds(text);
  }

  private void listenForKeys(String address, BiConsumer<Message<Object>, JsonObject> work) {
    consumers.add(vertx.eventBus().consumer(address, message -> {
      record(address, message);
      if (postgresError != null) {
        BusMessages.fail(message, ProblemType.STORAGE_UNAVAILABLE.problem("PostgreSQL is not reachable: "
            + postgresError));
        return;
      }
      JsonObject body = BusMessages.jsonBody(message);
      if (body != null) {
        work.accept(message, body);
      }
    }));
  }

  /** Serves an address whose requests name no owner (the audit log), with the same outage and failure switches. */
  private void listenWithoutOwner(String address, ConversationBook.Operation operation) {
    consumers.add(vertx.eventBus().consumer(address, message -> {
      if (postgresError != null) {
        BusMessages.fail(message, ProblemType.STORAGE_UNAVAILABLE.problem("PostgreSQL is not reachable: "
            + postgresError));
      } else if (failures.containsKey(address)) {
        BusMessages.fail(message, failures.get(address));
      } else {
        message.reply(operation.serve((JsonObject) message.body()));
      }
      // Recorded once served, so that a test woken by callsReceived sees what the request stored.
      recordCall(address, message);
    }));
  }

  private void serve(String address, Message<Object> message, ConversationBook.Operation operation) {
    if (postgresError != null) {
      BusMessages.fail(message, ProblemType.STORAGE_UNAVAILABLE.problem("PostgreSQL is not reachable: "
          + postgresError));
      return;
    }
    Problem failure = failures.get(address);
    if (failure != null) {
      BusMessages.fail(message, failure);
      return;
    }
    JsonObject body = BusMessages.jsonBody(message);
    if (body == null || BusMessages.requiredString(message, body, "owner") == null) {
      return;
    }
    try {
      message.reply(operation.serve(body));
    } catch (StorageContract.Refusal refusal) {
      BusMessages.fail(message, refusal.problem());
    }
  }

  private void record(String address, Message<Object> message) {
    requestIds.add(String.valueOf(message.headers().get("x-request-id")));
    recordCall(address, message);
  }

  private void recordCall(String address, Message<Object> message) {
    Object body = message.body();
    calls.computeIfAbsent(address, a -> new CopyOnWriteArrayList<>())
        .add(body instanceof JsonObject json ? json.copy()
            : new JsonObject().put("not_an_object", String.valueOf(body)));
    checkWaiters();
  }

  private void checkWaiters() {
    for (Waiter waiter : waiters) {
      if (calls(waiter.address()).size() >= waiter.count()) {
        waiter.promise().tryComplete();
        waiters.remove(waiter);
      }
    }
  }

  /**
   * Counts a hit of {@code subject} in one shared counter for both windows, as a fresh minute and hour
   * would: the minute resets in {@value #MINUTE_RESET_MS} ms, the hour in {@value #HOUR_RESET_MS} ms.
   */
  private JsonObject countHit(String subject) {
    long count = cacheDown ? 0 : hits.computeIfAbsent(subject, s -> new AtomicLong()).incrementAndGet();
    return new JsonObject()
        .put("minute", new JsonObject().put("count", count).put("reset_in_ms", MINUTE_RESET_MS))
        .put("hour", new JsonObject().put("count", count).put("reset_in_ms", HOUR_RESET_MS));
  }

  private JsonObject status() {
    JsonObject postgres = new JsonObject().put("status", postgresError == null ? "up" : "down")
        .put("mode", "external").put("endpoint", "127.0.0.1:5432");
    if (postgresError != null) {
      postgres.put("error", postgresError);
    }
    JsonObject cache = new JsonObject().put("status", cacheDown ? "down" : "up").put("backend", "redis")
        .put("endpoint", "127.0.0.1:6379");
    JsonObject status = new JsonObject().put("postgres", postgres).put("cache", cache);
    if (taskBus != null) {
      status.put("task_bus", taskBus);
    }
    if (taskCounts != null) {
      status.put("tasks", taskCounts);
    }
    return status;
  }
}
