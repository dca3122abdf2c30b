package ai.sutazai.verticles.agents;

import ai.sutazai.verticles.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the catalogue {@code agents.file} names without blocking an event loop. When that setting
 * is left at its default and the file does not exist, the catalogue built into the jar is used;
 * a file named explicitly must exist, else the future fails with {@link IllegalStateException}.
 * A catalogue that does not parse fails the future with {@link InvalidAgentCatalogueException}.
 */
public final class AgentCatalogueFile {

  private static final Logger LOG = LoggerFactory.getLogger(AgentCatalogueFile.class);

  private AgentCatalogueFile() {
  }

  public static Future<AgentCatalogue> read(Vertx vertx, JsonObject config) {
    String path = Settings.AGENTS_FILE.stringIn(config);
    return vertx.fileSystem().exists(path).compose(exists -> {
      if (exists) {
        return vertx.fileSystem().readFile(path)
            .map(buffer -> AgentCatalogueLoader.parse(buffer.toString()).orElseThrow(path));
      }
      return whenAbsent(vertx, path);
    });
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
