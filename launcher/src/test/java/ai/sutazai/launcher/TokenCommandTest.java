package ai.sutazai.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sutazai.gateway.auth.Role;
import ai.sutazai.launcher.LauncherArgs.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parsing of {@code token --subject --role --ttl}. */
class TokenCommandTest {

  /** Verifies that the arguments come in any order, with a space or '='. */
  @Test
  void parsesArguments() {
    assertThat(TokenCommand.parse("--subject", "alice", "--role", "user", "--ttl", "1h"))
        .isEqualTo(new TokenCommand(Optional.empty(), "alice", Role.USER, Duration.ofHours(1)));
    assertThat(TokenCommand.parse("--ttl=7d", "--role=admin", "--subject=ops", "--conf", "p.json"))
        .isEqualTo(new TokenCommand(Optional.of(Path.of("p.json")), "ops", Role.ADMIN, Duration.ofDays(7)));
  }

  /** Verifies the durations 30s, 15m, 1h and 7d, and that anything else or too long is refused. */
  @Test
  void readsDurations() {
    assertThat(TokenCommand.duration("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(TokenCommand.duration("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(TokenCommand.duration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(TokenCommand.duration("7d")).isEqualTo(Duration.ofDays(7));
    for (String bad : new String[] {"0s", "1", "h", "-1h", "1.5h", "1w", "367d", " 1h"}) {
      assertThatThrownBy(() -> TokenCommand.duration(bad)).as(bad).isInstanceOf(UsageException.class)
          .hasMessageContaining("--ttl");
    }
  }

  /** Verifies that missing, repeated, unknown and empty arguments are refused saying which. */
  @Test
  void refusesBadArguments() {
    assertThatThrownBy(() -> TokenCommand.parse("--subject", "a", "--role", "user"))
        .hasMessage("token needs --subject, --role and --ttl");
    assertThatThrownBy(() -> TokenCommand.parse("--subject", "a", "--subject", "b", "--role", "user", "--ttl", "1h"))
        .hasMessage("--subject given twice");
    assertThatThrownBy(() -> TokenCommand.parse("--subject", "a", "--role", "god", "--ttl", "1h"))
        .hasMessage("--role must be one of admin, operator, user, viewer, got 'god'");
    assertThatThrownBy(() -> TokenCommand.parse("--subject")).hasMessage("--subject needs a value");
    assertThatThrownBy(() -> TokenCommand.parse("--who", "x")).hasMessage("unknown argument to token: --who");
  }
}
