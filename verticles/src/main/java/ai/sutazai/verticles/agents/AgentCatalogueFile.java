package ai.sutazai.verticles.agents;

import ai.sutazai.verticles.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileSystem;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the catalogue {@code agents.file} names without blocking an event loop. When that
 * setting is left at its default and the file does not exist, the catalogue built into the jar is
 * used; a file named explicitly must exist, else the future fails with {@link IllegalStateException}.
 */
public final class AgentCatalogueFile {

  private static final Logger LOG = LoggerFactory.getLogger(AgentCatalogueFile.class);

  private AgentCatalogueFile() {
  }

  /** The catalogue; a catalogue that does not parse fails the future with {@link InvalidAgentCatalogueException}. */
  public static Future<AgentCatalogue> read(Vertx vertx, JsonObject config) {
    String path = Settings.AGENTS_FILE.stringIn(config);
    return load(vertx, config).map(result -> result.orElseThrow(path));
  }

  /**
   * The catalogue, or the errors that refuse it, parsed on a worker thread (validating a large catalogue
   * against its schema takes a while). Fails only when the file cannot be read or, named explicitly, is absent.
   */
  public static Future<AgentCatalogueResult> load(Vertx vertx, JsonObject config) {
    String path = Settings.AGENTS_FILE.stringIn(config);
    return vertx.fileSystem().exists(path).compose(exists -> {
      if (exists) {
        return vertx.fileSystem().readFile(path)
            .compose(buffer -> vertx.executeBlocking(() -> AgentCatalogueLoader.parse(buffer.toString()), false));
      }
      return whenAbsent(vertx, path).map(AgentCatalogueResult::valid);
    });
  }

  /**
   * Replaces the file {@code agents.file} names with {@code text} at once: written beside it under a
   * temporary name, then moved over it, so a reader (the file watcher, a restart) sees the old catalogue or
   * the new one, never half of it. Creates the file and its directory when they do not exist.
   */
  public static Future<Void> write(Vertx vertx, JsonObject config, String text) {
    Path path = Path.of(Settings.AGENTS_FILE.stringIn(config)).toAbsolutePath();
    String temporary = path.resolveSibling("." + path.getFileName() + "." + UUID.randomUUID() + ".tmp").toString();
    FileSystem files = vertx.fileSystem();
    return files.mkdirs(path.getParent().toString())
        .compose(made -> files.writeFile(temporary, Buffer.buffer(text)))
        .compose(written -> files.move(temporary, path.toString(),
            new CopyOptions().setAtomicMove(true).setReplaceExisting(true)))
        .recover(failure -> files.delete(temporary)
            .transform(deleted -> Future.failedFuture(failure)));
  }

  /**
   * What stands in for an {@code agents.file} that does not exist: the built-in catalogue when
   * {@code path} is the setting's default, else a failure with {@link IllegalStateException}.
   */
  static Future<AgentCatalogue> whenAbsent(Vertx vertx, String path) {
    if (!path.equals(Settings.AGENTS_FILE.defaultValue())) {
      return Future.failedFuture(new IllegalStateException("the agent catalogue " + path + " named by "
          + Settings.AGENTS_FILE.path() + " (" + Settings.AGENTS_FILE.envName() + ") does not exist"));
    }
    LOG.info("agents: {} not found, using the catalogue built into SutazAI", path);
    return vertx.executeBlocking(AgentCatalogueLoader::shipped, false);
  }
}
