package ai.sutazai.storage.pg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The schema versions the storage module ships, read from its migration sources (tests run in the module directory). */
final class ShippedMigrations {

  private ShippedMigrations() {
  }

  /** The versions of the migration files ({@code V2__x.sql} -> "2"), in version order. */
  static List<String> versions() {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      return files.map(file -> file.getFileName().toString())
        .filter(name -> name.matches("V\\d+__.*\\.sql"))
        .map(name -> name.substring(1, name.indexOf("__")))
        .sorted((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)))
        .toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list the shipped migrations", e);
    }
  }
}
