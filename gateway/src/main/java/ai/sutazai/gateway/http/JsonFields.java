package ai.sutazai.gateway.http;

import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Reads typed fields from a JSON object and fails with a 400 problem that names the field by its
 * JSON pointer ({@code /messages/0/role}) and says what was expected.
 */
public final class JsonFields {

  private final JsonObject json;
  private final String pointer;

  private JsonFields(JsonObject json, String pointer) {
    this.json = json;
    this.pointer = pointer;
  }

  public static JsonFields of(JsonObject json) {
    return new JsonFields(json, "");
  }

  public JsonObject json() {
    return json;
  }

  public boolean has(String name) {
    return json.getValue(name) != null;
  }

  public Object value(String name) {
    return json.getValue(name);
  }

  public String optionalString(String name) {
    return optional(name, String.class, "must be a string");
  }

  public String requiredString(String name) {
    String value = optionalString(name);
    if (value == null || value.isBlank()) {
      throw invalid(name, "is required (a non-empty string)");
    }
    return value;
  }

  /** A string that must be one of {@code allowed}; absent gives null. */
  public String optionalChoice(String name, List<String> allowed) {
    String value = optionalString(name);
    if (value != null && !allowed.contains(value)) {
      throw invalid(name, "must be one of " + String.join(", ", allowed) + ", got \"" + value + "\"");
    }
    return value;
  }

  public boolean optionalBoolean(String name, boolean defaultValue) {
    Boolean value = optionalBoolean(name);
    return value == null ? defaultValue : value;
  }

  public Boolean optionalBoolean(String name) {
    return optional(name, Boolean.class, "must be true or false");
  }

  public Number optionalNumber(String name) {
    return optional(name, Number.class, "must be a number");
  }

  /** A whole number of at least 1; absent gives 0. */
  public long optionalPositiveLong(String name) {
    Number value = optionalNumber(name);
    if (value == null) {
      return 0;
    }
    if (value.doubleValue() != value.longValue() || value.longValue() < 1) {
      throw invalid(name, "must be a positive whole number, got " + value);
    }
    return value.longValue();
  }

  public JsonObject optionalObject(String name) {
    return optional(name, JsonObject.class, "must be a JSON object");
  }

  /** The fields of a nested object, named below it; null when absent. */
  public JsonFields optionalFields(String name) {
    JsonObject value = optionalObject(name);
    return value == null ? null : new JsonFields(value, pointerOf(name));
  }

  public JsonArray optionalArray(String name) {
    return optional(name, JsonArray.class, "must be an array");
  }

  /** The field when it is absent (null) or of {@code type}; otherwise a 400 with {@code expectation}. */
  private <T> T optional(String name, Class<T> type, String expectation) {
    Object value = json.getValue(name);
    if (value == null || type.isInstance(value)) {
      return type.cast(value);
    }
    throw invalid(name, expectation);
  }

  public JsonArray requiredNonEmptyArray(String name) {
    JsonArray value = optionalArray(name);
    if (value == null) {
      throw invalid(name, "is required (a non-empty array)");
    }
    if (value.isEmpty()) {
      throw invalid(name, "must not be empty");
    }
    return value;
  }

  /** The object at {@code array[index]}, whose own fields are then named below it. */
  public JsonFields element(String arrayName, JsonArray array, int index) {
    Object value = array.getValue(index);
    String elementPointer = pointerOf(arrayName) + "/" + index;
    if (value instanceof JsonObject object) {
      return new JsonFields(object, elementPointer);
    }
    throw invalidAt(elementPointer, "must be a JSON object");
  }

  /** The JSON pointer of a field of this object. */
  public String pointerOf(String name) {
    return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  /** A 400 problem naming a field of this object. */
  public ProblemException invalid(String name, String expectation) {
    return invalidAt(pointerOf(name), expectation);
  }

  public static ProblemException invalidAt(String pointer, String expectation) {
    return ProblemType.INVALID_REQUEST.problem(pointer + " " + expectation).asException();
  }
}
