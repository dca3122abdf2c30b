package ai.sutazai.launcher.config;

import ai.sutazai.verticles.config.Setting;
import ai.sutazai.verticles.config.Settings;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads one JSON config file, nested by section, into a {@link ConfigLayer}; every error names the
 * file, and for values the key and what was expected.
 */
public final class ConfigFile {

  private static final JsonFactory STRICT_JSON = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final List<Function<Setting, String>> KEY_FORMS = List.of(Setting::path, Setting::key);

  private ConfigFile() {
  }

  /** Reads {@code file}, calling it {@code name} in messages; a missing file is an error. */
  public static ConfigLayer read(Path file, String name) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(name + ": file not found");
    } catch (IOException e) {
      throw new ConfigException(name + ": cannot be read: " + e);
    }
    checkSyntax(text, name);
    return new ConfigLayer(name, settingsIn(new JsonObject(text), name));
  }

  private static void checkSyntax(String text, String name) {
    try (JsonParser parser = STRICT_JSON.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new ConfigException(name + ": not valid JSON: the file is empty");
      }
      if (first != JsonToken.START_OBJECT) {
        throw new ConfigException(name + ": must hold one JSON object nested by section, such as "
            + "{\"http\":{\"port\":10005}}" + at(parser.currentTokenLocation()));
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw new ConfigException(name + ": not valid JSON: unexpected content after the object"
            + at(parser.currentTokenLocation()));
      }
    } catch (JsonProcessingException e) {
      throw new ConfigException(name + ": not valid JSON: " + e.getOriginalMessage() + at(e.getLocation()));
    } catch (IOException e) {
      throw new ConfigException(name + ": cannot be read: " + e);
    }
  }

  private static String at(JsonLocation location) {
    return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static Map<Setting, Object> settingsIn(JsonObject json, String name) {
    Map<Setting, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, Object> section : json) {
      Optional<Setting> topLevel = Settings.byPath(section.getKey()).filter(s -> s.section().isEmpty());
      if (topLevel.isPresent()) {
        values.put(topLevel.get(), SettingValue.fromJson(topLevel.get(), section.getValue(), name));
        continue;
      }
      if (!(section.getValue() instanceof JsonObject keys)) {
        throw notASection(section.getKey(), section.getValue(), name);
      }
      for (Map.Entry<String, Object> entry : keys) {
        String path = section.getKey() + "." + entry.getKey();
        Setting setting = Settings.byPath(path).orElseThrow(() -> new ConfigException(
            name + ": unknown key \"" + path + "\"" + NearestSetting.hint(path, KEY_FORMS)));
        values.put(setting, SettingValue.fromJson(setting, entry.getValue(), name));
      }
    }
    return values;
  }

  private static ConfigException notASection(String key, Object value, String name) {
    boolean knownSection = Settings.ALL.stream().anyMatch(s -> s.section().equals(key));
    if (knownSection) {
      return new ConfigException(name + ": \"" + key + "\" must be an object of " + key
          + " settings, such as {\"" + key + "\":{...}}, got " + io.vertx.core.json.Json.encode(value));
    }
    return new ConfigException(name + ": unknown key \"" + key + "\"" + NearestSetting.hint(key, KEY_FORMS)
        + "; settings are nested by section, such as {\"http\":{\"port\":10005}}");
  }
}
