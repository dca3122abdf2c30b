package ai.sutazai.agents.backend;

import static ai.sutazai.agents.backend.BackendAgents.developer;
import static ai.sutazai.agents.backend.BackendAgents.failureOf;
import static ai.sutazai.agents.backend.BackendAgents.resultOf;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.agents.model.ChatMessage;
import ai.sutazai.agents.model.ScriptedModel;
import ai.sutazai.verticles.problem.ProblemException;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The api_design task: a validated OpenAPI 3 document, one correction round, then a clear failure. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ApiDesignTest {

  static final String TODO_API_JSON = """
      {"openapi": "3.0.3",
       "info": {"title": "Todo API", "version": "1.2.0"},
       "paths": {
         "/todos": {
           "get": {"operationId": "listTodos",
                   "responses": {"200": {"description": "the todos",
                     "content": {"application/json": {"schema": {"type": "array",
                       "items": {"$ref": "#/components/schemas/Todo"}}}}}}},
           "post": {"operationId": "createTodo",
                    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Todo"}}}},
                    "responses": {"201": {"description": "created"}, "400": {"description": "invalid todo"}}}},
         "/todos/{id}": {
           "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
           "delete": {"operationId": "deleteTodo", "responses": {"204": {"description": "deleted"}}}}},
       "components": {"schemas": {"Todo": {"type": "object", "required": ["title"],
         "properties": {"title": {"type": "string"}, "done": {"type": "boolean"}}}}}}
      """;

  static final String TODO_API_YAML = """
      openapi: 3.0.3
      info:
        title: Todo API
        version: 1.2.0
      paths:
        /todos:
          get:
            operationId: listTodos
            responses:
              '200':
                description: the todos
                content:
                  application/json:
                    schema:
                      type: array
                      items:
                        $ref: '#/components/schemas/Todo'
          post:
            operationId: createTodo
            responses:
              '201':
                description: created
        /todos/{id}:
          delete:
            operationId: deleteTodo
            parameters:
              - name: id
                in: path
                required: true
                schema:
                  type: string
            responses:
              '204':
                description: deleted
      components:
        schemas:
          Todo:
            type: object
            properties:
              title:
                type: string
      """;

  /** Info lacks its version and an operation lacks its responses. */
  static final String INCOMPLETE_YAML = """
      openapi: 3.0.3
      info:
        title: Todo API
      paths:
        /todos:
          get:
            operationId: listTodos
      """;

  static final JsonObject PAYLOAD = new JsonObject().put("requirements", "A todo list: list, create and delete todos.");

  /** Verifies that a valid first answer is the result, with its summary, after one model call. */
  @Test
  void validDocumentAtTheFirstAttempt() throws Exception {
    ScriptedModel model = ScriptedModel.answering(TODO_API_JSON);

    JsonObject result = resultOf(developer(model).handle("api_design", PAYLOAD));

    assertThat(model.calls()).hasSize(1);
    assertThat(model.calls().get(0).get(0)).isEqualTo(ChatMessage.system(BackendAgents.SYSTEM_PROMPT));
    assertThat(model.lastMessageOf(0)).contains("A todo list: list, create and delete todos.", "OpenAPI 3");
    assertThat(result.getInteger("attempts")).isEqualTo(1);
    assertThat(result.getJsonObject("summary")).isEqualTo(new JsonObject().put("title", "Todo API")
        .put("version", "1.2.0").put("openapi", "3.0.3").put("paths", 2).put("operations", 3));
    assertThat(result.getJsonObject("document")).isEqualTo(new JsonObject(TODO_API_JSON));
  }

  /** Verifies that a YAML answer in a ```yaml fence, with chatter around it, is read and returned as JSON. */
  @Test
  void yamlInsideFences() throws Exception {
    ScriptedModel model = ScriptedModel.answering(
        "Here is the design you asked for:\n\n```yaml\n" + TODO_API_YAML + "```\n\nLet me know if it needs changes.");

    JsonObject result = resultOf(developer(model).handle("api_design", PAYLOAD));

    assertThat(result.getJsonObject("summary").getInteger("operations")).isEqualTo(3);
    JsonObject document = result.getJsonObject("document");
    assertThat(document.getJsonObject("info").getString("version")).isEqualTo("1.2.0");
    assertThat(document.getJsonObject("paths").getJsonObject("/todos").getJsonObject("get")
        .getString("operationId")).isEqualTo("listTodos");
  }

  /** Verifies that an invalid answer is sent back once with the validation messages, and the corrected one is taken. */
  @Test
  void invalidThenValid() throws Exception {
    ScriptedModel model = ScriptedModel.answering("```yaml\n" + INCOMPLETE_YAML + "```", TODO_API_YAML);
    JsonObject payload = PAYLOAD.copy().put("title", "Todo API").put("version", "1.2.0");

    JsonObject result = resultOf(developer(model).handle("api_design", payload));

    assertThat(model.calls()).hasSize(2);
    assertThat(model.lastMessageOf(0)).contains("Use the title: Todo API", "Use the API version: 1.2.0");
    assertThat(model.calls().get(1)).startsWith(model.calls().get(0).toArray(ChatMessage[]::new));
    assertThat(model.calls().get(1).get(2)).isEqualTo(ChatMessage.assistant("```yaml\n" + INCOMPLETE_YAML + "```"));
    assertThat(model.lastMessageOf(1)).contains("not a valid OpenAPI 3 document",
        "attribute info.version is missing", "attribute paths.'/todos'(get).responses is missing");
    assertThat(result.getInteger("attempts")).isEqualTo(2);
    assertThat(result.getJsonObject("summary").getString("title")).isEqualTo("Todo API");
  }

  /** Verifies that a second invalid answer fails the task with every message, after exactly two calls. */
  @Test
  void invalidTwiceFailsClearly() {
    ScriptedModel model = ScriptedModel.answering("openapi: [unclosed", "swagger: '2.0'\ninfo: {title: x, version: '1'}\n");

    Throwable failure = failureOf(developer(model).handle("api_design", PAYLOAD));

    assertThat(model.calls()).hasSize(2);
    assertThat(model.lastMessageOf(1)).contains("the document is not valid YAML at line");
    assertThat(failure).isInstanceOf(InvalidModelAnswerException.class);
    assertThat(((ProblemException) failure).problem().status()).isEqualTo(502);
    assertThat(failure.getMessage()).contains("OpenAPI document was still invalid after 2 attempts",
        "field openapi must name an OpenAPI 3 version", "attribute openapi is missing");
    assertThat(((InvalidModelAnswerException) failure).problems()).containsExactly(
        "field openapi must name an OpenAPI 3 version such as \"3.0.3\", got nothing", "attribute openapi is missing");
  }

  /** Verifies that references outside the document are refused rather than fetched, and dangling ones reported. */
  @Test
  void refusesExternalAndDanglingReferences() {
    String external = TODO_API_JSON.replace("\"#/components/schemas/Todo\"}}}}}}}", "\"http://127.0.0.1:9/todo.json\"}}}}}}}");
    String dangling = TODO_API_JSON.replace("{\"$ref\": \"#/components/schemas/Todo\"}}}},",
        "{\"$ref\": \"#/components/schemas/Task\"}}}},");
    ScriptedModel model = ScriptedModel.answering(external, dangling);

    InvalidModelAnswerException failure =
        (InvalidModelAnswerException) failureOf(developer(model).handle("api_design", PAYLOAD));

    assertThat(model.lastMessageOf(1)).contains("$ref 'http://127.0.0.1:9/todo.json' at "
        + "/paths/~1todos/get/responses/200/content/application~1json/schema/items points outside the document");
    assertThat(failure.problems()).anyMatch(problem -> problem.contains("'#/components/schemas/Task'")
        && problem.contains("points at nothing in the document"));
  }

  /** Verifies that a document without any operation is not accepted as an API design. */
  @Test
  void refusesADocumentWithoutOperations() {
    String empty = "openapi: 3.1.0\ninfo:\n  title: Nothing\n  version: '1'\npaths: {}\n";
    ScriptedModel model = ScriptedModel.answering(empty, empty);

    InvalidModelAnswerException failure =
        (InvalidModelAnswerException) failureOf(developer(model).handle("api_design", PAYLOAD));

    assertThat(failure.problems()).containsExactly(
        "the document describes no operations: paths must hold at least one path with an operation");
  }

  /** Verifies that a payload without requirements is refused before the model is asked. */
  @Test
  void refusesAPayloadWithoutRequirements() {
    ScriptedModel model = ScriptedModel.answering();

    Throwable failure = failureOf(developer(model).handle("api_design", new JsonObject().put("title", "x")));

    assertThat(model.calls()).isEmpty();
    assertThat(((ProblemException) failure).problem().status()).isEqualTo(400);
    assertThat(failure.getMessage()).isEqualTo("api_design payload needs 'requirements', a non-empty string");
  }
}
