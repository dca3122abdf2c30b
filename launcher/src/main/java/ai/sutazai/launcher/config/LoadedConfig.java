package ai.sutazai.launcher.config;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The merged configuration, nested by section and holding every setting, with the layers that
 * contributed to it (lowest first) and warnings about names that looked like settings but are not.
 */
public record LoadedConfig(JsonObject json, List<ConfigLayer> layers, List<String> warnings) {

  public LoadedConfig {
    layers = List.copyOf(layers);
    warnings = List.copyOf(warnings);
  }

  /** One line naming the layers that set something, lowest first, for the startup log. */
  public String describeLayers() {
    StringBuilder line = new StringBuilder();
    for (ConfigLayer layer : layers) {
      if (line.length() > 0) {
        line.append(" < ");
      }
      line.append(layer.source());
      if (!layer.source().equals("defaults")) {
        int count = layer.values().size();
        line.append(" (").append(count).append(count == 1 ? " key)" : " keys)");
      }
    }
    return line.toString();
  }
}
