package ai.sutazai.storage.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PgEndpointTest {

  /** Verifies that a full URL yields every part, with percent-escapes decoded. */
  @Test
  void parsesEveryPart() {
    PgEndpoint endpoint = PgEndpoint.parse("postgresql://sutazai:p%40ss%3Aword@db.example:6543/brain");

    assertThat(endpoint).isEqualTo(new PgEndpoint("db.example", 6543, "brain", "sutazai", "p@ss:word"));
    assertThat(endpoint.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/brain");
  }

  /** Verifies that the short postgres:// scheme works and that the port defaults to 5432. */
  @Test
  void acceptsShortSchemeAndDefaultPort() {
    PgEndpoint endpoint = PgEndpoint.parse("postgres://app@localhost/app");

    assertThat(endpoint.port()).isEqualTo(5432);
    assertThat(endpoint.password()).isNull();
  }

  /** Verifies that each wrong part is named in the error, and that the password never shows up in it. */
  @Test
  void namesTheWrongPart() {
    assertThatThrownBy(() -> PgEndpoint.parse("mysql://u:secret@h:1/db")).hasMessageContaining("scheme")
      .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> PgEndpoint.parse("postgresql://u:secret@h:abc/db")).hasMessageContaining("port 'abc'")
      .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> PgEndpoint.parse("postgresql://u:secret@h:99999/db")).hasMessageContaining("port");
    assertThatThrownBy(() -> PgEndpoint.parse("postgresql://u:secret@h:5432")).hasMessageContaining("database name");
    assertThatThrownBy(() -> PgEndpoint.parse("postgresql://h:5432/db")).hasMessageContaining("user");
    assertThatThrownBy(() -> PgEndpoint.parse("postgresql://u:s@cret@h/db")).hasMessageContaining("%40");
    assertThatThrownBy(() -> PgEndpoint.parse("postgresql://u@h/db?sslmode=require")).hasMessageContaining("query");
    assertThatThrownBy(() -> PgEndpoint.parse(" ")).hasMessageContaining("empty");
  }

  /** Verifies that the printed form hides the password. */
  @Test
  void hidesPasswordWhenPrinted() {
    assertThat(PgEndpoint.parse("postgresql://u:secret@h/db").toString()).doesNotContain("secret").contains("***");
  }

  /** Verifies that options validate the URL, pool size and timeout up front and treat a blank URL as embedded. */
  @Test
  void optionsValidateUpFront() {
    Path data = Path.of("data");
    assertThat(new PostgresOptions(" ", 4, Duration.ofSeconds(1), data).isEmbedded()).isTrue();
    assertThat(PostgresOptions.external("postgresql://u@h/db").externalEndpoint()).isPresent();
    assertThatThrownBy(() -> new PostgresOptions("http://h/db", 4, Duration.ofSeconds(1), data))
      .hasMessageContaining("scheme");
    assertThatThrownBy(() -> new PostgresOptions(null, 0, Duration.ofSeconds(1), data))
      .hasMessageContaining("pool size");
    assertThatThrownBy(() -> new PostgresOptions(null, 4, Duration.ZERO, data))
      .hasMessageContaining("timeout");
  }
}
