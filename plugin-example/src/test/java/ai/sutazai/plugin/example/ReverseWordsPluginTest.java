package ai.sutazai.plugin.example;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.agents.plugin.PluginAgent;
import ai.sutazai.agents.plugin.PluginTask;
import ai.sutazai.agents.runtime.AgentTask;
import ai.sutazai.agents.runtime.AgentTools;
import ai.sutazai.verticles.agents.AgentDefinition;
import ai.sutazai.verticles.agents.AgentFamily;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example plugin packaged as a jar and loaded as SutazAI loads plugins: through a class loader of its own. */
class ReverseWordsPluginTest {

  private static final String PACKAGE = "ai.sutazai.plugin.example.";

  @TempDir
  Path plugins;

  /** Verifies that the jar's class answers reverse_words tasks with the words reversed and its version. */
  @Test
  void answersFromTheJar() throws Exception {
    Path jar = jarOfThisModule();
    AgentDefinition agent = new AgentDefinition("ag-200", "word-reverser", AgentFamily.SPECIALIZED,
        List.of(ReverseWordsPlugin.TASK_TYPE), null, "llama3.2:1b", "You reverse words.", 1, 1, 30, new JsonObject(),
        ReverseWordsPlugin.class.getName(), jar.getFileName().toString());

    try (URLClassLoader code = new URLClassLoader(new URL[] {jar.toUri().toURL()}, new HidingExamples())) {
      PluginAgent plugin = PluginAgent.load(agent, code);
      AgentTask task = new AgentTask("t-1", ReverseWordsPlugin.TASK_TYPE,
          new JsonObject().put("text", "one two  three"), 5, "alice", null, new JsonObject(), 1, 3);
      AgentTools tools = new AgentTools(agent, messages -> Future.failedFuture("no model here"), "llama3.2:1b",
          null, null, () -> false);

      JsonObject result = plugin.perform(task, tools).toCompletionStage().toCompletableFuture().join();

      assertThat(result).isEqualTo(new JsonObject().put("text", "three two one")
          .put("version", ReverseWordsPlugin.VERSION));
      assertThat(code.loadClass(ReverseWordsPlugin.class.getName()).getClassLoader()).isSameAs(code);
    }
  }

  /** Verifies that a task of another type or without text is refused with a reason. */
  @Test
  void refusesOtherTasks() {
    ReverseWordsPlugin plugin = new ReverseWordsPlugin();

    Future<JsonObject> otherType = plugin.perform(new PluginTask("summarize",
        new JsonObject().put("text", "a"), new JsonObject(), new JsonObject()), null);
    Future<JsonObject> noText = plugin.perform(new PluginTask(ReverseWordsPlugin.TASK_TYPE,
        new JsonObject(), new JsonObject(), new JsonObject()), null);

    assertThat(otherType.cause()).hasMessageContaining("not summarize");
    assertThat(noText.cause()).hasMessageContaining("'text'");
  }

  /** The module's compiled classes as a plugin jar in the temporary plugins directory. */
  private Path jarOfThisModule() throws IOException {
    Path classes = Path.of("target", "classes");
    Path jar = plugins.resolve("sutazai-plugin-example.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
         Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, (OutputStream) out);
        out.closeEntry();
      }
    }
    return jar;
  }

  /** The test's class path without this module's classes, as SutazAI's own class path is without the plugin's. */
  private static final class HidingExamples extends ClassLoader {

    HidingExamples() {
      super(ReverseWordsPluginTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith(PACKAGE)) {
        throw new ClassNotFoundException(name);
      }
      return super.loadClass(name, resolve);
    }
  }
}
