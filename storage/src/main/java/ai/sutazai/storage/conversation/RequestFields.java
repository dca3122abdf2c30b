package ai.sutazai.storage.conversation;

import ai.sutazai.storage.BusFields;
import ai.sutazai.verticles.problem.ProblemException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Reads and checks the fields of conversation requests; a bad field fails with a 400 {@code invalid-request}
 * problem whose detail names it ({@code 'id' must be a UUID, got "abc"}).
 */
final class RequestFields {

  static final int MAX_TITLE_LENGTH = 200;
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  private RequestFields() {
  }

  static ProblemException invalid(String detail) {
    return BusFields.invalid(detail);
  }

  /** The subject the conversation belongs to: a required non-blank string. */
  static String owner(JsonObject body) {
    Object value = body.getValue("owner");
    if (value instanceof String owner && !owner.isBlank()) {
      return storable(owner, "owner");
    }
    throw invalid("'owner' must be a non-empty string");
  }

  /** A required conversation id in canonical UUID form. */
  static UUID id(JsonObject body) {
    return BusFields.uuid(body, "id");
  }

  /** The trimmed title, 1..200 characters. */
  static String title(Object value) {
    if (!(value instanceof String text)) {
      throw invalid("'title' must be a string, got " + Json.encode(value));
    }
    String title = storable(text, "title").trim();
    int length = title.codePointCount(0, title.length());
    if (length < 1 || length > MAX_TITLE_LENGTH) {
      throw invalid("'title' must be 1.." + MAX_TITLE_LENGTH + " characters after trimming, got " + length);
    }
    return title;
  }

  /** The page size, 1..100, 20 when absent. */
  static int limit(JsonObject body) {
    return BusFields.limit(body, DEFAULT_LIMIT, MAX_LIMIT);
  }

  /** The decoded cursor, or null for the first page. */
  static ConversationCursor cursor(JsonObject body) {
    return BusFields.cursor(body, ConversationCursor::decode);
  }

  /** A required string, which may be empty but may not hold NUL characters (PostgreSQL text cannot). */
  static String string(JsonObject json, String key, String field) {
    Object value = json.getValue(key);
    if (!(value instanceof String text)) {
      throw invalid("'" + field + "' must be a string, got " + Json.encode(value));
    }
    return storable(text, field);
  }

  static String storable(String text, String field) {
    return BusFields.withoutNul(text, field);
  }

  /** An optional string: null when absent. */
  static String optionalString(JsonObject json, String key, String field) {
    return json.getValue(key) == null ? null : string(json, key, field);
  }

  /** An optional boolean: false when absent. */
  static boolean optionalFlag(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value == null || value instanceof Boolean) {
      return Boolean.TRUE.equals(value);
    }
    throw invalid("'" + key + "' must be true or false, got " + Json.encode(value));
  }

  /** An optional JSON object: null when absent. */
  static JsonObject optionalObject(JsonObject json, String key, String field) {
    Object value = json.getValue(key);
    if (value == null || value instanceof JsonObject) {
      return (JsonObject) value;
    }
    throw invalid("'" + field + "' must be an object, got " + Json.encode(value));
  }

  /** An optional integer 0..2^31-1: null when absent (or when {@code json} itself is absent). */
  static Long optionalCount(JsonObject json, String key, String field) {
    Object value = json == null ? null : json.getValue(key);
    if (value == null) {
      return null;
    }
    Long count = BusFields.integral(value);
    if (count == null || count < 0 || count > Integer.MAX_VALUE) {
      throw invalid("'" + field + "' must be a non-negative integer, got " + Json.encode(value));
    }
    return count;
  }
}
