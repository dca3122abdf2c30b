package ai.sutazai.launcher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sutazai.verticles.config.Settings;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Layers and precedence of the configuration, and the messages of a configuration that cannot be used. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConfigLoaderTest {

  @TempDir
  Path workingDirectory;

  private final Map<String, String> environment = new HashMap<>();
  private final Map<String, String> properties = new HashMap<>();
  private Optional<Path> confFile = Optional.empty();

  /** Verifies that with no file, variable or property every setting has its registry default. */
  @Test
  void defaultsWhenNothingIsConfigured() {
    LoadedConfig config = load();

    assertThat(config.json()).isEqualTo(ConfigLayer.defaults().toJson());
    assertThat(config.json().getJsonObject("http").getInteger("port")).isEqualTo(10005);
    assertThat(config.describeLayers()).isEqualTo("defaults");
    assertThat(config.warnings()).isEmpty();
  }

  /** Verifies that conf/sutazai.json in the working directory overrides the defaults it names, and only those. */
  @Test
  void defaultFileOverridesDefaults() throws IOException {
    write("conf/sutazai.json", "{\"queue\":{\"aging_ms\":5000}}");

    JsonObject json = load().json();

    assertThat(Settings.QUEUE_AGING_MS.longIn(json)).isEqualTo(5000L);
    assertThat(Settings.QUEUE_CAPACITY.intIn(json)).isEqualTo(100);
  }

  /** Verifies the whole order: defaults < conf/sutazai.json < --conf < environment < system properties. */
  @Test
  void eachLayerOverridesTheOnesBelow() throws IOException {
    write("conf/sutazai.json", "{\"http\":{\"port\":1001,\"host\":\"127.0.0.1\"},"
        + "\"queue\":{\"capacity\":7,\"aging_ms\":11},\"ollama\":{\"parallel\":2}}");
    write("custom.json", "{\"http\":{\"port\":1002},\"queue\":{\"capacity\":8,\"aging_ms\":12}}");
    confFile = Optional.of(Path.of("custom.json"));
    environment.put("SUTAZAI_HTTP_PORT", "1003");
    environment.put("SUTAZAI_QUEUE_CAPACITY", "9");
    properties.put("sutazai.http.port", "1004");

    LoadedConfig config = load();
    JsonObject json = config.json();

    assertThat(Settings.HTTP_PORT.intIn(json)).isEqualTo(1004);
    assertThat(Settings.QUEUE_CAPACITY.intIn(json)).isEqualTo(9);
    assertThat(Settings.QUEUE_AGING_MS.longIn(json)).isEqualTo(12L);
    assertThat(Settings.OLLAMA_PARALLEL.intIn(json)).isEqualTo(2);
    assertThat(Settings.HTTP_HOST.stringIn(json)).isEqualTo("127.0.0.1");
    assertThat(Settings.QUEUE_DEADLINE_MS.longIn(json)).isEqualTo(300_000L);
    assertThat(config.describeLayers()).isEqualTo("defaults < conf/sutazai.json (5 keys) < custom.json (3 keys)"
        + " < environment (2 keys) < system properties (1 key)");
  }

  /** Verifies that values from variables and properties get the setting's JSON type. */
  @Test
  void textValuesAreConvertedToTheSettingsType() {
    environment.put("SUTAZAI_QUEUE_AGING_MS", " 2500 ");
    properties.put("sutazai.ollama.parallel", "4");
    properties.put("sutazai.models.coding", "codellama:7b");

    JsonObject json = load().json();

    assertThat(json.getJsonObject("queue").getValue("aging_ms")).isEqualTo(2500L);
    assertThat(json.getJsonObject("ollama").getValue("parallel")).isEqualTo(4);
    assertThat(json.getJsonObject("models").getValue("coding")).isEqualTo("codellama:7b");
  }

  /** Verifies that an empty environment variable counts as unset. */
  @Test
  void emptyVariableIsUnset() {
    environment.put("SUTAZAI_OLLAMA_URL", "");

    assertThat(Settings.OLLAMA_URL.stringIn(load().json())).isEqualTo("http://localhost:11434");
  }

  /** Verifies that a URL setting drops trailing slashes so paths can be appended. */
  @Test
  void urlLosesTrailingSlash() {
    environment.put("SUTAZAI_OLLAMA_URL", "https://ollama.example:8443/");

    assertThat(Settings.OLLAMA_URL.stringIn(load().json())).isEqualTo("https://ollama.example:8443");
  }

  /** Verifies that a --conf file that does not exist stops loading, naming the file. */
  @Test
  void missingConfFileIsAnError() {
    confFile = Optional.of(Path.of("nowhere.json"));

    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
        .hasMessage("nowhere.json: file not found");
  }

  /** Verifies that a file that does not parse is named, with the parser's reason and position. */
  @Test
  void unparsableFileNamesFileLineAndColumn() throws IOException {
    write("conf/sutazai.json", "{\n  \"queue\": {\n    \"capacity\": 5,\n  }\n}");

    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("conf/sutazai.json: not valid JSON: Unexpected character ('}'")
        .hasMessageEndingWith("(line 4, column 3)");
  }

  /** Verifies that empty files, non-objects, trailing content and duplicate keys are each reported. */
  @Test
  void malformedFilesAreReported() throws IOException {
    confFile = Optional.of(Path.of("x.json"));
    write("x.json", "   ");
    assertThatThrownBy(this::load).hasMessage("x.json: not valid JSON: the file is empty");
    write("x.json", "[1, 2]");
    assertThatThrownBy(this::load).hasMessageStartingWith("x.json: must hold one JSON object nested by section");
    write("x.json", "{} {}");
    assertThatThrownBy(this::load)
        .hasMessage("x.json: not valid JSON: unexpected content after the object (line 1, column 4)");
    write("x.json", "{\"http\":{\"port\":1,\"port\":2}}");
    assertThatThrownBy(this::load).hasMessageStartingWith("x.json: not valid JSON: Duplicate field 'port'");
  }

  /** Verifies that an unknown key names file and key and suggests the nearest known key. */
  @Test
  void unknownKeySuggestsNearestKey() throws IOException {
    write("conf/sutazai.json", "{\"queue\":{\"aging\":1000}}");
    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
        .hasMessage("conf/sutazai.json: unknown key \"queue.aging\" (did you mean queue.aging_ms?)");

    write("conf/sutazai.json", "{\"olama\":{\"url\":\"http://x:1\"}}");
    assertThatThrownBy(this::load)
        .hasMessage("conf/sutazai.json: unknown key \"olama.url\" (did you mean ollama.url?)");

    write("conf/sutazai.json", "{\"telemetry\":{\"endpoint\":\"x\"}}");
    assertThatThrownBy(this::load).hasMessage("conf/sutazai.json: unknown key \"telemetry.endpoint\"");
  }

  /** Verifies that settings written flat instead of nested by section are explained. */
  @Test
  void flatKeysAreExplained() throws IOException {
    write("conf/sutazai.json", "{\"port\":8080}");
    assertThatThrownBy(this::load).hasMessage("conf/sutazai.json: unknown key \"port\" (did you mean http.port?);"
        + " settings are nested by section, such as {\"http\":{\"port\":10005}}");

    write("conf/sutazai.json", "{\"http\":8080}");
    assertThatThrownBy(this::load).hasMessage("conf/sutazai.json: \"http\" must be an object of http settings,"
        + " such as {\"http\":{...}}, got 8080");
  }

  /** Verifies that a wrong type or out-of-range value in a file names the file, the key and what was expected. */
  @Test
  void badFileValuesNameFileKeyAndExpectation() throws IOException {
    confFile = Optional.of(Path.of("conf", "prod.json"));
    write("conf/prod.json", "{\"ollama\":{\"parallel\":\"abc\"}}");
    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessage(
        "conf/prod.json: ollama.parallel must be an integer between 1 and 256, got \"abc\"");

    write("conf/prod.json", "{\"ollama\":{\"parallel\":300}}");
    assertThatThrownBy(this::load)
        .hasMessage("conf/prod.json: ollama.parallel must be an integer between 1 and 256, got 300");

    write("conf/prod.json", "{\"queue\":{\"aging_ms\":1.5}}");
    assertThatThrownBy(this::load)
        .hasMessage("conf/prod.json: queue.aging_ms must be an integer between 1 and 86400000, got 1.5");

    write("conf/prod.json", "{\"http\":{\"host\":42}}");
    assertThatThrownBy(this::load).hasMessage("conf/prod.json: http.host must be a non-empty string, got 42");

    write("conf/prod.json", "{\"ollama\":{\"url\":\"localhost:11434\"}}");
    assertThatThrownBy(this::load).hasMessage("conf/prod.json: ollama.url must be an absolute http(s) URL"
        + " such as http://localhost:11434, got \"localhost:11434\"");
  }

  /** Verifies that a bad environment value names the variable, the key and what was expected. */
  @Test
  void badEnvironmentValueNamesVariable() {
    environment.put("SUTAZAI_OLLAMA_PARALLEL", "abc");

    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessage(
        "environment variable SUTAZAI_OLLAMA_PARALLEL: ollama.parallel must be an integer between 1 and 256,"
            + " got \"abc\"");
  }

  /** Verifies that a bad system property names the property, the key and what was expected. */
  @Test
  void badSystemPropertyNamesProperty() {
    properties.put("sutazai.http.port", "70000");
    assertThatThrownBy(this::load).hasMessage(
        "system property sutazai.http.port: http.port must be an integer between 0 and 65535, got \"70000\"");

    properties.put("sutazai.http.port", "80");
    properties.put("sutazai.ollama.url", "ftp://files.example");
    assertThatThrownBy(this::load).hasMessage("system property sutazai.ollama.url: ollama.url must be an absolute"
        + " http(s) URL such as http://localhost:11434, got \"ftp://files.example\"");
  }

  /** Verifies that a bad value is reported even when a higher layer would override it. */
  @Test
  void everyLayerIsCheckedOnItsOwn() throws IOException {
    write("conf/sutazai.json", "{\"http\":{\"port\":-1}}");
    environment.put("SUTAZAI_HTTP_PORT", "8080");

    assertThatThrownBy(this::load).hasMessageStartingWith("conf/sutazai.json: http.port must be");
  }

  /** Verifies that a variable or property that looks like a setting but is none gives a warning with a hint. */
  @Test
  void unknownSutazaiVariablesWarn() {
    environment.put("SUTAZAI_OLAMA_URL", "http://x:1");
    environment.put("PATH", "/usr/bin");
    properties.put("sutazai.http.prot", "1");

    assertThat(load().warnings()).containsExactly(
        "environment variable SUTAZAI_OLAMA_URL is not a SutazAI setting and is ignored"
            + " (did you mean SUTAZAI_OLLAMA_URL?)",
        "system property sutazai.http.prot is not a SutazAI setting and is ignored"
            + " (did you mean sutazai.http.port?)");
  }

  private LoadedConfig load() {
    return new ConfigLoader(workingDirectory, confFile, environment, properties).load();
  }

  private void write(String relative, String content) throws IOException {
    Path file = workingDirectory.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
