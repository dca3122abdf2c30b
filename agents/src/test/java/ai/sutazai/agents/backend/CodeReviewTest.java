package ai.sutazai.agents.backend;

import static ai.sutazai.agents.backend.BackendAgents.developer;
import static ai.sutazai.agents.backend.BackendAgents.failureOf;
import static ai.sutazai.agents.backend.BackendAgents.resultOf;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.agents.model.ChatMessage;
import ai.sutazai.agents.model.ScriptedModel;
import ai.sutazai.verticles.problem.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The code_review task: syntax errors found without the model, everything else reviewed by it. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CodeReviewTest {

  private static final String VALID_JAVA = """
      package com.example;

      import java.util.List;

      public class Orders {
        private final List<String> ids;

        public Orders(List<String> ids) {
          this.ids = ids;
        }

        public int count() {
          return ids.size();
        }
      }
      """;

  /** Verifies that Java with a syntax error is answered with its line and column, and the model is not called. */
  @Test
  void javaSyntaxErrorWithoutTheModel() throws Exception {
    ScriptedModel model = ScriptedModel.answering();
    String broken = VALID_JAVA.replace("return ids.size();", "return ids.size()");

    JsonObject result = resultOf(developer(model).handle("code_review", review("java", broken)));

    assertThat(model.calls()).isEmpty();
    assertThat(result.getString("verdict")).isEqualTo("syntax_error");
    assertThat(result.getString("language")).isEqualTo("java");
    JsonObject error = result.getJsonObject("syntax_error");
    assertThat(error.getInteger("line")).isEqualTo(14);
    assertThat(error.getInteger("column")).isEqualTo(3);
    assertThat(error.getString("message")).contains("Parse error").contains("\"}\"");
  }

  /** Verifies that valid Java is sent to the model once, with the system prompt and the code, and its review returned. */
  @Test
  void validJavaIsReviewedByTheModel() throws Exception {
    ScriptedModel model = ScriptedModel.answering("minor: line 6, make the list unmodifiable with List.copyOf");

    JsonObject result = resultOf(developer(model).handle("code_review", review("Java", VALID_JAVA)));

    assertThat(model.calls()).hasSize(1);
    assertThat(model.calls().get(0).get(0)).isEqualTo(ChatMessage.system(BackendAgents.SYSTEM_PROMPT));
    assertThat(model.lastMessageOf(0)).contains("Review the java code", "```java\n" + VALID_JAVA);
    assertThat(result).isEqualTo(new JsonObject().put("language", "java").put("verdict", "reviewed")
        .put("syntax_checked", true).put("review", "minor: line 6, make the list unmodifiable with List.copyOf"));
  }

  /** Verifies that Java sent as a fragment (statements of a method body) is not mistaken for a syntax error. */
  @Test
  void javaFragmentsAreChecked() throws Exception {
    ScriptedModel model = ScriptedModel.answering("looks fine", "looks fine");

    JsonObject statements = resultOf(developer(model).handle("code_review",
        review("java", "int total = 0;\nfor (int i : values) {\n  total += i;\n}\n")));
    JsonObject members = resultOf(developer(model).handle("code_review",
        review("java", "private int count;\n\nvoid add() {\n  count++;\n}\n")));
    JsonObject brokenStatements = resultOf(developer(model).handle("code_review",
        review("java", "int total = 0;\nfor (int i : values) {\n  total += ;\n}\n")));

    assertThat(statements.getString("verdict")).isEqualTo("reviewed");
    assertThat(members.getString("verdict")).isEqualTo("reviewed");
    assertThat(brokenStatements.getJsonObject("syntax_error").getInteger("line")).isEqualTo(3);
    assertThat(brokenStatements.getJsonObject("syntax_error").getInteger("column")).isEqualTo(12);
    assertThat(model.calls()).hasSize(2);
  }

  /** Verifies that malformed JSON code is reported with line and column, strictly, without the model. */
  @Test
  void malformedJsonWithoutTheModel() throws Exception {
    ScriptedModel model = ScriptedModel.answering();

    JsonObject trailingComma = resultOf(developer(model).handle("code_review",
        review("json", "{\n  \"name\": \"orders\",\n  \"size\": 3,\n}")));
    JsonObject duplicate = resultOf(developer(model).handle("code_review",
        review("json", "{\"a\": 1,\n \"a\": 2}")));
    JsonObject twoValues = resultOf(developer(model).handle("code_review", review("json", "{}\n[]")));

    assertThat(model.calls()).isEmpty();
    assertThat(trailingComma.getString("verdict")).isEqualTo("syntax_error");
    assertThat(trailingComma.getJsonObject("syntax_error").getInteger("line")).isEqualTo(4);
    assertThat(trailingComma.getJsonObject("syntax_error").getInteger("column")).isEqualTo(1);
    assertThat(duplicate.getJsonObject("syntax_error").getString("message")).contains("Duplicate field 'a'");
    assertThat(duplicate.getJsonObject("syntax_error").getInteger("line")).isEqualTo(2);
    assertThat(twoValues.getJsonObject("syntax_error")).isEqualTo(new JsonObject().put("line", 2).put("column", 1)
        .put("message", "more content after the JSON value"));
  }

  /** Verifies that valid JSON and code in a language without a checker go to the model. */
  @Test
  void validJsonAndUncheckedLanguagesAreReviewed() throws Exception {
    ScriptedModel model = ScriptedModel.answering("use snake_case keys", "avoid SELECT *", "fine");

    JsonObject json = resultOf(developer(model).handle("code_review", review("json", "{\"orderId\": 1}")));
    JsonObject sql = resultOf(developer(model).handle("code_review", review("sql", "SELECT * FROM orders")));
    JsonObject unnamed = resultOf(developer(model).handle("code_review", new JsonObject().put("code", "x = 1")));

    assertThat(json.getBoolean("syntax_checked")).isTrue();
    assertThat(sql.getBoolean("syntax_checked")).isFalse();
    assertThat(sql.getString("review")).isEqualTo("avoid SELECT *");
    assertThat(unnamed.getString("language")).isNull();
    assertThat(model.lastMessageOf(2)).contains("Review the code", "```\nx = 1\n```");
    assertThat(model.calls()).hasSize(3);
  }

  /** Verifies that payloads of the wrong shape are refused with a 400 naming the field, before any model call. */
  @Test
  void badPayloadShapes() {
    ScriptedModel model = ScriptedModel.answering();
    SeniorBackendDeveloper developer = developer(model);

    assertRefused(developer.handle("code_review", new JsonObject().put("language", "java")),
        "code_review payload needs 'code', a non-empty string");
    assertRefused(developer.handle("code_review", new JsonObject().put("code", "  ")),
        "code_review payload needs 'code', a non-empty string");
    assertRefused(developer.handle("code_review", new JsonObject().put("code", 42)),
        "code_review payload field 'code' must be a string, got a number");
    assertRefused(developer.handle("code_review", review("java", "class A {}").put("lang", "java")),
        "code_review payload has unknown field(s) [lang]; known fields are [code, language]");
    assertRefused(developer.handle("code_review", review("java; rm -rf /", "class A {}")),
        "code_review payload field 'language' must be a language name");
    assertRefused(developer.handle("code_review", review("java", "x".repeat(CodeReviewRequest.MAX_CODE + 1))),
        "code_review payload field 'code' has 100001 characters; at most 100000 are accepted");
    assertRefused(developer.handle("code_review", null), "code_review needs a JSON object payload");
    assertRefused(developer.handle("deploy", review("java", "class A {}")),
        "senior-backend-developer does not take tasks of type 'deploy'");
    assertThat(model.calls()).isEmpty();
  }

  private static void assertRefused(Future<JsonObject> outcome, String detailStart) {
    Throwable failure = failureOf(outcome);
    assertThat(failure).isInstanceOf(ProblemException.class);
    assertThat(((ProblemException) failure).problem().status()).isEqualTo(400);
    assertThat(failure.getMessage()).startsWith(detailStart);
  }

  private static JsonObject review(String language, String code) {
    return new JsonObject().put("language", language).put("code", code);
  }
}
