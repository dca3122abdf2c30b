package ai.sutazai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.testing.HttpResult;
import ai.sutazai.gateway.testing.TestGateway;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A table of client mistakes, each answered with its 4xx problem+json and never reaching the queue. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MalformedInputTest {

  private static final int MAX_BODY_BYTES = 4096;
  private static final String JSON = "application/json";
  private static final String USER = "{\"role\":\"user\",\"content\":\"hi\"}";
  private static final String SOME_ID = "7d0b4cbe-3c4f-4a59-9a4e-0f6e8d9c2b11";

  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    gateway = TestGateway.start(vertx, new JsonObject()
        .put("http", new JsonObject().put("max_body_bytes", MAX_BODY_BYTES)));
  }

  @AfterEach
  void closeClients() throws Exception {
    gateway.closeClients();
  }

  static Stream<Arguments> mistakes() {
    String huge = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(MAX_BODY_BYTES) + "\"}]}";
    return Stream.of(
        mistake("bad JSON", HttpMethod.POST, "/api/v1/chat", JSON, "{\"messages\": [", ProblemType.MALFORMED_JSON,
            "not valid JSON"),
        mistake("empty body", HttpMethod.POST, "/api/v1/chat", JSON, "", ProblemType.MALFORMED_JSON, "empty"),
        mistake("body not an object", HttpMethod.POST, "/api/v1/chat", JSON, "[1,2]", ProblemType.INVALID_REQUEST,
            "must be a JSON object"),
        mistake("messages not an array", HttpMethod.POST, "/api/v1/chat", JSON, "{\"messages\":\"hi\"}",
            ProblemType.INVALID_REQUEST, "/messages must be an array"),
        mistake("messages missing", HttpMethod.POST, "/api/v1/chat", JSON, "{}", ProblemType.INVALID_REQUEST,
            "/messages is required"),
        mistake("empty messages", HttpMethod.POST, "/api/v1/chat", JSON, "{\"messages\":[]}",
            ProblemType.INVALID_REQUEST, "/messages must not be empty"),
        mistake("message not an object", HttpMethod.POST, "/api/v1/chat", JSON, "{\"messages\":[\"hi\"]}",
            ProblemType.INVALID_REQUEST, "/messages/0 must be a JSON object"),
        mistake("unknown role", HttpMethod.POST, "/api/v1/chat", JSON,
            "{\"messages\":[" + USER + ",{\"role\":\"robot\",\"content\":\"x\"}]}", ProblemType.INVALID_REQUEST,
            "/messages/1/role must be one of system, user, assistant, tool, got \"robot\""),
        mistake("content not a string", HttpMethod.POST, "/api/v1/chat", JSON,
            "{\"messages\":[{\"role\":\"user\",\"content\":42}]}", ProblemType.INVALID_REQUEST,
            "/messages/0/content must be a string"),
        mistake("stream not a boolean", HttpMethod.POST, "/api/v1/chat", JSON,
            "{\"messages\":[" + USER + "],\"stream\":\"yes\"}", ProblemType.INVALID_REQUEST,
            "/stream must be true or false"),
        mistake("unknown model type", HttpMethod.POST, "/api/v1/chat", JSON,
            "{\"messages\":[" + USER + "],\"model_type\":\"poetry\"}", ProblemType.INVALID_REQUEST,
            "/model_type must be one of default, reasoning, coding, analysis"),
        mistake("options not an object", HttpMethod.POST, "/api/v1/chat", JSON,
            "{\"messages\":[" + USER + "],\"options\":[]}", ProblemType.INVALID_REQUEST,
            "/options must be a JSON object"),
        mistake("bad priority", HttpMethod.POST, "/api/v1/chat", JSON,
            "{\"messages\":[" + USER + "],\"priority\":\"urgent\"}", ProblemType.INVALID_REQUEST,
            "/priority must be one of critical, high, normal, low or 1..4"),
        mistake("priority out of range", HttpMethod.POST, "/api/v1/chat", JSON,
            "{\"messages\":[" + USER + "],\"priority\":7}", ProblemType.INVALID_REQUEST, "/priority must be one of"),
        mistake("negative timeout", HttpMethod.POST, "/api/v1/chat", JSON,
            "{\"messages\":[" + USER + "],\"timeout_ms\":-5}", ProblemType.INVALID_REQUEST,
            "/timeout_ms must be at least 1, got -5"),
        mistake("timeout beyond a day", HttpMethod.POST, "/api/v1/chat", JSON,
            "{\"messages\":[" + USER + "],\"timeout_ms\":100000000000}", ProblemType.INVALID_REQUEST,
            "/timeout_ms must be at most 86400000"),
        mistake("huge body", HttpMethod.POST, "/api/v1/chat", JSON, huge, ProblemType.PAYLOAD_TOO_LARGE,
            "exceeds " + MAX_BODY_BYTES + " bytes"),
        mistake("wrong content type", HttpMethod.POST, "/api/v1/chat", "text/plain", "{\"messages\":[" + USER + "]}",
            ProblemType.UNSUPPORTED_MEDIA_TYPE, "application/json"),
        mistake("no content type", HttpMethod.POST, "/v1/chat/completions", null, "{}",
            ProblemType.UNSUPPORTED_MEDIA_TYPE, "application/json"),
        mistake("unknown route", HttpMethod.GET, "/api/v1/nothing-here", null, null, ProblemType.NOT_FOUND,
            "GET /api/v1/nothing-here"),
        mistake("wrong method", HttpMethod.GET, "/api/v1/chat", null, null, ProblemType.METHOD_NOT_ALLOWED,
            "GET is not allowed"),
        mistake("OpenAI temperature not a number", HttpMethod.POST, "/v1/chat/completions", JSON,
            "{\"model\":\"m\",\"messages\":[" + USER + "],\"temperature\":\"hot\"}", ProblemType.INVALID_REQUEST,
            "/temperature must be a number"),
        mistake("OpenAI image not a data URL", HttpMethod.POST, "/v1/chat/completions", JSON,
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"http://x/y.png\"}}]}]}", ProblemType.INVALID_REQUEST,
            "/messages/0/content/0/image_url must carry a base64 data: URL"),
        mistake("OpenAI tool arguments not JSON", HttpMethod.POST, "/v1/chat/completions", JSON,
            "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"type\":\"function\","
                + "\"function\":{\"name\":\"f\",\"arguments\":\"{oops\"}}]}]}", ProblemType.INVALID_REQUEST,
            "/messages/0/tool_calls/0/function/arguments must be a JSON object"),
        mistake("Ollama chat without model", HttpMethod.POST, "/api/chat", JSON, "{\"messages\":[" + USER + "]}",
            ProblemType.INVALID_REQUEST, "/model is required"),
        mistake("Ollama embed without input", HttpMethod.POST, "/api/embed", JSON, "{\"model\":\"m\"}",
            ProblemType.INVALID_REQUEST, "/input is required"),
        mistake("pull without name", HttpMethod.POST, "/api/v1/models/pull", JSON, "{}",
            ProblemType.INVALID_REQUEST, "/name is required"),
        mistake("pull insecure not a boolean", HttpMethod.POST, "/api/v1/models/pull", JSON,
            "{\"name\":\"m\",\"insecure\":\"yes\"}", ProblemType.INVALID_REQUEST, "/insecure must be true or false"),
        mistake("pull stream not a boolean", HttpMethod.POST, "/api/v1/models/pull", JSON,
            "{\"name\":\"m\",\"stream\":1}", ProblemType.INVALID_REQUEST, "/stream must be true or false"),
        mistake("Ollama pull insecure not a boolean", HttpMethod.POST, "/api/pull", JSON,
            "{\"model\":\"m\",\"insecure\":\"yes\"}", ProblemType.INVALID_REQUEST, "/insecure must be true or false"),
        mistake("Ollama pull stream not a boolean", HttpMethod.POST, "/api/pull", JSON,
            "{\"model\":\"m\",\"stream\":\"no\"}", ProblemType.INVALID_REQUEST, "/stream must be true or false"),
        mistake("conversation id not a UUID", HttpMethod.POST, "/api/v1/chat", JSON,
            "{\"messages\":[" + USER + "],\"conversation_id\":\"abc\"}", ProblemType.INVALID_REQUEST,
            "/conversation_id must be a conversation id (a UUID)"),
        mistake("conversation id not a string", HttpMethod.POST, "/api/v1/chat", JSON,
            "{\"messages\":[" + USER + "],\"conversation_id\":42}", ProblemType.INVALID_REQUEST,
            "/conversation_id must be a conversation id (a UUID)"),
        mistake("cache not a boolean", HttpMethod.POST, "/api/v1/chat", JSON,
            "{\"messages\":[" + USER + "],\"cache\":\"no\"}", ProblemType.INVALID_REQUEST,
            "/cache must be true or false"),
        mistake("conversation path id not a UUID", HttpMethod.GET, "/api/v1/conversations/42", null, null,
            ProblemType.INVALID_REQUEST, "path parameter id must be a conversation id (a UUID), got \"42\""),
        mistake("conversation limit zero", HttpMethod.GET, "/api/v1/conversations?limit=0", null, null,
            ProblemType.INVALID_REQUEST, "query parameter limit must be a whole number from 1 to 100, got \"0\""),
        mistake("rename with bad JSON", HttpMethod.PATCH, "/api/v1/conversations/" + SOME_ID, JSON, "{\"title\":",
            ProblemType.MALFORMED_JSON, "not valid JSON"),
        mistake("rename without JSON", HttpMethod.PATCH, "/api/v1/conversations/" + SOME_ID, "text/plain",
            "{\"title\":\"t\"}", ProblemType.UNSUPPORTED_MEDIA_TYPE, "application/json"),
        mistake("rename too large", HttpMethod.PATCH, "/api/v1/conversations/" + SOME_ID, JSON,
            "{\"title\":\"" + "x".repeat(MAX_BODY_BYTES) + "\"}", ProblemType.PAYLOAD_TOO_LARGE,
            "exceeds " + MAX_BODY_BYTES + " bytes"),
        mistake("bad percent-encoding in the path", HttpMethod.GET, "/api/v1/sys%ZZtem", null, null,
            ProblemType.INVALID_REQUEST, "percent-encoding"),
        mistake("bad percent-encoding in a path parameter", HttpMethod.DELETE, "/api/v1/models/tiny%G1llama", null,
            null, ProblemType.INVALID_REQUEST, "percent-encoding"),
        mistake("cursor not one SutazAI handed out", HttpMethod.GET, "/api/v1/conversations?cursor=%24%7B1%7D", null,
            null, ProblemType.INVALID_REQUEST, "query parameter cursor must be the next_cursor of an earlier page"),
        mistake("model name in the path not a model name", HttpMethod.DELETE, "/api/v1/models/a%20b", null, null,
            ProblemType.INVALID_REQUEST, "path parameter name must be a model name"),
        mistake("OpenAI model name in the path not a model name", HttpMethod.GET, "/v1/models/%3Cscript%3E", null,
            null, ProblemType.INVALID_REQUEST, "path parameter model must be a model name"),
        mistake("unknown field in a native chat", HttpMethod.POST, "/api/v1/chat", JSON,
            "{\"messages\":[" + USER + "],\"temprature\":0.5}", ProblemType.INVALID_REQUEST,
            "/temprature is not a known field"),
        mistake("unknown field in an OpenAI chat", HttpMethod.POST, "/v1/chat/completions", JSON,
            "{\"model\":\"m\",\"messages\":[" + USER + "],\"best_of\":2}", ProblemType.INVALID_REQUEST,
            "/best_of is not a known field"),
        mistake("unknown field in an Ollama generate", HttpMethod.POST, "/api/generate", JSON,
            "{\"model\":\"m\",\"prompt\":\"p\",\"temperature\":1}", ProblemType.INVALID_REQUEST,
            "/temperature is not a known field"),
        mistake("bad percent-encoding in the query", HttpMethod.GET, "/api/v1/conversations?cursor=%%%", null,
            null, ProblemType.INVALID_REQUEST, "query string"),
        mistake("task with bad JSON", HttpMethod.POST, "/api/v1/tasks", JSON, "{\"type\":", ProblemType.MALFORMED_JSON,
            "not valid JSON"),
        mistake("task body not an object", HttpMethod.POST, "/api/v1/tasks", JSON, "[\"code_review\"]",
            ProblemType.INVALID_REQUEST, "the body must be a JSON object"),
        mistake("task too large", HttpMethod.POST, "/api/v1/tasks", JSON,
            "{\"type\":\"t\",\"payload\":{\"x\":\"" + "x".repeat(MAX_BODY_BYTES) + "\"}}",
            ProblemType.PAYLOAD_TOO_LARGE, "exceeds " + MAX_BODY_BYTES + " bytes"),
        mistake("task path id not a UUID", HttpMethod.GET, "/api/v1/tasks/42", null, null,
            ProblemType.INVALID_REQUEST, "path parameter id must be a task id (a UUID), got \"42\""),
        mistake("task limit too large", HttpMethod.GET, "/api/v1/tasks?limit=101", null, null,
            ProblemType.INVALID_REQUEST, "query parameter limit must be a whole number from 1 to 100"),
        mistake("workflow without goal", HttpMethod.POST, "/api/v1/workflows", JSON, "{}",
            ProblemType.INVALID_REQUEST, "/goal is required"),
        mistake("workflow path id not a UUID", HttpMethod.GET, "/api/v1/workflows/x", null, null,
            ProblemType.INVALID_REQUEST, "path parameter id must be a workflow id (a UUID)"),
        mistake("agent body not an object", HttpMethod.POST, "/api/v1/agents", JSON, "\"ag-001\"",
            ProblemType.INVALID_REQUEST, "the body must be a JSON object"),
        mistake("agent update body not an object", HttpMethod.PUT, "/api/v1/agents/ag-001", JSON, "[]",
            ProblemType.INVALID_REQUEST, "the body must be a JSON object"),
        mistake("agent too large", HttpMethod.POST, "/api/v1/agents", JSON,
            "{\"system_prompt\":\"" + "x".repeat(MAX_BODY_BYTES) + "\"}", ProblemType.PAYLOAD_TOO_LARGE,
            "exceeds " + MAX_BODY_BYTES + " bytes"),
        mistake("agent path id not an agent id", HttpMethod.GET, "/api/v1/agents/Not_An_Id", null, null,
            ProblemType.INVALID_REQUEST, "path parameter id must be an id of lowercase letters and digits"));
  }

  private static Arguments mistake(String name, HttpMethod method, String path, String contentType, String body,
      ProblemType expected, String detail) {
    return Arguments.of(name, method, path, contentType, body, expected, detail);
  }

  /** Verifies that each client mistake gets its 4xx problem naming what is wrong, and nothing is queued or stored. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void answersWithAProblem(String name, HttpMethod method, String path, String contentType, String body,
      ProblemType expected, String detail) throws Exception {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (contentType != null) {
      headers.add("Content-Type", contentType);
    }

    HttpResult result = gateway.send(method, path, headers, body).await(TestGateway.WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(result.status()).isEqualTo(expected.status());
    assertThat(result.header("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = result.json();
    assertThat(problem.getString("type")).isEqualTo(expected.uri());
    assertThat(problem.getString("title")).isEqualTo(expected.title());
    assertThat(problem.getInteger("status")).isEqualTo(expected.status());
    assertThat(problem.getString("detail")).contains(detail);
    assertThat(problem.getString("request_id")).isEqualTo(result.header("X-Request-ID")).isNotBlank();
    assertThat(problem.getString("instance")).isEqualTo(path.split("\\?")[0]);
    assertThat(result.body()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(gateway.fake().submitted()).isEmpty();
    assertThat(gateway.fake().pulls()).isEmpty();
    assertThat(gateway.storage().requestIds()).isEmpty();
  }
}
