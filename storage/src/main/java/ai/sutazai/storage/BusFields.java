package ai.sutazai.storage;

import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Checks of the fields every storage address shares; each failure is a 400 problem naming the field. */
public final class BusFields {

  private static final Pattern CANONICAL_UUID =
    Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private BusFields() {
  }

  /** A 400 {@code invalid-request} problem saying {@code detail}. */
  public static ProblemException invalid(String detail) {
    return ProblemType.INVALID_REQUEST.problem(detail).asException();
  }

  /** A required id in canonical UUID form. */
  public static UUID uuid(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (isUuid(value)) {
      return UUID.fromString((String) value);
    }
    throw invalid("'" + field + "' must be a UUID, got " + Json.encode(value));
  }

  /** Whether {@code value} is a UUID in canonical text form. */
  public static boolean isUuid(Object value) {
    return value instanceof String text && CANONICAL_UUID.matcher(text).matches();
  }

  /** The page size: an integer 1..{@code max} in {@code limit}, {@code fallback} when absent. */
  public static int limit(JsonObject body, int fallback, int max) {
    Object value = body.getValue("limit");
    if (value == null) {
      return fallback;
    }
    Long limit = integral(value);
    if (limit == null || limit < 1 || limit > max) {
      throw invalid("'limit' must be an integer 1.." + max + ", got " + Json.encode(value));
    }
    return limit.intValue();
  }

  /** The cursor {@code decode} reads from {@code cursor}, or null for the first page. */
  public static <T> T cursor(JsonObject body, Function<String, T> decode) {
    Object value = body.getValue("cursor");
    if (value == null) {
      return null;
    }
    if (!(value instanceof String token)) {
      throw invalid("'cursor' must be a string, got " + Json.encode(value));
    }
    try {
      return decode.apply(token);
    } catch (IllegalArgumentException e) {
      throw invalid("'cursor' is malformed; pass the next_cursor of a previous page");
    }
  }

  /** {@code text}, refused when it holds a NUL character (PostgreSQL text cannot). */
  public static String withoutNul(String text, String field) {
    if (text.indexOf(0) >= 0) {
      throw invalid("'" + field + "' must not contain NUL characters");
    }
    return text;
  }

  /** The whole number {@code value} is (a JSON number without fraction), or null. */
  public static Long integral(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
        && Math.abs(number.doubleValue()) < 9.0e15) {
      return number.longValue();
    }
    return null;
  }
}
