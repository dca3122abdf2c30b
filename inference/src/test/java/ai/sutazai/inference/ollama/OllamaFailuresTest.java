package ai.sutazai.inference.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import java.net.ConnectException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How Ollama's answers and connection failures become problems, and how its URL is read. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OllamaFailuresTest {

  private final OllamaEndpoint endpoint = OllamaEndpoint.parse("http://ollama.local:11434/");

  /** Verifies that each status class maps to its problem and keeps Ollama's message. */
  @Test
  void statusesKeepTheirMeaning() {
    Problem notFound = OllamaFailures.forStatus(404, "{\"error\":\"model \\\"x\\\" not found, try pulling it first\"}");
    assertThat(notFound.type()).isEqualTo(ProblemType.MODEL_NOT_FOUND.uri());
    assertThat(notFound.detail()).isEqualTo("model \"x\" not found, try pulling it first");
    assertThat(OllamaFailures.forStatus(503, "{\"error\":\"server busy\"}").type())
        .isEqualTo(ProblemType.OLLAMA_BUSY.uri());
    Problem invalid = OllamaFailures.forStatus(400, "{\"error\":\"invalid options\"}");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.detail()).contains("invalid options");
    Problem failed = OllamaFailures.forStatus(500, "plain text crash");
    assertThat(failed.status()).isEqualTo(502);
    assertThat(failed.detail()).contains("plain text crash");
  }

  /** Verifies that a refused or timed-out connection means Ollama is unreachable at its URL. */
  @Test
  void connectionFailuresMeanUnreachable() {
    Problem refused = OllamaFailures.forThrowable(new RuntimeException(new ConnectException("Connection refused")),
        endpoint);
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.detail()).isEqualTo("Ollama is not reachable at http://ollama.local:11434: Connection refused");
    assertThat(OllamaFailures.forThrowable(new TimeoutException("slow"), endpoint).type())
        .isEqualTo(ProblemType.OLLAMA_UNREACHABLE.uri());
    assertThat(OllamaFailures.forThrowable(new IllegalStateException("odd"), endpoint).status()).isEqualTo(502);
  }

  /** Verifies that base URLs are normalised and bad ones refused with a clear message. */
  @Test
  void parsesBaseUrls() {
    assertThat(endpoint.url()).isEqualTo("http://ollama.local:11434");
    assertThat(endpoint.uri("/api/chat")).isEqualTo("/api/chat");
    OllamaEndpoint proxied = OllamaEndpoint.parse("https://gpu.example/ollama");
    assertThat(proxied.port()).isEqualTo(443);
    assertThat(proxied.ssl()).isTrue();
    assertThat(proxied.uri("/api/tags")).isEqualTo("/ollama/api/tags");
    assertThatThrownBy(() -> OllamaEndpoint.parse("localhost:11434"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://host:port");
  }
}
