package ai.sutazai.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
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
    JsonFields body = JsonFields.of(new JsonObject().put("a/b~c", new JsonArray().add(new JsonObject().put("x", 1))));
    JsonArray list = body.optionalArray("a/b~c");

    JsonFields element = body.element("a/b~c", list, 0);

    assertThat(problemOf(() -> element.optionalString("x")).detail()).isEqualTo("/a~1b~0c/0/x must be a string");
    assertThat(problemOf(() -> element.optionalChoice("x", List.of("a", "b"))).detail())
        .isEqualTo("/a~1b~0c/0/x must be a string");
    JsonFields mode = JsonFields.of(new JsonObject().put("mode", "c"));
    assertThat(problemOf(() -> mode.optionalChoice("mode", List.of("a", "b"))).detail())
        .isEqualTo("/mode must be one of a, b, got \"c\"");
  }

  /** Verifies that whole positive numbers are accepted for deadlines and everything else is refused. */
  @Test
  void readsPositiveWholeNumbers() {
    JsonFields body = JsonFields.of(new JsonObject().put("ok", 5).put("half", 1.5).put("zero", 0));

    assertThat(body.optionalPositiveLong("ok")).isEqualTo(5);
    assertThat(body.optionalPositiveLong("absent")).isZero();
    assertThatThrownBy(() -> body.optionalPositiveLong("half")).hasMessageContaining("/half must be a positive");
    assertThatThrownBy(() -> body.optionalPositiveLong("zero")).hasMessageContaining("/zero must be a positive");
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
