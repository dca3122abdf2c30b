package ai.sutazai.storage;

import io.vertx.core.json.JsonObject;

/** Builds the nested configuration a storage verticle reads from dotted keys ({@code "pg.url"}). */
final class StorageConfig {

  private final JsonObject config = new JsonObject();

  static StorageConfig create() {
    return new StorageConfig();
  }

  StorageConfig with(String path, Object value) {
    int dot = path.indexOf('.');
    String section = path.substring(0, dot);
    JsonObject nested = config.getJsonObject(section);
    if (nested == null) {
      nested = new JsonObject();
      config.put(section, nested);
    }
    nested.put(path.substring(dot + 1), value);
    return this;
  }

  JsonObject json() {
    return config.copy();
  }
}
