package ai.sutazai.storage.task;

import ai.sutazai.storage.BusFields;
import ai.sutazai.verticles.problem.ProblemException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and checks the fields of task requests; a bad field fails with a 400 {@code invalid-request} problem
 * whose detail names it ({@code 'priority' must be an integer 1..10, got 11}).
 */
final class TaskFields {

  static final int DEFAULT_PRIORITY = 5;
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  static final int DEFAULT_OUTBOX_LIMIT = 100;
  static final int MAX_OUTBOX_LIMIT = 500;
  static final int DEFAULT_EVENTS_LIMIT = 200;
  static final int MAX_EVENTS_LIMIT = 1000;
  static final int MAX_DEPENDENCIES = 100;
  static final int MAX_OUTBOX_AGENTS = 10_000;
  static final int MAX_OWNER_CHARS = 200;
  static final int MAX_ERROR_CHARS = 10_000;
  static final int MAX_DETAIL_CHARS = 4000;

  private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");
  private static final Pattern AGENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

  private TaskFields() {
  }

  /** The task a create request describes; its id is the one given, or a new one. */
  static NewTask newTask(JsonObject body) {
    UUID id = body.getValue("id") == null ? UUID.randomUUID() : uuid(body, "id");
    JsonObject payload = object(body, "payload", Integer.MAX_VALUE);
    return new NewTask(id, owner(body), type(body), payload == null ? new JsonObject() : payload, priority(body),
      agent(body), optionalUuid(body, "parent"), optionalUuid(body, "workflow"), dependsOn(body));
  }

  /** The status change a transition request describes. */
  static TaskChange change(JsonObject body) {
    TaskStatus status = targetStatus(body);
    JsonObject result = object(body, "result", Integer.MAX_VALUE);
    if (result != null && status != TaskStatus.COMPLETED) {
      throw invalid("'result' is kept only when 'status' is completed, got status " + status.wireName());
    }
    return new TaskChange(status, result, error(body), agent(body), object(body, "detail", MAX_DETAIL_CHARS));
  }

  /** The filter a list request describes. */
  static TaskFilter filter(JsonObject body) {
    Object status = body.getValue("status");
    TaskStatus wanted = null;
    if (status != null) {
      wanted = status instanceof String name ? TaskStatus.fromWire(name).orElse(null) : null;
      if (wanted == null) {
        throw invalid("'status' must be one of " + names(Arrays.asList(TaskStatus.values())) + ", got "
          + Json.encode(status));
      }
    }
    return new TaskFilter(optionalOwner(body), wanted, agent(body), optionalUuid(body, "workflow"));
  }

  /** The required task id. */
  static UUID id(JsonObject body) {
    return uuid(body, "id");
  }

  /** The owner a request is scoped to: the subject that must own the task, or null for every owner. */
  static String optionalOwner(JsonObject body) {
    return body.getValue("owner") == null ? null : owner(body);
  }

  /** The decoded cursor, or null for the first page. */
  static TaskCursor cursor(JsonObject body) {
    return BusFields.cursor(body, TaskCursor::decode);
  }

  /** The page size: an integer 1..{@code max} in {@code limit}, {@code fallback} when absent. */
  static int limit(JsonObject body, int fallback, int max) {
    return BusFields.limit(body, fallback, max);
  }

  /** The id of the last event a reader has seen, 0 when absent. */
  static long after(JsonObject body) {
    Object value = body.getValue("after");
    if (value == null) {
      return 0;
    }
    Long after = BusFields.integral(value);
    if (after == null || after < 0) {
      throw invalid("'after' must be a non-negative integer (an event id), got " + Json.encode(value));
    }
    return after;
  }

  private static String owner(JsonObject body) {
    Object value = body.getValue("owner");
    if (!(value instanceof String owner) || owner.isBlank()) {
      throw invalid("'owner' must be a non-empty string, got " + Json.encode(value));
    }
    if (owner.length() > MAX_OWNER_CHARS) {
      throw invalid("'owner' must be at most " + MAX_OWNER_CHARS + " characters, got " + owner.length());
    }
    return BusFields.withoutNul(owner, "owner");
  }

