package ai.sutazai.launcher.config;

import ai.sutazai.verticles.config.Setting;
import ai.sutazai.verticles.config.Settings;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The checked values one configuration source sets, named after that source. */
public record ConfigLayer(String source, Map<Setting, Object> values) {

  public ConfigLayer {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The registry's defaults: every setting with its default value. */
  public static ConfigLayer defaults() {
    Map<Setting, Object> values = new LinkedHashMap<>();
    Settings.ALL.forEach(s -> values.put(s, s.defaultValue()));
    return new ConfigLayer("defaults", values);
  }

  /** These values as a config nested by section ({@code {"queue":{"aging_ms":30000}}}); a top-level setting such as {@code auth} sits at the top. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    values.forEach((setting, value) -> {
      if (setting.section().isEmpty()) {
        json.put(setting.path(), value);
        return;
      }
      JsonObject section = json.getJsonObject(setting.section());
      if (section == null) {
        section = new JsonObject();
        json.put(setting.section(), section);
      }
      section.put(setting.key(), value);
    });
    return json;
  }
}
