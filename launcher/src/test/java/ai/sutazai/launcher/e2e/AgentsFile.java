package ai.sutazai.launcher.e2e;

import ai.sutazai.verticles.agents.CatalogueTexts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * A test's own agents file ({@code agents.file}) in a directory of the test: the agents it needs, in the
 * catalogue's format, optionally after the shipped catalogue's 69. Writes replace the file at once (written
 * beside it, then moved over it), as the file watcher expects of an editor.
 */
final class AgentsFile {

  private static final String SHIPPED = "/ai/sutazai/verticles/agents/agents.json";

  private final Path path;

  AgentsFile(Path directory) {
    this.path = directory.resolve("agents.json");
  }

  /**
   * A prompt agent of family {@code type} taking {@code capabilities}, with a timeout of 30 s; its name and system
   * prompt are {@link CatalogueTexts#agent(String)}'s.
   */
  static JsonObject agent(String id, String type, String... capabilities) {
    return CatalogueTexts.agent(id)
        .put("type", type)
        .put("capabilities", new JsonArray(Arrays.asList(capabilities)))
        .put("timeout_seconds", 30);
  }

  /** The agents of the catalogue built into SutazAI. */
  static JsonArray shipped() {
    try (InputStream in = AgentsFile.class.getResourceAsStream(SHIPPED)) {
      if (in == null) {
        throw new IllegalStateException("the shipped catalogue " + SHIPPED + " is not on the class path");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getJsonArray("agents");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path path() {
    return path;
  }

  /** The platform config that runs this file, checked for changes every {@code watchIntervalMs}. */
  JsonObject config(long watchIntervalMs) {
    return new JsonObject().put("agents", new JsonObject()
        .put("file", path.toString())
        .put("watch_interval_ms", watchIntervalMs)
        .put("watch_debounce_ms", watchIntervalMs));
  }

  AgentsFile write(JsonArray agents) {
    return writeText(new JsonObject().put("agents", agents).encodePrettily());
  }

  /** Replaces the file with {@code text} as it is, valid or not. */
  AgentsFile writeText(String text) {
    try {
      Path temporary = path.resolveSibling(".agents.json.tmp");
      Files.writeString(temporary, text);
      Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String text() {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The agents the file holds now. */
  JsonArray agents() {
    return new JsonObject(text()).getJsonArray("agents");
  }
}
