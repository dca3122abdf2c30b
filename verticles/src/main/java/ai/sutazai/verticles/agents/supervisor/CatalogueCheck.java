package ai.sutazai.verticles.agents.supervisor;

import ai.sutazai.verticles.agents.AgentCatalogue;
import ai.sutazai.verticles.agents.AgentCatalogueFile;
import ai.sutazai.verticles.agents.AgentCatalogueLoader;
import ai.sutazai.verticles.agents.AgentCatalogueResult;
import ai.sutazai.verticles.agents.AgentConfigError;
import ai.sutazai.verticles.agents.PluginJars;
import ai.sutazai.verticles.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Whether a catalogue may run: it parses and follows the schema and rules ({@link AgentCatalogueLoader}), and
 * every jar it names is under {@code plugins.dir}. A refused catalogue fails the future with
 * {@link CatalogueRefused}.
 */
final class CatalogueCheck {

  /** A catalogue that may run, with the plugin jars seen when it was checked. */
  record Checked(AgentCatalogue catalogue, PluginJars jars) {
  }

  private final Vertx vertx;
  private final JsonObject config;
  private final String pluginsDir;

  CatalogueCheck(Vertx vertx, JsonObject config) {
    this.vertx = vertx;
    this.config = config;
    this.pluginsDir = Settings.PLUGINS_DIR.stringIn(config);
  }

  /** The catalogue {@code agents.file} holds now (the built-in one when the default file is absent). */
  Future<Checked> file() {
    String path = Settings.AGENTS_FILE.stringIn(config);
    return AgentCatalogueFile.load(vertx, config)
        .recover(failure -> Future.failedFuture(failure instanceof IllegalStateException
            ? new CatalogueRefused(path, List.of(new AgentConfigError(null, "", failure.getMessage())))
            : failure))
        .compose(result -> withJars(path, result));
  }

  /** The catalogue {@code text} describes, a change that is not written yet. */
  Future<Checked> text(String what, String text) {
    return vertx.executeBlocking(() -> AgentCatalogueLoader.parse(text), false)
        .compose(result -> withJars(what, result));
  }

  private Future<Checked> withJars(String what, AgentCatalogueResult result) {
    if (!result.isValid()) {
      return Future.failedFuture(new CatalogueRefused(what, result.errors()));
    }
    return PluginJars.scan(vertx, pluginsDir).compose(jars -> {
      List<AgentConfigError> missing = jars.missingFor(result.catalogue(), pluginsDir);
      return missing.isEmpty() ? Future.succeededFuture(new Checked(result.catalogue(), jars))
          : Future.failedFuture(new CatalogueRefused(what, missing));
    });
  }
}
