package ai.sutazai.launcher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sutazai.verticles.config.Setting;
import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Conversion and checking of single values for each setting type. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SettingValueTest {

  private static final Setting FLAG = Setting.bool("demo.flag", false, "a flag");
  private static final Setting BIG = Setting.longValue("demo.big", 1, 1, Long.MAX_VALUE, "a long");
  private static final Setting NAME = Setting.string("demo.name", "x", "a name");

  /** Verifies that booleans accept true/false in any case from text and only JSON booleans from files. */
  @Test
  void booleans() {
    assertThat(SettingValue.fromText(FLAG, "TRUE", "src")).isEqualTo(true);
    assertThat(SettingValue.fromText(FLAG, "false", "src")).isEqualTo(false);
    assertThat(SettingValue.fromJson(FLAG, true, "src")).isEqualTo(true);
    assertThatThrownBy(() -> SettingValue.fromText(FLAG, "yes", "src"))
        .hasMessage("src: demo.flag must be true or false, got \"yes\"");
    assertThatThrownBy(() -> SettingValue.fromJson(FLAG, "true", "src"))
        .hasMessage("src: demo.flag must be true or false, got \"true\"");
  }

  /** Verifies that numbers beyond a long are out of range rather than a crash. */
  @Test
  void hugeNumbersAreOutOfRange() {
    assertThat(SettingValue.fromText(BIG, "9223372036854775807", "src")).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> SettingValue.fromText(BIG, "9223372036854775808", "src"))
        .hasMessage("src: demo.big must be an integer between 1 and 9223372036854775807,"
            + " got \"9223372036854775808\"");
    assertThatThrownBy(() -> SettingValue.fromJson(BIG, new BigInteger("99999999999999999999"), "src"))
        .hasMessageEndingWith("got 99999999999999999999");
  }

  /** Verifies that strings must not be blank and are trimmed. */
  @Test
  void strings() {
    assertThat(SettingValue.fromText(NAME, " llama3 ", "src")).isEqualTo("llama3");
    assertThatThrownBy(() -> SettingValue.fromJson(NAME, " ", "src"))
        .hasMessage("src: demo.name must be a non-empty string, got \" \"");
  }

  /** Verifies that a rejected URL is shown without its user and password, however it is malformed. */
  @Test
  void rejectedUrlsHideCredentials() {
    Setting pg = Setting.optionalUrl("pg.url", "PostgreSQL", "postgresql", "postgres");
    String password = "s3cret-" + "p".repeat(100);

    assertThatThrownBy(() -> SettingValue.fromText(pg, "mysql://root:" + password + "@db/x", "src"))
        .hasMessageStartingWith("src: pg.url must be an absolute postgresql or postgres URL, or empty,"
            + " got \"mysql://***@db/x\"");
    assertThatThrownBy(() -> SettingValue.fromText(pg, "postgresql://root:" + password + " x@db/x", "src"))
        .message().doesNotContain("s3cret").contains("at index");
  }

  /** Verifies that long values are cut short in messages. */
  @Test
  void longValuesAreShortenedInMessages() {
    String value = "a".repeat(500);

    assertThatThrownBy(() -> SettingValue.fromText(FLAG, value, "src"))
        .hasMessage("src: demo.flag must be true or false, got \"" + "a".repeat(79) + "...");
  }
}
