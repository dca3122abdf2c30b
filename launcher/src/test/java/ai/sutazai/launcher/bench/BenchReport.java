package ai.sutazai.launcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Markdown report a benchmark run writes to stdout as it goes and to a file at the end. */
final class BenchReport {

  private final StringBuilder text = new StringBuilder();

  void line(String line) {
    System.out.println(line);
    text.append(line).append('\n');
  }

  void section(String title, String... lines) {
    line("");
    line("## " + title);
    line("");
    for (String l : lines) {
      line(l);
    }
  }

  void writeTo(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, text);
  }
}
