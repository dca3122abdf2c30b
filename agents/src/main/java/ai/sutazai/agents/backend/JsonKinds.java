package ai.sutazai.agents.backend;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The JSON name of a decoded value's kind, for messages such as "must be a string, got a number". */
final class JsonKinds {

  private JsonKinds() {
  }

  static String of(Object value) {
    if (value instanceof JsonObject) {
      return "an object";
    }
    if (value instanceof JsonArray) {
      return "an array";
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    return value == null ? "null" : "a string";
  }
}
