package ai.sutazai.storage.audit;

import ai.sutazai.storage.BusFields;
import ai.sutazai.verticles.problem.ProblemException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads and checks the fields of audit requests; a bad field fails with a 400 {@code invalid-request} problem
 * whose detail names it ({@code 'outcome' must be one of success, denied, failure, got "ok"}).
 */
final class AuditFields {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;
  static final int MAX_DETAIL_CHARS = 4000;

  private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
  private static final int MAX_ACTION_CHARS = 100;

  private AuditFields() {
  }

  /** The row an append request describes. */
  static AuditEntry entry(JsonObject body) {
    String detailText = null;
    JsonObject detail = optionalObject(body, "detail");
    if (detail != null) {
      detailText = detail.encode();
      if (detailText.length() > MAX_DETAIL_CHARS) {
        throw invalid("'detail' must encode to at most " + MAX_DETAIL_CHARS + " characters, got "
          + detailText.length());
      }
      if (detailText.contains("\\u0000")) {
        throw invalid("'detail' must not contain NUL characters");
      }
    }
    return new AuditEntry(null, optionalTime(body, "at"), optionalString(body, "subject", 200),
      optionalString(body, "role", 32), action(body, true), optionalString(body, "target", 500),
      outcome(body, true), optionalString(body, "request_id", 128), optionalString(body, "client_address", 100),
      detail);
  }

  /** The filter a list request describes. */
  static AuditFilter filter(JsonObject body) {
    return new AuditFilter(optionalString(body, "subject", 200), action(body, false), outcome(body, false),
      optionalTime(body, "since"), optionalTime(body, "until"));
  }

  /** The page size, 1..200, 50 when absent. */
  static int limit(JsonObject body) {
    return BusFields.limit(body, DEFAULT_LIMIT, MAX_LIMIT);
  }

  /** The decoded cursor, or null for the first page. */
  static AuditCursor cursor(JsonObject body) {
    return BusFields.cursor(body, AuditCursor::decode);
  }

  private static String action(JsonObject body, boolean required) {
    String action = optionalString(body, "action", MAX_ACTION_CHARS);
    if (action == null) {
      if (required) {
        throw invalid("'action' must be a non-empty string");
      }
      return null;
    }
    if (!ACTION.matcher(action).matches()) {
      throw invalid("'action' must be dotted lower-case words such as conversation.delete, got "
        + Json.encode(action));
    }
    return action;
  }

  private static AuditOutcome outcome(JsonObject body, boolean required) {
    Object value = body.getValue("outcome");
    if (value == null && !required) {
      return null;
    }
    if (value instanceof String name) {
      return AuditOutcome.fromWire(name).orElseThrow(() -> badOutcome(value));
    }
    throw badOutcome(value);
  }

  private static ProblemException badOutcome(Object value) {
    return invalid("'outcome' must be one of success, denied, failure, got " + Json.encode(value));
  }

  private static String optionalString(JsonObject body, String field, int maxChars) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text) || text.isEmpty()) {
      throw invalid("'" + field + "' must be a non-empty string, got " + Json.encode(value));
    }
    if (text.length() > maxChars) {
      throw invalid("'" + field + "' must be at most " + maxChars + " characters, got " + text.length());
    }
    if (text.indexOf(0) >= 0) {
      throw invalid("'" + field + "' must not contain NUL characters");
    }
    return text;
  }

  private static OffsetDateTime optionalTime(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (value instanceof String text) {
      try {
        return OffsetDateTime.parse(text);
      } catch (DateTimeParseException e) {
        // reported below, naming the field
      }
    }
    throw invalid("'" + field + "' must be an ISO-8601 time with an offset such as 2025-01-31T12:00:00Z, got "
      + Json.encode(value));
  }

  private static JsonObject optionalObject(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null || value instanceof JsonObject) {
      return (JsonObject) value;
    }
    throw invalid("'" + field + "' must be an object, got " + Json.encode(value));
  }

  private static ProblemException invalid(String detail) {
    return BusFields.invalid(detail);
  }
}
