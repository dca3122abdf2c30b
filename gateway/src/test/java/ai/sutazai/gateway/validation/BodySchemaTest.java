package ai.sutazai.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ai.sutazai.verticles.config.Settings;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The schema of every request body: a good body passes, and each broken rule is named by pointer and in words. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BodySchemaTest {

  private static final String USER = "{\"role\":\"user\",\"content\":\"hi\"}";
  private static final String ID = "7D0B4CBE-3c4f-4a59-9a4e-0f6e8d9c2b11";
  private static final String AGENT = "{\"id\":\"ag-009\",\"name\":\"code-reviewer\",\"type\":\"development\","
      + "\"capabilities\":[\"code_review\"],\"system_prompt\":\"You review code.\"}";

  static Stream<Arguments> goodBodies() {
    return Stream.of(
        good(BodySchema.NATIVE_CHAT, "{\"messages\":[" + USER + "]}"),
        good(BodySchema.NATIVE_CHAT, "{\"messages\":[{\"role\":\"system\",\"content\":\"s\"}," + USER + "],"
            + "\"model\":\"llama3.2:1b\",\"model_type\":\"coding\",\"options\":{\"temperature\":0.2},\"stream\":true,"
            + "\"priority\":\"high\",\"timeout_ms\":5000,\"conversation_id\":\"" + ID + "\",\"cache\":false,"
            + "\"store\":false}"),
        good(BodySchema.NATIVE_CHAT, "{\"messages\":[" + USER + "],\"model\":null,\"conversation_id\":null,"
            + "\"priority\":2}"),
        good(BodySchema.CHAT_FRAME, "{\"type\":\"chat\",\"id\":\"a\",\"messages\":[" + USER + "]}"),
        good(BodySchema.CHAT_FRAME, "{\"type\":\"cancel\",\"id\":\"a\"}"),
        good(BodySchema.CONVERSATION_RENAME, "{\"title\":\"" + "\uD83D\uDE00".repeat(200) + "\"}"),
        good(BodySchema.MODEL_PULL, "{\"name\":\"hf.co/org/model-GGUF:Q4_K_M\",\"insecure\":false,\"stream\":false}"),
        good(BodySchema.OPENAI_CHAT, "{\"model\":\"m\",\"messages\":[" + USER + "]}"),
        good(BodySchema.OPENAI_CHAT, "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"developer\",\"content\":\"d\"},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"t\"},{\"type\":\"image_url\","
            + "\"image_url\":{\"url\":\"data:image/png;base64,AA==\",\"detail\":\"low\"}}]},"
            + "{\"role\":\"assistant\",\"content\":null,\"refusal\":null,\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\","
            + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":\"r\"}],"
            + "\"stream\":true,\"stream_options\":{\"include_usage\":true},\"temperature\":0.5,\"top_p\":1,\"n\":1,"
            + "\"stop\":[\"x\"],\"max_tokens\":10,\"max_completion_tokens\":10,\"presence_penalty\":0,"
            + "\"frequency_penalty\":0,\"logit_bias\":{\"50256\":-100},\"logprobs\":false,\"top_logprobs\":0,"
            + "\"user\":\"u\",\"seed\":1,\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"s\","
            + "\"schema\":{\"type\":\"object\"},\"strict\":true}},\"tools\":[{\"type\":\"function\"}],"
            + "\"tool_choice\":\"auto\",\"parallel_tool_calls\":true,\"metadata\":{\"k\":\"v\"},\"store\":false,"
            + "\"service_tier\":\"auto\",\"reasoning_effort\":\"low\",\"modalities\":[\"text\"],\"prediction\":null,"
            + "\"audio\":null,\"verbosity\":\"low\",\"web_search_options\":{},\"safety_identifier\":\"s\","
            + "\"prompt_cache_key\":\"k\",\"priority\":\"low\",\"timeout_ms\":1000}"),
        good(BodySchema.OLLAMA_CHAT, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"c\","
            + "\"images\":[\"AA==\"]},{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\"t\",\"tool_calls\":[{}]},"
            + "{\"role\":\"tool\",\"content\":\"r\",\"tool_name\":\"f\"}],\"tools\":[],\"format\":\"json\","
            + "\"options\":{\"num_ctx\":2048},\"stream\":false,\"keep_alive\":\"5m\",\"think\":\"high\"}"),
        good(BodySchema.OLLAMA_GENERATE, "{\"model\":\"m\",\"prompt\":\"p\",\"suffix\":\"s\",\"images\":[],"
            + "\"format\":{\"type\":\"object\"},\"options\":{},\"system\":\"\",\"template\":\"\",\"context\":[1,2],"
            + "\"stream\":true,\"raw\":false,\"keep_alive\":0,\"think\":true}"),
        good(BodySchema.OLLAMA_EMBED, "{\"model\":\"m\",\"input\":[\"a\",\"b\"],\"truncate\":true,\"dimensions\":8,"
            + "\"keep_alive\":-1}"),
        good(BodySchema.OLLAMA_EMBED, "{\"model\":\"m\",\"input\":\"a\"}"),
        good(BodySchema.OLLAMA_SHOW, "{\"name\":\"m\",\"verbose\":true}"),
        good(BodySchema.OLLAMA_PULL, "{\"model\":\"m\",\"insecure\":false,\"username\":\"\",\"password\":\"\","
            + "\"stream\":false}"),
        good(BodySchema.OLLAMA_DELETE, "{\"model\":\"m\"}"),
        good(BodySchema.TASK_CREATE, "{\"type\":\"code_review\"}"),
        good(BodySchema.TASK_CREATE, "{\"type\":\"data.clean-up_2\",\"payload\":{\"a\":[1]},\"priority\":10,"
            + "\"agent\":\"ag-001\"}"),
        good(BodySchema.WORKFLOW_START, "{\"goal\":\"Ship it\",\"priority\":1}"),
        good(BodySchema.AGENT, AGENT),
        good(BodySchema.AGENT, AGENT.replace("}", ",\"model_type\":\"coding\",\"instances\":2,"
            + "\"options\":{\"temperature\":0.1},\"class\":\"com.example.Reviewer\",\"jar\":\"r-1.0.jar\"}")),
        good(BodySchema.AGENT_UPDATE, "{}"));
  }

  static Stream<Arguments> brokenRules() {
    return Stream.of(
        broken(BodySchema.NATIVE_CHAT, "{}", "/messages is required"),
        broken(BodySchema.NATIVE_CHAT, "{\"messages\":\"hi\"}", "/messages must be an array"),
        broken(BodySchema.NATIVE_CHAT, "{\"messages\":[]}", "/messages must not be empty"),
        broken(BodySchema.NATIVE_CHAT, "{\"messages\":[\"hi\"]}", "/messages/0 must be a JSON object"),
        broken(BodySchema.NATIVE_CHAT, "{\"messages\":[" + USER + ",{\"role\":\"robot\",\"content\":\"x\"}]}",
            "/messages/1/role must be one of system, user, assistant, tool, got \"robot\""),
        broken(BodySchema.NATIVE_CHAT, "{\"messages\":[{\"role\":\"user\"}]}", "/messages/0/content is required"),
        broken(BodySchema.NATIVE_CHAT, "{\"messages\":[{\"role\":\"user\",\"content\":42}]}",
            "/messages/0/content must be a string"),
        broken(BodySchema.NATIVE_CHAT, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"name\":\"n\"}]}",
            "/messages/0/name is not a known field"),
        broken(BodySchema.NATIVE_CHAT, "{\"messages\":[" + USER + "],\"stream\":\"yes\"}", "/stream must be true or false"),
        broken(BodySchema.NATIVE_CHAT, "{\"messages\":[" + USER + "],\"model_type\":\"poetry\"}",
            "/model_type must be one of default, reasoning, coding, analysis, got \"poetry\""),
        broken(BodySchema.NATIVE_CHAT, "{\"messages\":[" + USER + "],\"model\":\"two words\"}",
            "/model must be a model name such as llama3.2:1b or namespace/model:tag"),
        broken(BodySchema.NATIVE_CHAT, "{\"messages\":[" + USER + "],\"options\":[]}", "/options must be a JSON object"),
        broken(BodySchema.NATIVE_CHAT, "{\"messages\":[" + USER + "],\"priority\":true}",
            "/priority must be a queue level: critical, high, normal, low or 1..4"),
        broken(BodySchema.NATIVE_CHAT, "{\"messages\":[" + USER + "],\"timeout_ms\":-5}",
            "/timeout_ms must be at least 1, got -5"),
        broken(BodySchema.NATIVE_CHAT, "{\"messages\":[" + USER + "],\"timeout_ms\":1.5}",
            "/timeout_ms must be the request deadline in milliseconds, at most one day"),
        broken(BodySchema.NATIVE_CHAT, "{\"messages\":[" + USER + "],\"timeout_ms\":100000000000}",
            "/timeout_ms must be at most 86400000, got 100000000000"),
        broken(BodySchema.NATIVE_CHAT, "{\"messages\":[" + USER + "],\"conversation_id\":\"abc\"}",
            "/conversation_id must be a conversation id (a UUID)"),
        broken(BodySchema.NATIVE_CHAT, "{\"messages\":[" + USER + "],\"cache\":\"no\"}", "/cache must be true or false"),
        broken(BodySchema.NATIVE_CHAT, "{\"messages\":[" + USER + "],\"temperature\":1}",
            "/temperature is not a known field"),
        broken(BodySchema.CHAT_FRAME, "{\"id\":\"a\",\"messages\":[" + USER + "]}", "/type is required"),
        broken(BodySchema.CHAT_FRAME, "{\"type\":\"chat\",\"messages\":[" + USER + "]}", "/id is required"),
        broken(BodySchema.CHAT_FRAME, "{\"type\":\"talk\",\"id\":\"a\"}", "/type must be one of chat, cancel, got \"talk\""),
        broken(BodySchema.CHAT_FRAME, "{\"type\":\"chat\",\"id\":\"\",\"messages\":[" + USER + "]}", "/id must not be empty"),
        broken(BodySchema.CHAT_FRAME, "{\"type\":\"chat\",\"id\":\"a\"}", "/messages is required"),
        broken(BodySchema.CHAT_FRAME, "{\"type\":\"chat\",\"id\":\"a\",\"messages\":[" + USER + "],\"stream\":1}",
            "/stream must be true or false"),
        broken(BodySchema.CHAT_FRAME, "{\"type\":\"cancel\",\"id\":\"a\",\"messages\":[" + USER + "]}",
            "/messages is not a known field"),
        broken(BodySchema.CONVERSATION_RENAME, "{}", "/title is required"),
        broken(BodySchema.CONVERSATION_RENAME, "{\"title\":5}", "/title must be a string that is not blank"),
        broken(BodySchema.CONVERSATION_RENAME, "{\"title\":\"\"}", "/title must not be empty"),
        broken(BodySchema.CONVERSATION_RENAME, "{\"title\":\"   \"}", "/title must be a string that is not blank"),
        broken(BodySchema.CONVERSATION_RENAME, "{\"title\":\"" + "x".repeat(201) + "\"}",
            "/title must be at most 200 characters, got 201"),
        broken(BodySchema.CONVERSATION_RENAME, "{\"title\":\"t\",\"owner\":\"bob\"}", "/owner is not a known field"),
        broken(BodySchema.MODEL_PULL, "{}", "/name is required"),
        broken(BodySchema.MODEL_PULL, "{\"name\":\"m\",\"insecure\":\"yes\"}", "/insecure must be true or false"),
        broken(BodySchema.MODEL_PULL, "{\"name\":\"../etc\"}", "/name must be a model name"),
        broken(BodySchema.OPENAI_CHAT, "{\"messages\":[" + USER + "]}", "/model is required"),
        broken(BodySchema.OPENAI_CHAT, "{\"model\":\"m\",\"messages\":[" + USER + "],\"temperature\":\"hot\"}",
            "/temperature must be a number"),
        broken(BodySchema.OPENAI_CHAT, "{\"model\":\"m\",\"messages\":[" + USER + "],\"temperature\":3}",
            "/temperature must be at most 2, got 3"),
        broken(BodySchema.OPENAI_CHAT, "{\"model\":\"m\",\"messages\":[" + USER + "],\"n\":2}",
            "/n must be at most 1, got 2"),
        broken(BodySchema.OPENAI_CHAT, "{\"model\":\"m\",\"messages\":[" + USER + "],\"stop\":5}",
            "/stop must be a string or an array of strings"),
        broken(BodySchema.OPENAI_CHAT, "{\"model\":\"m\",\"messages\":[" + USER + "],\"best_of\":2}",
            "/best_of is not a known field"),
        broken(BodySchema.OPENAI_CHAT, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}",
            "/messages/0/content is required"),
        broken(BodySchema.OPENAI_CHAT, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":null}]}",
            "/messages/0/content must not be null"),
        broken(BodySchema.OPENAI_CHAT, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"audio\"}]}]}",
            "/messages/0/content must be a string or an array of content parts"),
        broken(BodySchema.OPENAI_CHAT, "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{}]}]}",
            "/messages/0/tool_calls/0/function is required"),
        broken(BodySchema.OPENAI_CHAT, "{\"model\":\"m\",\"messages\":[" + USER + "],"
            + "\"response_format\":{\"type\":\"json_schema\"}}", "/response_format/json_schema is required"),
        broken(BodySchema.OPENAI_CHAT, "{\"model\":\"m\",\"messages\":[" + USER + "],"
            + "\"stream_options\":{\"include_usage\":\"y\"}}", "/stream_options/include_usage must be true or false"),
        broken(BodySchema.OLLAMA_CHAT, "{\"messages\":[" + USER + "]}", "/model is required"),
        broken(BodySchema.OLLAMA_CHAT, "{\"model\":\"m\",\"messages\":[{\"content\":\"c\"}]}",
            "/messages/0/role is required"),
        broken(BodySchema.OLLAMA_CHAT, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"images\":\"x\"}]}",
            "/messages/0/images must be an array"),
        broken(BodySchema.OLLAMA_CHAT, "{\"model\":\"m\",\"think\":5}", "/think must be true, false, or a level"),
        broken(BodySchema.OLLAMA_CHAT, "{\"model\":\"m\",\"prompt\":\"p\"}", "/prompt is not a known field"),
        broken(BodySchema.OLLAMA_GENERATE, "{\"model\":\"m\",\"prompt\":5}", "/prompt must be a string"),
        broken(BodySchema.OLLAMA_GENERATE, "{\"model\":\"m\",\"context\":[\"a\"]}", "/context/0 must be a whole number"),
        broken(BodySchema.OLLAMA_EMBED, "{\"model\":\"m\"}", "/input is required"),
        broken(BodySchema.OLLAMA_EMBED, "{\"model\":\"m\",\"input\":[1]}", "/input must be a string or an array of strings"),
        broken(BodySchema.OLLAMA_SHOW, "{}", "the body needs one of the fields model, name"),
        broken(BodySchema.OLLAMA_PULL, "{\"model\":\"m\",\"stream\":\"no\"}", "/stream must be true or false"),
        broken(BodySchema.OLLAMA_DELETE, "{\"model\":\"m\",\"force\":true}", "/force is not a known field"),
        broken(BodySchema.TASK_CREATE, "{\"type\":\"" + "t".repeat(101) + "\"}", "/type must be a task type"),
        broken(BodySchema.TASK_CREATE, "{\"type\":\"t\",\"priority\":5.5}",
            "/priority must be a whole number from 1 (lowest) to 10 (highest)"),
        broken(BodySchema.TASK_CREATE, "{\"type\":\"t\",\"payload\":null}", "/payload must be a JSON object"),
        broken(BodySchema.WORKFLOW_START, "{\"goal\":\"" + "g".repeat(20001) + "\"}",
            "/goal must be at most 20000 characters, got 20001"),
        broken(BodySchema.WORKFLOW_START, "{\"goal\":\"g\",\"owner\":\"x\"}", "/owner is not a known field"),
        broken(BodySchema.AGENT, "{}", "/id is required"),
        broken(BodySchema.AGENT, AGENT.replace("code_review", "Code Review"), "/capabilities/0 must be a snake_case"));
  }

  private static Arguments good(BodySchema schema, String body) {
    return Arguments.of(schema, body);
  }

  private static Arguments broken(BodySchema schema, String body, String detail) {
    return Arguments.of(schema, body, detail);
  }

  /** Verifies that a body following its schema passes unchanged. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("goodBodies")
  void goodBodyPasses(BodySchema schema, String body) {
    JsonObject json = new JsonObject(body);

    assertThat(schema.check(json)).isSameAs(json);
  }

  /** Verifies that each broken rule is a 400 invalid-request problem naming the field and the rule. */
  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("brokenRules")
  void brokenRuleIsNamed(BodySchema schema, String body, String detail) {
    Problem problem = problemOf(() -> schema.check(new JsonObject(body)));

    assertThat(problem.type()).isEqualTo(ProblemType.INVALID_REQUEST.uri());
    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.detail()).startsWith(detail);
  }

  /** Verifies that path values follow the same rules as the body fields of the same meaning. */
  @Test
  void pathValuesShareTheBodyRules() {
    assertThat(ValueSchema.CONVERSATION_ID.check(ID, "path parameter id")).isEqualTo(ID);
    assertThat(problemOf(() -> ValueSchema.CONVERSATION_ID.check("42", "path parameter id")).detail())
        .isEqualTo("path parameter id must be a conversation id (a UUID), got \"42\"");
    assertThat(ValueSchema.MODEL_NAME.check("library/llama3.2:1b", "path parameter name")).isEqualTo("library/llama3.2:1b");
    assertThat(problemOf(() -> ValueSchema.MODEL_NAME.check("x".repeat(301), "path parameter name")).detail())
        .isEqualTo("path parameter name must be at most 300 characters, got 301");
  }

  /** Verifies that the deadline bound in the schemas is the one the queue enforces, so the two cannot drift apart. */
  @Test
  void deadlineBoundMatchesTheQueueSetting() {
    JsonObject timeout = SchemaLibrary.INSTANCE.node(SchemaLibrary.BASE_URI + "common.json#/$defs/timeout_ms");

    assertThat(timeout.getLong("maximum")).isEqualTo(Settings.QUEUE_DEADLINE_MS.max());
  }

  /** Verifies that a field name with / or ~ is named by an escaped pointer. */
  @Test
  void escapesFieldNamesInPointers() {
    assertThatCode(() -> BodySchema.MODEL_PULL.check(new JsonObject().put("name", "m"))).doesNotThrowAnyException();

    assertThat(problemOf(() -> BodySchema.MODEL_PULL.check(new JsonObject().put("name", "m").put("a/b~c", 1))).detail())
        .isEqualTo("/a~1b~0c is not a known field");
  }

  private static Problem problemOf(Runnable action) {
    try {
      action.run();
    } catch (ProblemException e) {
      return e.problem();
    }
    throw new AssertionError("expected a problem");
  }
}
