package ai.sutazai.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Parsing bodies, naming fields by JSON pointer, request ids and error dialects. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class JsonInputTest {

  private static Problem problemOf(Runnable action) {
    try {
      action.run();
    } catch (ProblemException e) {
      return e.problem();
    }
    throw new AssertionError("expected a problem");
  }

  /** Verifies that malformed JSON is reported with the parser's position and no internals. */
  @Test
  void reportsMalformedJsonWithItsPosition() {
    Problem problem = problemOf(() -> JsonBodies.parse("{\"a\": tru}"));

    assertThat(problem.type()).isEqualTo(ProblemType.MALFORMED_JSON.uri());
    assertThat(problem.detail()).startsWith("the body is not valid JSON: ").contains("line: 1, column:")
        .doesNotContain("Source").doesNotContain("Exception").doesNotContain("\n");
  }

  /** Verifies that nested fields are named by escaped JSON pointers. */
  @Test
  void namesNestedFieldsByJsonPointer() {
    String pointer = InvalidField.pointer("", "a/b~c", 0, "x");

    assertThat(pointer).isEqualTo("/a~1b~0c/0/x");
    assertThat(InvalidField.at(pointer, "must be a string").problem().detail()).isEqualTo("/a~1b~0c/0/x must be a string");
  }

  /** Verifies that a body that is not UTF-8 is refused as malformed rather than passed on garbled. */
  @Test
  void refusesBodiesThatAreNotUtf8() {
    Problem problem = problemOf(() -> JsonBodies.text(Buffer.buffer(new byte[] {'{', (byte) 0xC3, '}'})));

    assertThat(problem.type()).isEqualTo(ProblemType.MALFORMED_JSON.uri());
    assertThat(problem.detail()).isEqualTo("the body is not valid UTF-8");
    assertThat(JsonBodies.text(Buffer.buffer("{\"a\":\"é\"}"))).isEqualTo("{\"a\":\"é\"}");
  }

  /** Verifies that only sane request ids are kept. */
  @Test
  void keepsOnlySaneRequestIds() {
    assertThat(RequestIdHandler.accept("abc-123.x:y_z")).isEqualTo("abc-123.x:y_z");
    assertThat(RequestIdHandler.accept("a".repeat(128))).hasSize(128);
    assertThat(RequestIdHandler.accept("a".repeat(129))).hasSize(36);
    assertThat(RequestIdHandler.accept("<script>")).hasSize(36);
    assertThat(RequestIdHandler.accept("")).hasSize(36);
    assertThat(RequestIdHandler.accept(null)).hasSize(36);
  }

  /** Verifies that each path family gets the error field its clients read. */
  @Test
  void decoratesProblemsForEachClientFamily() {
    Problem problem = ProblemType.QUEUE_FULL.problem("the high level is full");

    assertThat(ErrorDialect.ofPath("/v1/chat/completions").decorate(new JsonObject(), problem)
        .getJsonObject("error")).isEqualTo(new JsonObject().put("message", "the high level is full")
        .put("type", "rate_limit_error").put("param", null).put("code", "queue_full"));
    assertThat(ErrorDialect.ofPath("/api/chat").decorate(new JsonObject(), problem).getString("error"))
        .isEqualTo("the high level is full");
    assertThat(ErrorDialect.ofPath("/api/v1/chat").decorate(new JsonObject(), problem).isEmpty()).isTrue();
    assertThat(ErrorDialect.ofPath("/ws/chat")).isEqualTo(ErrorDialect.NATIVE);
  }
}
