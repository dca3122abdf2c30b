package ai.sutazai.verticles.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Credentials in URLs, hidden before a text reaches a log or a message. */
class UrlCredentialsTest {

  /** Verifies that user and password vanish from a URL, however malformed, and that the rest is kept. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "postgresql://sutazai:s3cret@db:5432/sutazai | postgresql://***@db:5432/sutazai",
    "redis://:s3cret@cache:6379/0 | redis://***@cache:6379/0",
    "amqp://guest:s3cret@127.0.0.1:5672 | amqp://***@127.0.0.1:5672",
    "http://proxy-user:s3cret@ollama:11434/base | http://***@ollama:11434/base",
    "postgresql://u:s3cret@x/y@db/x | postgresql://***@db/x",
    "postgresql://u:s3cret with space@db/x | postgresql://***@db/x",
    "root:s3cret@db:5432/x | ***@db:5432/x",
    "http://localhost:11434 | http://localhost:11434"
  })
  void hidesCredentialsInUrls(String text, String expected) {
    assertThat(UrlCredentials.redact(text)).isEqualTo(expected).doesNotContain("s3cret");
  }

  /** Verifies that no text is invented for a missing one. */
  @Test
  void keepsNull() {
    assertThat(UrlCredentials.redact(null)).isNull();
  }
}
