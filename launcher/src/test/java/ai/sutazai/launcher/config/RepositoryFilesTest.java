package ai.sutazai.launcher.config;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.auth.AccessTable;
import ai.sutazai.verticles.config.Setting;
import ai.sutazai.verticles.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Keeps conf/sutazai.json, README.md and .ci/run true to the settings registry and to each other. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RepositoryFilesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** Verifies that the repository's conf/sutazai.json holds every setting with exactly its default. */
  @Test
  void confFileEqualsRegistryDefaults() {
    ConfigLayer file = ConfigFile.read(ROOT.resolve("conf/sutazai.json"), "conf/sutazai.json");

    assertThat(file.values().keySet()).containsExactlyInAnyOrderElementsOf(Settings.ALL);
    assertThat(file.toJson()).isEqualTo(ConfigLayer.defaults().toJson());
  }

  /** Verifies that the README holds the settings table generated from the registry and names every variable. */
  @Test
  void readmeDocumentsEverySetting() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));

    assertThat(readme).contains(SettingsReference.markdownTable());
    for (Setting setting : Settings.ALL) {
      assertThat(readme).contains(setting.envName());
    }
  }

  /** Verifies that the README holds the routes and roles table generated from the access table. */
  @Test
  void readmeHoldsTheAccessTable() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));

    assertThat(readme).contains(AccessTable.markdownTable());
  }

  /** Verifies that .ci/run runs the test command the README gives. */
  @Test
  void ciRunsTheReadmeTestCommand() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String ci = Files.readString(ROOT.resolve(".ci/run"));

    assertThat(readme).contains("./mvnw -B verify");
    assertThat(ci).contains("set -euo pipefail").containsPattern("(?m)^\\./mvnw -B (-ntp )?verify$");
    assertThat(Files.isExecutable(ROOT.resolve(".ci/run"))).isTrue();
  }
}
