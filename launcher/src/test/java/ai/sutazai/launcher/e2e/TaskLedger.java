package ai.sutazai.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The tasks a test submitted, read until each one is final and then checked against their recorded events. Safe to
 * submit from one thread while another reads.
 */
public final class TaskLedger {

  private static final Set<String> FINAL = Set.of("completed", "failed", "dead", "cancelled");

  private final TaskApi api;
  private final List<String> ids = new CopyOnWriteArrayList<>();
  private final Map<String, JsonObject> finals = new ConcurrentHashMap<>();

  public TaskLedger(TaskApi api) {
    this.api = api;
  }

  /** Submits a task (see {@link TaskApi#submit}) and keeps its id; returns the id. */
  public String submit(String agent, String type, JsonObject payload) {
    String id = api.submit(agent, type, payload);
    ids.add(id);
    return id;
  }

  /** How many tasks were submitted so far. */
  public int size() {
    return ids.size();
  }

  /** Reads each task not known to be final yet; true once every submitted task is final. */
  public boolean allFinal() {
    for (String id : ids) {
      if (!finals.containsKey(id)) {
        JsonObject task = api.task(id);
        if (FINAL.contains(task.getString("status"))) {
          finals.put(id, task);
        }
      }
    }
    return finals.size() == ids.size();
  }

  /** The final record of every task, in the order they were submitted; call after {@link #allFinal()} held. */
  public List<JsonObject> finalTasks() {
    assertThat(finals).as("final tasks").hasSameSizeAs(ids);
    return ids.stream().map(finals::get).toList();
  }

  /**
   * Checks that every task completed exactly once: status completed, exactly one {@code completed} event, and no
   * {@code failed} or {@code dead} event on the way.
   */
  public void assertEachCompletedOnce() {
    for (JsonObject task : finalTasks()) {
      assertThat(task.getString("status")).as("status of %s", task).isEqualTo("completed");
      List<String> statuses = statusesOf(task.getString("id"));
      assertThat(statuses).as("events of task %s", task.getString("id"))
          .containsOnlyOnce("completed").doesNotContain("failed", "dead").endsWith("completed");
    }
  }

  private List<String> statusesOf(String id) {
    return api.events(id).stream().map(event -> event.getString("status")).toList();
  }
}
