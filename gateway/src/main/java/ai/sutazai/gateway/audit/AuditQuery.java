package ai.sutazai.gateway.audit;

import ai.sutazai.gateway.http.InvalidField;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The query of {@code GET /api/v1/audit}, checked and turned into the body of
 * {@link ai.sutazai.verticles.storage.StorageAddresses#AUDIT_LIST}. A parameter that is unknown, repeated or
 * malformed fails with a 400 problem naming it.
 */
final class AuditQuery {

  static final int MAX_LIMIT = 200;
  private static final List<String> PARAMETERS =
      List.of("subject", "action", "outcome", "since", "until", "cursor", "limit");
  private static final List<String> OUTCOMES = List.of("success", "denied", "failure");
  private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
  private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_-]{1,200}");
  private static final Pattern LIMIT = Pattern.compile("[0-9]{1,3}");

  private AuditQuery() {
  }

  /** The storage request for {@code params}. */
  static JsonObject read(MultiMap params) {
    for (String name : params.names()) {
      if (!PARAMETERS.contains(name)) {
        throw invalid(name, "is not known; the audit log is filtered by " + String.join(", ", PARAMETERS));
      }
      if (params.getAll(name).size() > 1) {
        throw invalid(name, "must be given at most once");
      }
    }
    JsonObject request = new JsonObject();
    String subject = params.get("subject");
    if (subject != null) {
      if (subject.isEmpty() || subject.length() > AuditedAction.MAX_TARGET_CHARS) {
        throw invalid("subject", "must be 1.." + AuditedAction.MAX_TARGET_CHARS + " characters");
      }
      request.put("subject", subject);
    }
    putMatching(request, params, "action", ACTION, "must be an action name such as conversation.delete");
    String outcome = params.get("outcome");
    if (outcome != null) {
      if (!OUTCOMES.contains(outcome)) {
        throw invalid("outcome", "must be one of " + String.join(", ", OUTCOMES) + ", got \"" + outcome + "\"");
      }
      request.put("outcome", outcome);
    }
    OffsetDateTime since = time(request, params, "since");
    OffsetDateTime until = time(request, params, "until");
    if (since != null && until != null && !since.isBefore(until)) {
      throw invalid("since", "must be before until");
    }
    putMatching(request, params, "cursor", CURSOR, "must be the next_cursor of a previous page");
    String limit = params.get("limit");
    if (limit != null) {
      int value = LIMIT.matcher(limit).matches() ? Integer.parseInt(limit) : -1;
      if (value < 1 || value > MAX_LIMIT) {
        throw invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT + ", got \"" + limit + "\"");
      }
      request.put("limit", value);
    }
    return request;
  }

  private static void putMatching(JsonObject request, MultiMap params, String name, Pattern pattern,
      String expectation) {
    String value = params.get(name);
    if (value == null) {
      return;
    }
    if (value.length() > 200 || !pattern.matcher(value).matches()) {
      throw invalid(name, expectation + ", got \"" + AuditedAction.bounded(value) + "\"");
    }
    request.put(name, value);
  }

  private static OffsetDateTime time(JsonObject request, MultiMap params, String name) {
    String value = params.get(name);
    if (value == null) {
      return null;
    }
    try {
      OffsetDateTime time = OffsetDateTime.parse(value);
      request.put(name, value);
      return time;
    } catch (DateTimeParseException e) {
      throw invalid(name, "must be an ISO-8601 time with an offset such as 2025-01-31T12:00:00Z, got \""
          + AuditedAction.bounded(value) + "\"");
    }
  }

  private static RuntimeException invalid(String name, String expectation) {
    return InvalidField.at("query parameter " + name, expectation);
  }
}