  private static String type(JsonObject body) {
    Object value = body.getValue("type");
    if (value instanceof String type && TYPE.matcher(type).matches()) {
      return type;
    }
    throw invalid("'type' must be 1..100 lower-case letters, digits, '_', '-' or '.' such as code_review, got "
      + Json.encode(value));
  }

  /** The optional {@code agents} of an outbox request: at most 10000 agent ids; null when absent. */
  static List<String> optionalAgents(JsonObject body) {
    Object value = body.getValue("agents");
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonArray array) || array.size() > MAX_OUTBOX_AGENTS) {
      throw invalid("'agents' must be an array of at most " + MAX_OUTBOX_AGENTS + " agent ids");
    }
    List<String> agents = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof String agent && AGENT.matcher(agent).matches())) {
        throw invalid("'agents[" + i + "]' must be an agent id such as ag-001, got " + Json.encode(array.getValue(i)));
      }
      agents.add(agent);
    }
    return agents;
  }

  private static String agent(JsonObject body) {
    Object value = body.getValue("agent");
    if (value == null) {
      return null;
    }
    if (value instanceof String agent && AGENT.matcher(agent).matches()) {
      return agent;
    }
    throw invalid("'agent' must be an agent id such as ag-001 (1..100 letters, digits, '_', '-' or '.'), got "
      + Json.encode(value));
  }

  private static int priority(JsonObject body) {
    Object value = body.getValue("priority");
    if (value == null) {
      return DEFAULT_PRIORITY;
    }
    Long priority = BusFields.integral(value);
    if (priority == null || priority < 1 || priority > 10) {
      throw invalid("'priority' must be an integer 1..10, got " + Json.encode(value));
    }
    return priority.intValue();
  }

  private static TaskStatus targetStatus(JsonObject body) {
    Object value = body.getValue("status");
    List<TaskStatus> targets = Arrays.stream(TaskStatus.values())
      .filter(status -> !status.allowedFrom().isEmpty()).toList();
    if (value instanceof String name) {
      TaskStatus status = TaskStatus.fromWire(name).orElse(null);
      if (status != null && targets.contains(status)) {
        return status;
      }
    }
    throw invalid("'status' must be one of " + names(targets) + ", got " + Json.encode(value));
  }

  private static String error(JsonObject body) {
    Object value = body.getValue("error");
    if (value == null) {
      return null;
    }
    if (!(value instanceof String error) || error.isBlank()) {
      throw invalid("'error' must be a non-empty string, got " + Json.encode(value));
    }
    if (error.length() > MAX_ERROR_CHARS) {
      throw invalid("'error' must be at most " + MAX_ERROR_CHARS + " characters, got " + error.length());
    }
    return BusFields.withoutNul(error, "error");
  }

  private static List<UUID> dependsOn(JsonObject body) {
    Object value = body.getValue("depends_on");
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array) || array.size() > MAX_DEPENDENCIES) {
      throw invalid("'depends_on' must be an array of at most " + MAX_DEPENDENCIES + " task ids");
    }
    List<UUID> ids = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      Object id = array.getValue(i);
      if (!BusFields.isUuid(id)) {
        throw invalid("'depends_on[" + i + "]' must be a UUID, got " + Json.encode(id));
      }
      ids.add(UUID.fromString((String) id));
    }
    return ids;
  }

  private static UUID uuid(JsonObject body, String field) {
    return BusFields.uuid(body, field);
  }

  private static UUID optionalUuid(JsonObject body, String field) {
    return body.getValue(field) == null ? null : uuid(body, field);
  }

  private static JsonObject object(JsonObject body, String field, int maxChars) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject json)) {
      throw invalid("'" + field + "' must be an object, got " + Json.encode(value));
    }
    String encoded = json.encode();
    if (encoded.length() > maxChars) {
      throw invalid("'" + field + "' must encode to at most " + maxChars + " characters, got " + encoded.length());
    }
    if (encoded.contains("\\u0000")) {
      throw invalid("'" + field + "' must not contain NUL characters");
    }
    return json;
  }

  private static String names(List<TaskStatus> statuses) {
    return statuses.stream().map(TaskStatus::wireName).collect(Collectors.joining(", "));
  }

  private static ProblemException invalid(String detail) {
    return BusFields.invalid(detail);
  }
}
