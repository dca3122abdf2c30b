package ai.sutazai.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.launcher.e2e.RunningPlatform.Reply;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Broken requests get a 4xx problem naming what is wrong, reach no model, and leave the service running. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MalformedInputIT {

  private static final String HUGE = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(2_000_000) + "\"}]}";
  private static RunningPlatform platform;

  @BeforeAll
  static void start() throws Exception {
    platform = RunningPlatform.start(new FakeOllamaOptions());
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  /** Verifies that each malformed request gets its 4xx problem+json answer and reaches no model. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      bad JSON           | POST | /api/v1/chat          | application/json | {"messages": [           | 400 | malformed-json
      not an object      | POST | /api/v1/chat          | application/json | [1,2,3]                  | 400 | JSON object
      messages missing   | POST | /api/v1/chat          | application/json | {}                       | 400 | messages
      messages empty     | POST | /api/v1/chat          | application/json | {"messages":[]}          | 400 | messages
      messages wrong type| POST | /api/v1/chat          | application/json | {"messages":"hi"}        | 400 | messages
      unknown role       | POST | /api/v1/chat          | application/json | {"messages":[{"role":"wizard","content":"x"}]} | 400 | role
      content not text   | POST | /api/v1/chat          | application/json | {"messages":[{"role":"user","content":5}]}     | 400 | content
      stream not boolean | POST | /api/v1/chat          | application/json | {"messages":[{"role":"user","content":"x"}],"stream":"yes"} | 400 | stream
      bad priority       | POST | /api/v1/chat          | application/json | {"messages":[{"role":"user","content":"x"}],"priority":"urgent"} | 400 | priority
      bad model type     | POST | /api/v1/chat          | application/json | {"messages":[{"role":"user","content":"x"}],"model_type":"poetry"} | 400 | model_type
      wrong content type | POST | /api/v1/chat          | text/plain       | hello                    | 415 | unsupported-media-type
      openai no model    | POST | /v1/chat/completions  | application/json | {"messages":[{"role":"user","content":"x"}]} | 400 | model
      ollama bad JSON    | POST | /api/chat             | application/json | {"model":                | 400 | malformed-json
      unknown route      | GET  | /api/v1/nowhere       | application/json | ''                       | 404 | not-found
      wrong method       | GET  | /api/v1/chat          | application/json | ''                       | 405 | method-not-allowed
      huge body          | POST | /api/v1/chat          | application/json | HUGE                     | 413 | payload-too-large
      """)
  void malformedRequestGetsAProblem(String name, String method, String path, String contentType, String body,
      int status, String mentions) {
    Reply reply = sendRaw(HttpMethod.valueOf(method), path, contentType, "HUGE".equals(body) ? HUGE : body);

    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().getInteger("status")).isEqualTo(status);
    assertThat(reply.json().getString("type") + " " + reply.json().getString("detail")).contains(mentions);
    assertThat(reply.json().getString("request_id")).isNotBlank();
    assertThat(reply.body().toString()).doesNotContain("Exception", "at ai.sutazai", "io.vertx");
    assertThat(platform.ollama.recorder().requests()).isEmpty();
    assertThat(platform.get("/api/v1/system/health").status()).isEqualTo(200);
  }

  private static Reply sendRaw(HttpMethod method, String path, String contentType, String body) {
    return platform.exchange(method, path, contentType, body.isEmpty() ? null : Buffer.buffer(body),
        MultiMap.caseInsensitiveMultiMap()).await();
  }
}
