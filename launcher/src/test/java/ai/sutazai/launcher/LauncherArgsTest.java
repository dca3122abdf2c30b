package ai.sutazai.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sutazai.launcher.LauncherArgs.UsageException;
import ai.sutazai.verticles.config.Settings;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Parsing of the launcher's command line. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LauncherArgsTest {

  /** Verifies that no arguments mean no --conf file and no help. */
  @Test
  void noArguments() {
    assertThat(LauncherArgs.parse()).isEqualTo(new LauncherArgs(Optional.empty(), false));
  }

  /** Verifies that --conf accepts its file as the next argument or after '='. */
  @Test
  void confFile() {
    assertThat(LauncherArgs.parse("--conf", "prod.json").confFile()).contains(Path.of("prod.json"));
    assertThat(LauncherArgs.parse("--conf=/etc/sutazai.json").confFile()).contains(Path.of("/etc/sutazai.json"));
  }

  /** Verifies that --help and -h ask for help. */
  @Test
  void help() {
    assertThat(LauncherArgs.parse("--help").help()).isTrue();
    assertThat(LauncherArgs.parse("-h", "--conf", "x.json").help()).isTrue();
  }

  /** Verifies that unknown, repeated or incomplete arguments are usage errors saying what is wrong. */
  @Test
  void badArguments() {
    assertThatThrownBy(() -> LauncherArgs.parse("--port", "8080"))
        .isInstanceOf(UsageException.class).hasMessage("unknown argument: --port");
    assertThatThrownBy(() -> LauncherArgs.parse("--conf")).hasMessage("--conf needs a file name");
    assertThatThrownBy(() -> LauncherArgs.parse("--conf=")).hasMessage("--conf needs a file name");
    assertThatThrownBy(() -> LauncherArgs.parse("--conf", "a.json", "--conf", "b.json"))
        .hasMessage("--conf given twice");
  }

  /** Verifies that the usage text shows both options and every environment variable. */
  @Test
  void usageListsOptionsAndSettings() {
    String usage = LauncherArgs.usage();

    assertThat(usage).contains("--conf FILE", "--help");
    Settings.ALL.forEach(setting -> assertThat(usage).contains(setting.envName()));
  }
}
