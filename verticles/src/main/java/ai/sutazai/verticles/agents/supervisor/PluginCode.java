package ai.sutazai.verticles.agents.supervisor;

import ai.sutazai.verticles.agents.AgentDefinition;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The class loaders of plugin code: one per deployment of an agent naming {@code class} and {@code jar}, over
 * {@code plugins.dir/jar}, whose parent is the supervisor's class loader, so that a redeployment runs the jar's
 * current code and the old code can be unloaded once its loader is closed and forgotten.
 */
final class PluginCode {

  private final Vertx vertx;
  private final String pluginsDir;

  PluginCode(Vertx vertx, String pluginsDir) {
    this.vertx = vertx;
    this.pluginsDir = pluginsDir;
  }

  /** A new class loader over the agent's jar; fails naming the jar when it is not a file under plugins.dir. */
  Future<URLClassLoader> open(AgentDefinition agent) {
    Path jar = Path.of(pluginsDir, agent.pluginJar());
    return vertx.fileSystem().props(jar.toString())
        .recover(failure -> Future.failedFuture(failure.getCause() instanceof NoSuchFileException
            ? new IllegalStateException(missing(agent, jar)) : failure))
        .map(props -> {
          if (!props.isRegularFile()) {
            throw new IllegalStateException(missing(agent, jar));
          }
          return new URLClassLoader("agent " + agent.id() + " (" + agent.pluginJar() + ")",
              new URL[] {url(jar)}, PluginCode.class.getClassLoader());
        });
  }

  /** Closes {@code code}, releasing its jar, on a worker thread. */
  Future<Void> close(URLClassLoader code) {
    return vertx.executeBlocking(() -> {
      try {
        code.close();
        return null;
      } catch (IOException e) {
        throw new UncheckedIOException("closing the class loader " + code.getName() + " failed", e);
      }
    }, false);
  }

  private static String missing(AgentDefinition agent, Path jar) {
    return "the plugin jar " + jar + " of agent " + agent.id() + " does not exist";
  }

  private static URL url(Path jar) {
    try {
      return jar.toAbsolutePath().toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("the plugin jar " + jar + " has no URL", e);
    }
  }
}
