package ai.sutazai.launcher.config;

import ai.sutazai.verticles.config.Setting;
import ai.sutazai.verticles.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Loads SutazAI's configuration from its layers, lowest first: the registry's defaults,
 * {@code conf/sutazai.json} (optional), the {@code --conf} file, environment {@code SUTAZAI_*}
 * variables and {@code sutazai.*} system properties. Plain Java rather than vertx-config, which
 * would merge the layers before we could say which one a bad value came from.
 */
public final class ConfigLoader {

  /** The optional config file, relative to the working directory. */
  public static final Path DEFAULT_FILE = Path.of("conf", "sutazai.json");

  private static final String ENV_PREFIX = "SUTAZAI_";
  private static final String PROPERTY_PREFIX = "sutazai.";

  private final Path workingDirectory;
  private final Optional<Path> confFile;
  private final Map<String, String> environment;
  private final Map<String, String> properties;

  /**
   * A loader reading files relative to {@code workingDirectory}, the given {@code --conf} file
   * (if any), and the given environment and system properties.
   */
  public ConfigLoader(Path workingDirectory, Optional<Path> confFile, Map<String, String> environment,
      Map<String, String> properties) {
    this.workingDirectory = workingDirectory;
    this.confFile = confFile;
    this.environment = new TreeMap<>(environment);
    this.properties = new TreeMap<>(properties);
  }

  /** A loader for this process: its working directory, environment and system properties. */
  public static ConfigLoader forThisProcess(Optional<Path> confFile) {
    Properties system = System.getProperties();
    Map<String, String> properties = new LinkedHashMap<>();
    system.stringPropertyNames().forEach(name -> properties.put(name, system.getProperty(name)));
    return new ConfigLoader(Path.of("").toAbsolutePath(), confFile, System.getenv(), properties);
  }

  /** Reads and checks every layer and merges them; throws {@link ConfigException} on the first error. */
  public LoadedConfig load() {
    List<ConfigLayer> layers = new ArrayList<>();
    layers.add(ConfigLayer.defaults());
    Path defaultFile = workingDirectory.resolve(DEFAULT_FILE);
    if (Files.exists(defaultFile)) {
      layers.add(ConfigFile.read(defaultFile, DEFAULT_FILE.toString()));
    }
    confFile.ifPresent(file -> layers.add(ConfigFile.read(workingDirectory.resolve(file), file.toString())));
    List<String> warnings = new ArrayList<>();
    layers.add(fromStrings("environment", environment, ENV_PREFIX, Setting::envName,
        "environment variable ", warnings));
    layers.add(fromStrings("system properties", properties, PROPERTY_PREFIX, Setting::propertyName,
        "system property ", warnings));
    layers.removeIf(layer -> layer.values().isEmpty() && !layer.source().equals("defaults"));

    Map<Setting, Object> merged = new LinkedHashMap<>();
    layers.forEach(layer -> merged.putAll(layer.values()));
    return new LoadedConfig(new ConfigLayer("merged", merged).toJson(), layers, warnings);
  }

  /**
   * Reads the settings a map of named strings sets (an empty value counts as unset), and warns
   * about names with the prefix that are no setting.
   */
  private static ConfigLayer fromStrings(String layerName, Map<String, String> named, String prefix,
      Function<Setting, String> nameOf, String sourcePrefix, List<String> warnings) {
    Map<Setting, Object> values = new LinkedHashMap<>();
    for (Setting setting : Settings.ALL) {
      String text = named.get(nameOf.apply(setting));
      if (text != null && !text.isBlank()) {
        values.put(setting, SettingValue.fromText(setting, text, sourcePrefix + nameOf.apply(setting)));
      }
    }
    named.keySet().stream()
        .filter(name -> name.startsWith(prefix))
        .filter(name -> Settings.ALL.stream().noneMatch(s -> nameOf.apply(s).equals(name)))
        .forEach(name -> warnings.add(sourcePrefix + name + " is not a SutazAI setting and is ignored"
            + NearestSetting.hint(name, List.of(nameOf))));
    return new ConfigLayer(layerName, values);
  }
}
