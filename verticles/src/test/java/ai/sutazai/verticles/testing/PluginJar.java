package ai.sutazai.verticles.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds plugin jars for tests: Java sources compiled with the JDK's compiler against the test's own class path
 * ({@code java.class.path}), so that each version of a jar can hold different code.
 */
public final class PluginJar {

  private PluginJar() {
  }

  /** Writes {@code jar} (replacing it) with the compiled class {@code className} of {@code source}. */
  public static void write(Path jar, String className, String source) {
    write(jar, Map.of(className, source));
  }

  /**
   * Compiles {@code sources} (fully qualified class name to its source) and writes every class they make to
   * {@code jar}. The jar is built beside its place and moved over it, so that a watcher never reads it half written
   * and a class loader still open on the old one keeps reading the old file.
   */
  public static void write(Path jar, Map<String, String> sources) {
    try {
      Path work = Files.createTempDirectory("plugin-source");
      try {
        Path classes = compile(work, sources);
        Path written = Files.createTempFile(jar.toAbsolutePath().getParent(), "building", ".part");
        try (OutputStream out = Files.newOutputStream(written); JarOutputStream jarOut = new JarOutputStream(out)) {
          for (Path file : filesUnder(classes)) {
            jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
            jarOut.write(Files.readAllBytes(file));
            jarOut.closeEntry();
          }
        }
        Files.move(written, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        deleteTree(work);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path compile(Path work, Map<String, String> sources) throws IOException {
    Path classes = Files.createDirectories(work.resolve("classes"));
    List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(),
        "-classpath", System.getProperty("java.class.path", "")));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = work.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      arguments.add(file.toString());
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("this Java runtime has no compiler; run the tests on a JDK");
    }
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = compiler.run(null, null, errors, arguments.toArray(String[]::new));
    if (status != 0) {
      throw new IllegalStateException("compiling the test plugin " + sources.keySet() + " failed with status "
          + status + ":\n" + errors.toString(StandardCharsets.UTF_8));
    }
    return classes;
  }

  private static List<Path> filesUnder(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
