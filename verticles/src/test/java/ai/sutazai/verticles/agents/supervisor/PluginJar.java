package ai.sutazai.verticles.agents.supervisor;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a plugin jar for a test: {@value #CLASS}, a {@code Supplier<String>} answering a given text, compiled
 * with the JDK's compiler, so each version of the jar holds different code.
 */
final class PluginJar {

  static final String CLASS = "plugin.Greeter";

  private PluginJar() {
  }

  /** Writes {@code jar} (replacing it) with a {@value #CLASS} whose {@code get()} answers {@code answer}. */
  static void write(Path jar, String answer) {
    try {
      Path work = Files.createTempDirectory("plugin-source");
      Path source = work.resolve("Greeter.java");
      Files.writeString(source, "package plugin;\n"
          + "public class Greeter implements java.util.function.Supplier<String> {\n"
          + "  public String get() { return \"" + answer + "\"; }\n"
          + "}\n");
      JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
      int status = compiler.run(null, null, null, "-d", work.toString(), source.toString());
      if (status != 0) {
        throw new IllegalStateException("compiling the test plugin failed with status " + status);
      }
      Path written = Files.createTempFile(jar.getParent(), "building", ".part");
      try (OutputStream out = Files.newOutputStream(written); JarOutputStream jarOut = new JarOutputStream(out)) {
        jarOut.putNextEntry(new JarEntry("plugin/Greeter.class"));
        jarOut.write(Files.readAllBytes(work.resolve("plugin").resolve("Greeter.class")));
        jarOut.closeEntry();
      }
      Files.move(written, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      for (Path file : List.of(work.resolve("plugin").resolve("Greeter.class"), work.resolve("plugin"), source, work)) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
