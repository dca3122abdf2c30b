package ai.sutazai.gateway.testing;

import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The request fields of {@link StorageAddresses} as {@link FakeStorage} checks them: each reader
 * returns the field or throws a {@link Refusal} carrying the 400 problem that names it.
 */
final class StorageContract {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  static final int MAX_TITLE = 200;
  private static final Set<String> STATUSES = Set.of("complete", "cancelled", "failed");
  private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");
  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** A request the contract refuses, with the problem to reply. */
  static final class Refusal extends RuntimeException {
    private final transient Problem problem;

    Refusal(Problem problem) {
      super(problem.detail(), null, false, false);
      this.problem = problem;
    }

    Problem problem() {
      return problem;
    }
  }

  private StorageContract() {
  }

  /** The {@code id}, lower case. */
  static String id(JsonObject request) {
    if (!(request.getValue("id") instanceof String id) || !UUID.matcher(id).matches()) {
      throw invalid("'id' must be a UUID");
    }
    return id.toLowerCase();
  }

  static int limit(JsonObject request) {
    Object limit = request.getValue("limit");
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (!(limit instanceof Integer value) || value < 1 || value > MAX_LIMIT) {
      throw invalid("'limit' must be a whole number from 1 to " + MAX_LIMIT);
    }
    return value;
  }

  /** The position a {@code cursor} stands for, or {@link Long#MAX_VALUE} for the first page. */
  static long cursor(JsonObject request) {
    Object cursor = request.getValue("cursor");
    if (cursor == null) {
      return Long.MAX_VALUE;
    }
    try {
      String plain = new String(Base64.getUrlDecoder().decode((String) cursor), StandardCharsets.US_ASCII);
      return Long.parseLong(plain.substring(0, plain.indexOf(':')));
    } catch (RuntimeException e) {
      throw invalid("'cursor' is malformed");
    }
  }

  /** The opaque cursor of the page after the conversation at {@code position}. */
  static String cursorAfter(long position, String id) {
    String plain = position + ":" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
  }

  static String title(Object value) {
    if (!(value instanceof String title) || title.isBlank() || title.codePointCount(0, title.length()) > MAX_TITLE) {
      throw invalid("'title' must be a string of 1 to " + MAX_TITLE + " characters");
    }
    return title;
  }

  static JsonArray messages(Object value) {
    if (!(value instanceof JsonArray messages) || messages.isEmpty()) {
      throw invalid("'messages' must be a non-empty array");
    }
    for (int i = 0; i < messages.size(); i++) {
      if (!(messages.getValue(i) instanceof JsonObject message) || !ROLES.contains(message.getValue("role"))
          || !(message.getValue("content") instanceof String)) {
        throw invalid("'messages/" + i + "' must have a role and a string content");
      }
    }
    return messages;
  }

  static JsonObject answer(Object value) {
    if (!(value instanceof JsonObject answer)) {
      throw invalid("'answer' must be an object");
    }
    if (!(answer.getValue("content") instanceof String)) {
      throw invalid("'answer/content' must be a string");
    }
    if (!STATUSES.contains(answer.getValue("status"))) {
      throw invalid("'answer/status' must be complete, cancelled or failed");
    }
    for (String field : List.of("usage", "timings")) {
      if (answer.getValue(field) != null && !(answer.getValue(field) instanceof JsonObject)) {
        throw invalid("'answer/" + field + "' must be an object");
      }
    }
    if (answer.getValue("model") != null && !(answer.getValue("model") instanceof String)) {
      throw invalid("'answer/model' must be a string");
    }
    return answer;
  }

  private static Refusal invalid(String detail) {
    return new Refusal(ProblemType.INVALID_REQUEST.problem(detail));
  }
}
