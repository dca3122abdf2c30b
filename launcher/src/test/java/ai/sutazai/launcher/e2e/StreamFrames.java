package ai.sutazai.launcher.e2e;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Splits the streamed bodies the gateway writes (SSE and NDJSON) into their frames. */
final class StreamFrames {

  /** One server-sent event. */
  record Event(String name, String data) {

    JsonObject json() {
      return new JsonObject(data);
    }
  }

  private StreamFrames() {
  }

  static List<Event> sse(String body) {
    List<Event> events = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      String name = "message";
      StringBuilder data = new StringBuilder();
      for (String line : block.split("\n")) {
        if (line.startsWith("event:")) {
          name = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.append(data.length() == 0 ? "" : "\n").append(line.substring(5).trim());
        }
      }
      if (data.length() > 0) {
        events.add(new Event(name, data.toString()));
      }
    }
    return events;
  }

  static List<JsonObject> ndjson(String body) {
    List<JsonObject> lines = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (!line.isBlank()) {
        lines.add(new JsonObject(line));
      }
    }
    return lines;
  }

  /** The concatenated {@code field} of every event named {@code name}. */
  static String joined(List<Event> events, String name, String field) {
    StringBuilder text = new StringBuilder();
    events.stream().filter(e -> e.name().equals(name)).forEach(e -> text.append(e.json().getString(field, "")));
    return text.toString();
  }
}
