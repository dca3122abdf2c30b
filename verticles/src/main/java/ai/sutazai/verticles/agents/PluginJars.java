package ai.sutazai.verticles.agents;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plugin jars under {@code plugins.dir} at one moment, each by file name with a fingerprint of
 * its content. A jar replaced under the same name gets another fingerprint, so the agents naming it
 * count as changed. The fingerprint is size and last-modified time: cheap to take every poll without
 * reading the jars, and a jar written anew gets a new modification time (a copy that keeps both the
 * old time and the old size is not told apart).
 */
public record PluginJars(Map<String, Fingerprint> fingerprints) {

  private static final String JAR_NAMES = ".*\\.jar";

  /** What tells two versions of one jar apart. */
  public record Fingerprint(long size, long lastModifiedMillis) {
  }

  public PluginJars {
    fingerprints = Map.copyOf(fingerprints);
  }

  public static PluginJars none() {
    return new PluginJars(Map.of());
  }

  /**
   * The jars in {@code dir} now, read through {@code vertx.fileSystem()}; none when the directory
   * does not exist. A jar removed while it is looked at is left out.
   */
  public static Future<PluginJars> scan(Vertx vertx, String dir) {
    return vertx.fileSystem().exists(dir).compose(exists -> {
      if (!exists) {
        return Future.succeededFuture(none());
      }
      return vertx.fileSystem().readDir(dir, JAR_NAMES).compose(paths -> {
        List<Future<Fingerprint>> looks = paths.stream().map(path -> fingerprint(vertx, path)).toList();
        return Future.all(looks).map(all -> {
          Map<String, Fingerprint> found = new HashMap<>();
          for (int i = 0; i < paths.size(); i++) {
            Fingerprint print = looks.get(i).result();
            if (print != null) {
              found.put(Path.of(paths.get(i)).getFileName().toString(), print);
            }
          }
          return new PluginJars(found);
        });
      });
    });
  }

  /** The fingerprint of the jar named {@code jar}, empty when there is no such jar. */
  public Optional<Fingerprint> of(String jar) {
    return Optional.ofNullable(fingerprints.get(jar));
  }

  /**
   * An error for each agent of {@code catalogue} whose {@code jar} is not among these jars, naming the agent and
   * its {@code jar} field by its place in the catalogue ({@code /agents/3/jar}).
   *
   * @param dir the directory these jars were found in, {@code plugins.dir}, for the message
   */
  public List<AgentConfigError> missingFor(AgentCatalogue catalogue, String dir) {
    List<AgentConfigError> errors = new ArrayList<>();
    List<AgentDefinition> agents = catalogue.agents();
    for (int i = 0; i < agents.size(); i++) {
      AgentDefinition agent = agents.get(i);
      if (agent.hasPlugin() && of(agent.pluginJar()).isEmpty()) {
        errors.add(new AgentConfigError(agent.id(), "/agents/" + i + "/jar",
            "names " + agent.pluginJar() + ", which is not a jar in plugins.dir (" + dir + ")"));
      }
    }
    return errors;
  }

  /** The jar's fingerprint, or null when it is gone or is not a regular file. */
  private static Future<Fingerprint> fingerprint(Vertx vertx, String path) {
    return nullWhenGone(vertx.fileSystem().props(path)
        .map(props -> props.isRegularFile() ? new Fingerprint(props.size(), props.lastModifiedTime()) : null));
  }

  /** {@code look}, or null in place of the failure of a file that does not exist. */
  static <T> Future<T> nullWhenGone(Future<T> look) {
    return look.recover(e -> e.getCause() instanceof NoSuchFileException
        ? Future.succeededFuture(null)
        : Future.failedFuture(e));
  }
}
