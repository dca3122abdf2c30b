package ai.sutazai.verticles.config;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * One configuration key: where it sits in the JSON config ({@code queue.aging_ms}), its type,
 * its allowed range and its default. Its environment name is derived from the path
 * ({@code SUTAZAI_QUEUE_AGING_MS}), its system property likewise ({@code sutazai.queue.aging_ms}).
 * A URL setting names the schemes it accepts; an optional setting may be empty, which means "not
 * configured" (an empty {@code pg.url} runs the embedded PostgreSQL).
 */
public record Setting(String path, Type type, Object defaultValue, long min, long max, String description,
    List<String> schemes, boolean optional) {

  /** The value types a setting can hold. */
  public enum Type { STRING, INT, LONG, BOOLEAN, URL }

  private static final List<String> HTTP = List.of("http", "https");

  public static Setting string(String path, String defaultValue, String description) {
    return new Setting(path, Type.STRING, defaultValue, 0, 0, description, List.of(), false);
  }

  /** Text that may be empty (the default), which means "not configured". */
  public static Setting optionalString(String path, String description) {
    return new Setting(path, Type.STRING, "", 0, 0, description, List.of(), true);
  }

  /** An http(s) URL that must be set. */
  public static Setting url(String path, String defaultValue, String description) {
    return new Setting(path, Type.URL, defaultValue, 0, 0, description, HTTP, false);
  }

  /** A URL with one of {@code schemes}, empty (the default) when the component it names is not used. */
  public static Setting optionalUrl(String path, String description, String... schemes) {
    return new Setting(path, Type.URL, "", 0, 0, description, List.of(schemes), true);
  }

  public static Setting integer(String path, int defaultValue, int min, int max, String description) {
    return new Setting(path, Type.INT, defaultValue, min, max, description, List.of(), false);
  }

  public static Setting longValue(String path, long defaultValue, long min, long max, String description) {
    return new Setting(path, Type.LONG, defaultValue, min, max, description, List.of(), false);
  }

  public static Setting bool(String path, boolean defaultValue, String description) {
    return new Setting(path, Type.BOOLEAN, defaultValue, 0, 1, description, List.of(), false);
  }

  public String envName() {
    return "SUTAZAI_" + path.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  public String propertyName() {
    return "sutazai." + path;
  }

  /** The section ({@code queue}) of a path such as {@code queue.aging_ms}. */
  public String section() {
    int dot = path.indexOf('.');
    return dot < 0 ? "" : path.substring(0, dot);
  }

  /** Reads this setting from a merged config; an absent value gives the default. */
  public Object valueIn(JsonObject config) {
    JsonObject section = config == null ? null : config.getJsonObject(section());
    Object value = section == null ? null : section.getValue(key());
    return value == null ? defaultValue : value;
  }

  public String stringIn(JsonObject config) {
    return String.valueOf(valueIn(config));
  }

  /** The value of an optional setting, or null when it is empty (not configured). */
  public String optionalStringIn(JsonObject config) {
    String value = stringIn(config).trim();
    return value.isEmpty() ? null : value;
  }

  public int intIn(JsonObject config) {
    return ((Number) valueIn(config)).intValue();
  }

  public long longIn(JsonObject config) {
    return ((Number) valueIn(config)).longValue();
  }

  public boolean boolIn(JsonObject config) {
    return (Boolean) valueIn(config);
  }

  /** The key within its section ({@code aging_ms}). */
  public String key() {
    return path.substring(path.indexOf('.') + 1);
  }
}
