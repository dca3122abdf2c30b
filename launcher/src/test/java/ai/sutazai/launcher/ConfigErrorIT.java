package ai.sutazai.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A configuration that cannot be used stops the jar at once: exit code 2, one message naming source and key. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConfigErrorIT {

  private static final Duration EXIT = Duration.ofSeconds(60);

  @TempDir
  Path temp;

  /** Verifies that a bad value in a --conf file names the file, the key and what was expected. */
  @Test
  void badValueInConfFile() throws Exception {
    Path work = temp.resolve("work");
    Files.createDirectories(work);
    Files.writeString(work.resolve("prod.json"), "{\"ollama\":{\"parallel\":\"abc\"}}");

    try (SutazaiProcess sutazai = SutazaiProcess.start(work, Map.of(), "--conf", "prod.json")) {

      assertThat(sutazai.awaitExit(EXIT)).isEqualTo(2);
      assertThat(sutazai.stderr()).isEqualTo("sutazai: configuration error: prod.json: ollama.parallel must be"
          + " an integer between 1 and 256, got \"abc\"" + System.lineSeparator());
    }
  }

  /** Verifies that conf/sutazai.json that does not parse is named with the line and column of the fault. */
  @Test
  void unparsableDefaultFile() throws Exception {
    Path work = temp.resolve("work");
    Files.createDirectories(work.resolve("conf"));
    Files.writeString(work.resolve("conf/sutazai.json"), "{\"http\": {\"port\": 10005,}}");

    try (SutazaiProcess sutazai = SutazaiProcess.start(work, Map.of())) {

      assertThat(sutazai.awaitExit(EXIT)).isEqualTo(2);
      assertThat(sutazai.stderr()).startsWith("sutazai: configuration error: conf/sutazai.json: not valid JSON: ")
          .contains("(line 1, column 25)").doesNotContain("\tat ");
    }
  }

  /** Verifies that a bad environment value names the variable, the key and what was expected. */
  @Test
  void badEnvironmentValue() throws Exception {
    try (SutazaiProcess sutazai = SutazaiProcess.start(temp.resolve("work"),
        Map.of("SUTAZAI_OLLAMA_PARALLEL", "abc"))) {

      assertThat(sutazai.awaitExit(EXIT)).isEqualTo(2);
      assertThat(sutazai.stderr()).isEqualTo("sutazai: configuration error: environment variable"
          + " SUTAZAI_OLLAMA_PARALLEL: ollama.parallel must be an integer between 1 and 256, got \"abc\""
          + System.lineSeparator());
    }
  }

  /** Verifies that a --conf file that does not exist stops startup naming it. */
  @Test
  void missingConfFile() throws Exception {
    try (SutazaiProcess sutazai = SutazaiProcess.start(temp.resolve("work"), Map.of(), "--conf", "gone.json")) {

      assertThat(sutazai.awaitExit(EXIT)).isEqualTo(2);
      assertThat(sutazai.stderr()).isEqualTo("sutazai: configuration error: gone.json: file not found"
          + System.lineSeparator());
    }
  }
}
