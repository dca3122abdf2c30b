package ai.sutazai.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The task and agent routes of a running SutazAI, in this JVM or another process, called with the JDK's HTTP
 * client from the test's own thread. Every call expects its route's success status and fails the test otherwise.
 */
public final class TaskApi {

  private static final Duration TIMEOUT = Duration.ofSeconds(70);

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2))
      .build();
  private final String baseUrl;
  private final String authorization;

  /**
   * @param baseUrl       {@code http://host:port} of the gateway
   * @param authorization the {@code Authorization} every request carries (an admin's, to see every task)
   */
  public TaskApi(String baseUrl, String authorization) {
    this.baseUrl = baseUrl;
    this.authorization = authorization;
  }

  /** Submits a task for {@code agent} and returns its id. */
  public String submit(String agent, String type, JsonObject payload) {
    JsonObject accepted = send("POST", "/api/v1/tasks",
        new JsonObject().put("type", type).put("agent", agent).put("payload", payload), 202);
    return accepted.getString("id");
  }

  /** The task as {@code GET /api/v1/tasks/{id}} shows it. */
  public JsonObject task(String id) {
    return send("GET", "/api/v1/tasks/" + id, null, 200);
  }

  /** The first page (up to 100, newest first) of {@code agent}'s tasks in {@code status}. */
  public List<JsonObject> tasks(String agent, String status) {
    JsonArray tasks = send("GET", "/api/v1/tasks?limit=100&agent=" + agent + "&status=" + status, null, 200)
        .getJsonArray("tasks");
    return tasks.stream().map(JsonObject.class::cast).toList();
  }

  /**
   * Every status change recorded for the task, in order, read from its event stream (which ends after the final
   * status, so call this for a task that is final).
   */
  public List<JsonObject> events(String id) {
    HttpResponse<String> response = exchange("GET", "/api/v1/tasks/" + id + "/events", null);
    assertThat(response.statusCode()).as("events of task %s: %s", id, response.body()).isEqualTo(200);
    List<JsonObject> events = new ArrayList<>();
    for (String frame : response.body().split("\n\n")) {
      List<String> lines = frame.lines().toList();
      if (lines.contains("event: status")) {
        lines.stream().filter(line -> line.startsWith("data: "))
            .forEach(line -> events.add(new JsonObject(line.substring("data: ".length()))));
      }
    }
    return events;
  }

  /** The agent's status as {@code GET /api/v1/agents/{id}} shows it. */
  public JsonObject agent(String id) {
    return send("GET", "/api/v1/agents/" + id, null, 200);
  }

  /** Redeploys the agent and returns its status once the new deployment is made. */
  public JsonObject redeploy(String id) {
    return send("POST", "/api/v1/agents/" + id + "/redeploy", null, 200);
  }

  private JsonObject send(String method, String path, JsonObject body, int expected) {
    HttpResponse<String> response = exchange(method, path, body);
    assertThat(response.statusCode()).as("%s %s answered %s", method, path, response.body()).isEqualTo(expected);
    return new JsonObject(response.body());
  }

  private HttpResponse<String> exchange(String method, String path, JsonObject body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
        .header("Authorization", authorization);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " " + path + " was interrupted", e);
    }
  }
}
