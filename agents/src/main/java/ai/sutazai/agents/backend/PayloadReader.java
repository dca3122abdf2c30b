package ai.sutazai.agents.backend;

import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the fields of one task type's payload strictly: a field the type does not know, a missing
 * required field or one of the wrong type is refused with an {@code invalid-request} problem that
 * names the task type and the field.
 */
final class PayloadReader {

  private final String taskType;
  private final JsonObject payload;

  private PayloadReader(String taskType, JsonObject payload) {
    this.taskType = taskType;
    this.payload = payload;
  }

  /** A reader for {@code payload}, which may hold only {@code knownFields}. */
  static PayloadReader of(String taskType, JsonObject payload, Set<String> knownFields) {
    if (payload == null) {
      throw refusal(taskType + " needs a JSON object payload");
    }
    Set<String> unknown = new TreeSet<>(payload.fieldNames());
    unknown.removeAll(knownFields);
    if (!unknown.isEmpty()) {
      throw refusal(taskType + " payload has unknown field(s) " + unknown + "; known fields are "
          + new TreeSet<>(knownFields));
    }
    return new PayloadReader(taskType, payload);
  }

  /** A string that must be present and not blank, at most {@code maxLength} characters. */
  String requiredText(String field, int maxLength) {
    String value = optionalText(field, maxLength);
    if (value == null || value.isBlank()) {
      throw refusal(taskType + " payload needs '" + field + "', a non-empty string");
    }
    return value;
  }

  /** A string that may be absent (null then), at most {@code maxLength} characters. */
  String optionalText(String field, int maxLength) {
    Object value = payload.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw refusal(taskType + " payload field '" + field + "' must be a string, got " + JsonKinds.of(value));
    }
    if (text.length() > maxLength) {
      throw refusal(taskType + " payload field '" + field + "' has " + text.length()
          + " characters; at most " + maxLength + " are accepted");
    }
    return text;
  }

  /** Any JSON value, or null when absent. */
  Object optionalValue(String field) {
    return payload.getValue(field);
  }

  static ProblemException refusal(String detail) {
    return ProblemType.INVALID_REQUEST.problem(detail).asException();
  }
}
