package ai.sutazai.launcher.bench;

import ai.sutazai.launcher.TestJwt;
import ai.sutazai.launcher.e2e.OnContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code /ws/agents} socket of one SutazAI, as an admin sees it: notes when each status change of the
 * benchmark's tasks (those of agents whose id starts with a prefix) reaches the client. A change may arrive before
 * the answer to the task's {@code POST}, so every change is kept, and a wait for a task's end is answered from
 * what arrived already. Used from several event loops at once, hence synchronized.
 */
final class TaskWatch {

  private static final Set<String> ENDS = Set.of("completed", "failed", "dead", "cancelled");

  /** One change of task {@code taskId} as the client received it, at {@code nanos} (System.nanoTime). */
  record Change(String taskId, String status, String agent, int attempts, long eventId, long nanos) {
  }

  private final String agentPrefix;
  private final WebSocket socket;
  private final Map<String, List<Change>> changes = new HashMap<>();
  private final Map<String, Promise<Change>> ends = new HashMap<>();
  private final List<Change> completions = new ArrayList<>();
  private String closed;

  private TaskWatch(String agentPrefix, WebSocket socket) {
    this.agentPrefix = agentPrefix;
    this.socket = socket;
  }

  static Future<TaskWatch> open(Vertx vertx, WebSocketClient client, int port, String agentPrefix) {
    return new OnContext(vertx).run(() -> client.connect(new WebSocketConnectOptions()
            .setHost("127.0.0.1").setPort(port).setURI("/ws/agents").addHeader("Authorization", TestJwt.ADMIN))
        .map(socket -> {
          TaskWatch watch = new TaskWatch(agentPrefix, socket);
          socket.textMessageHandler(watch::onFrame);
          socket.closeHandler(v -> watch.onClose("closed with " + socket.closeStatusCode() + " "
              + socket.closeReason()));
          return watch;
        }));
  }

  /** The final change of the task (its completion, or a failure if it ended otherwise or the socket closed). */
  synchronized Future<Change> ended(String taskId) {
    Change last = last(taskId);
    if (last != null && ENDS.contains(last.status())) {
      return settle(taskId, last);
    }
    if (closed != null) {
      return Future.failedFuture("the task socket " + closed + " before task " + taskId + " ended");
    }
    return ends.computeIfAbsent(taskId, id -> Promise.promise()).future()
        .compose(change -> settle(taskId, change));
  }

  /** Every change of the task received so far, in order of arrival. */
  synchronized List<Change> changesOf(String taskId) {
    return List.copyOf(changes.getOrDefault(taskId, List.of()));
  }

  /** The completions of the benchmark's tasks that arrived at or after {@code sinceNanos}, in order of arrival. */
  synchronized List<Change> completionsSince(long sinceNanos) {
    return completions.stream().filter(change -> change.nanos() >= sinceNanos).toList();
  }

  /** Whether the task's {@code running} change arrived at or after {@code sinceNanos}: it started since. */
  synchronized boolean startedSince(String taskId, long sinceNanos) {
    return changes.getOrDefault(taskId, List.of()).stream()
        .anyMatch(change -> change.status().equals("running") && change.nanos() >= sinceNanos);
  }

  Future<Void> close() {
    return socket.close();
  }

  private Future<Change> settle(String taskId, Change end) {
    return end.status().equals("completed") ? Future.succeededFuture(end)
        : Future.failedFuture("task " + taskId + " ended " + end.status() + " on agent " + end.agent());
  }

  private synchronized Change last(String taskId) {
    List<Change> seen = changes.get(taskId);
    return seen == null ? null : seen.get(seen.size() - 1);
  }

  private void onFrame(String text) {
    long now = System.nanoTime();
    JsonObject frame = new JsonObject(text);
    if (!"task".equals(frame.getString("type")) || frame.getString("agent") == null
        || !frame.getString("agent").startsWith(agentPrefix)) {
      return;
    }
    String taskId = frame.getString("task_id");
    Change change = new Change(taskId, frame.getString("status"), frame.getString("agent"),
        frame.getInteger("attempts", 0), frame.getLong("event_id", -1L), now);
    Promise<Change> waiting;
    synchronized (this) {
      changes.computeIfAbsent(taskId, id -> new ArrayList<>()).add(change);
      if (change.status().equals("completed")) {
        completions.add(change);
      }
      waiting = ENDS.contains(change.status()) ? ends.remove(taskId) : null;
    }
    if (waiting != null) {
      waiting.complete(change);
    }
  }

  private void onClose(String why) {
    List<Promise<Change>> waiting;
    synchronized (this) {
      closed = why;
      waiting = List.copyOf(ends.values());
      ends.clear();
    }
    waiting.forEach(promise -> promise.tryFail("the task socket " + why));
  }
}
