package ai.sutazai.gateway.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A whole HTTP response as a test sees it, with readers for JSON, SSE and NDJSON bodies. */
public record HttpResult(int status, MultiMap headers, String body) {

  /** One server-sent event: its name (null when unnamed) and its data. */
  public record SseEvent(String event, String data) {
    public JsonObject json() {
      return new JsonObject(data);
    }
  }

  public String header(String name) {
    return headers.get(name);
  }

  public JsonObject json() {
    return new JsonObject(body);
  }

  public List<SseEvent> events() {
    List<SseEvent> events = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      if (block.isBlank()) {
        continue;
      }
      String event = null;
      StringBuilder data = new StringBuilder();
      for (String line : block.split("\n")) {
        if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
      events.add(new SseEvent(event, data.toString()));
    }
    return events;
  }

  public List<JsonObject> lines() {
    return Arrays.stream(body.split("\n")).filter(l -> !l.isBlank()).map(JsonObject::new).toList();
  }
}
