package ai.sutazai.agents.backend;

import io.vertx.core.json.JsonObject;

/** Where a piece of code stops being valid in its language, 1-based as editors count. */
record SyntaxError(int line, int column, String message) {

  JsonObject toJson() {
    return new JsonObject().put("line", line).put("column", column).put("message", message);
  }
}
