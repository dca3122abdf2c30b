package ai.sutazai.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.auth.Role;
import ai.sutazai.launcher.e2e.RunningPlatform.Reply;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The task routes of a running platform, called as one subject (role user unless told), so that a test sees only
 * its own tasks and workflows: create, read, list, cancel, wait for a status and read the events of a task.
 */
final class TaskCalls {

  static final Set<String> FINAL = Set.of("completed", "failed", "dead", "cancelled");

  private final RunningPlatform platform;
  private final String subject;
  private final MultiMap headers;

  TaskCalls(RunningPlatform platform, String subject, Role role) {
    this.platform = platform;
    this.subject = subject;
    this.headers = MultiMap.caseInsensitiveMultiMap()
        .set("Authorization", "Bearer " + platform.token(subject, role));
  }

  TaskCalls(RunningPlatform platform, String subject) {
    this(platform, subject, Role.USER);
  }

  String subject() {
    return subject;
  }

  String authorization() {
    return headers.get("Authorization");
  }

  Reply post(JsonObject body) {
    return call(HttpMethod.POST, "/api/v1/tasks", body);
  }

  /** Creates a task and returns its id; the answer must be 202 pending with the task's {@code Location}. */
  String create(JsonObject body) {
    Reply reply = post(body);
    assertThat(reply.status()).as("POST /api/v1/tasks %s: %s", body, reply.body()).isEqualTo(202);
    String id = reply.json().getString("id");
    assertThat(reply.headers().get("Location")).isEqualTo("/api/v1/tasks/" + id);
    assertThat(reply.json().getString("status")).isEqualTo("pending");
    return id;
  }

  String create(String type, JsonObject payload) {
    return create(new JsonObject().put("type", type).put("payload", payload));
  }

  Reply call(HttpMethod method, String path) {
    return call(method, path, null);
  }

  /** Any route of the platform, as this subject. */
  Reply call(HttpMethod method, String path, JsonObject body) {
    return platform.exchange(method, path, body, headers).await();
  }

  JsonObject get(String id) {
    Reply reply = call(HttpMethod.GET, "/api/v1/tasks/" + id);
    assertThat(reply.status()).as("GET task %s: %s", id, reply.body()).isEqualTo(200);
    return reply.json();
  }

  Reply list(String query) {
    return call(HttpMethod.GET, "/api/v1/tasks?" + query);
  }

  Reply cancel(String id) {
    return call(HttpMethod.DELETE, "/api/v1/tasks/" + id);
  }

  /** Polls the task until its status is one of {@code statuses}; fails early when it ends in another. */
  JsonObject awaitStatus(String id, String... statuses) {
    Set<String> wanted = Set.of(statuses);
    return Eventually.value("task " + id + " to be " + wanted, Duration.ofSeconds(30), () -> {
      JsonObject task = get(id);
      String status = task.getString("status");
      assertThat(wanted.contains(status) || !FINAL.contains(status))
          .as("task %s ended %s instead of %s: %s", id, status, wanted, task).isTrue();
      return wanted.contains(status) ? Optional.of(task) : Optional.empty();
    });
  }

  /** Opens the task's event stream; the future completes with the whole stream once the server ends it. */
  Future<Reply> openEvents(String id) {
    return platform.exchange(HttpMethod.GET, "/api/v1/tasks/" + id + "/events", null, headers);
  }

  /** The recorded status changes of a final task, read through its event stream (which ends at once). */
  List<JsonObject> events(String id) {
    return statusEvents(openEvents(id).await());
  }

  /** The {@code status} events of a whole event stream. */
  static List<JsonObject> statusEvents(Reply stream) {
    assertThat(stream.status()).as("task events: %s", stream.body()).isEqualTo(200);
    assertThat(stream.contentType()).startsWith("text/event-stream");
    return StreamFrames.sse(stream.body().toString()).stream()
        .filter(event -> event.name().equals("status"))
        .map(StreamFrames.Event::json)
        .toList();
  }

  static List<String> statuses(List<JsonObject> events) {
    return events.stream().map(event -> event.getString("status")).toList();
  }
}
