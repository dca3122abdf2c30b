package ai.sutazai.verticles.agents;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Reading and writing JSON pointers ({@code /agents/2/name}) over Vert.x JSON values. */
final class JsonPointers {

  private JsonPointers() {
  }

  /** The value at {@code pointer} in {@code root}, or null when the pointer leads nowhere. */
  static Object valueAt(Object root, String pointer) {
    if (pointer.isEmpty()) {
      return root;
    }
    Object node = root;
    for (String segment : pointer.substring(1).split("/", -1)) {
      String name = segment.replace("~1", "/").replace("~0", "~");
      if (node instanceof JsonObject object) {
        node = object.getValue(name);
      } else if (node instanceof JsonArray array && name.matches("\\d{1,9}") && Integer.parseInt(name) < array.size()) {
        node = array.getValue(Integer.parseInt(name));
      } else {
        return null;
      }
    }
    return node;
  }

  static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
