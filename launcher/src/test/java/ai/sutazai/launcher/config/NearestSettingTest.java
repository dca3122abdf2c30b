package ai.sutazai.launcher.config;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.config.Setting;
import ai.sutazai.verticles.config.Settings;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The "did you mean" suggestions for mistyped keys. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NearestSettingTest {

  /** Verifies that small typos find their setting and unrelated names find none. */
  @Test
  void suggestsOnlyPlausibleTypos() {
    assertThat(NearestSetting.to("ollama.paralel", List.of(Setting::path))).contains(Settings.OLLAMA_PARALLEL);
    assertThat(NearestSetting.to("SUTAZAI_HTTP_PROT", List.of(Setting::envName))).contains(Settings.HTTP_PORT);
    assertThat(NearestSetting.to("grace_ms", List.of(Setting::path, Setting::key)))
        .contains(Settings.SHUTDOWN_GRACE_MS);
    assertThat(NearestSetting.to("database.password", List.of(Setting::path))).isEmpty();
  }
}
