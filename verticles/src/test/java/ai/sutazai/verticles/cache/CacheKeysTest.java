package ai.sutazai.verticles.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sutazai.verticles.inference.InferenceKind;
import ai.sutazai.verticles.inference.InferenceRequest;
import ai.sutazai.verticles.inference.Priority;
import ai.sutazai.verticles.storage.RateLimitWindow;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Key shapes and the canonical hashing behind the answer caches. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CacheKeysTest {

  private static final String CHAT = """
      {"messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hi"}],
       "options":{"temperature":0,"num_ctx":4096},"format":"json",
       "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]}""";

  private static final String CHAT_REORDERED = """
      {
        "tools" : [ { "function" : { "parameters" : { "type" : "object" }, "name" : "f" },
                      "type" : "function" } ],
        "format" : "json",
        "options" : { "num_ctx" : 4096, "temperature" : 0.0 },
        "messages" : [ { "content" : "be brief", "role" : "system" },
                       { "content" : "hi", "role" : "user" } ]
      }""";

  /** Verifies that key order, whitespace and number spelling do not change the inference key. */
  @Test
  void inferenceKeyIgnoresKeyOrderAndWhitespace() {
    String key = CacheKeys.inference(InferenceKind.CHAT, "llama3.2:1b", new JsonObject(CHAT));
    String same = CacheKeys.inference(InferenceKind.CHAT, "llama3.2:1b",
        new JsonObject(CHAT_REORDERED));

    assertThat(key).isEqualTo(same)
        .matches("cache:ollama:inference:llama3\\.2:1b:[0-9a-f]{64}");
  }

  /** Verifies that every part that shapes the answer changes the key, and delivery fields do not. */
  @Test
  void inferenceKeyChangesWithWhatShapesTheAnswer() {
    JsonObject body = new JsonObject(CHAT);
    String key = CacheKeys.inference(InferenceKind.CHAT, "m", body);

    assertThat(CacheKeys.inference(InferenceKind.CHAT, "m",
        body.copy().put("options", new JsonObject().put("temperature", 0).put("num_ctx", 8192))))
        .isNotEqualTo(key);
    assertThat(CacheKeys.inference(InferenceKind.CHAT, "m", body.copy().put("format", "text")))
        .isNotEqualTo(key);
    assertThat(CacheKeys.inference(InferenceKind.CHAT, "m", withoutTools(body))).isNotEqualTo(key);
    assertThat(CacheKeys.inference(InferenceKind.CHAT, "m",
        body.copy().put("messages", body.getJsonArray("messages").copy().add(
            new JsonObject().put("role", "user").put("content", "again")))))
        .isNotEqualTo(key);
    assertThat(CacheKeys.inference(InferenceKind.GENERATE, "m", body)).isNotEqualTo(key);
    assertThat(CacheKeys.inference(InferenceKind.CHAT, "other", body))
        .startsWith("cache:ollama:inference:other:")
        .endsWith(key.substring(key.lastIndexOf(':')));
    assertThat(CacheKeys.inference(InferenceKind.CHAT, "m",
        body.copy().put("stream", true).put("keep_alive", "5m").put("cache", true)))
        .isEqualTo(key);
  }

  /** Verifies that generate requests hash their prompt and system prompt. */
  @Test
  void generateKeyCoversPromptAndSystem() {
    JsonObject body = new JsonObject().put("prompt", "why").put("system", "be brief");
    String key = CacheKeys.inference(InferenceKind.GENERATE, "m", body);

    assertThat(CacheKeys.inference(InferenceKind.GENERATE, "m", body.copy().put("prompt", "how")))
        .isNotEqualTo(key);
    assertThat(CacheKeys.inference(InferenceKind.GENERATE, "m", body.copy().put("system", "long")))
        .isNotEqualTo(key);
  }

  /** Verifies that a queued request gives the same key as its parts and needs a resolved model. */
  @Test
  void requestKeyNeedsAResolvedModel() {
    JsonObject body = new JsonObject(CHAT);
    InferenceRequest resolved = new InferenceRequest("1", InferenceKind.CHAT, "m", null,
        Priority.NORMAL, 0, "reply", body);
    InferenceRequest unresolved = new InferenceRequest("2", InferenceKind.CHAT, null, "coding",
        Priority.NORMAL, 0, "reply", body);

    assertThat(CacheKeys.inference(resolved))
        .isEqualTo(CacheKeys.inference(InferenceKind.CHAT, "m", body));
    assertThatThrownBy(() -> CacheKeys.inference(unresolved))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model");
  }

  /** Verifies the agent, session and rate-limit key shapes and the TTLs. */
  @Test
  void otherKeysHaveTheSeedShapes() {
    String agent = CacheKeys.agentResponse("agent-7", new JsonObject().put("task", "x").put("n", 1));

    assertThat(agent).matches("cache:agent:agent-7:response:[0-9a-f]{64}")
        .isEqualTo(CacheKeys.agentResponse("agent-7",
            new JsonObject("{ \"n\": 1.0, \"task\": \"x\" }")));
    assertThat(CacheKeys.agentResponse("agent-7", new JsonObject().put("task", "y")))
        .isNotEqualTo(agent);
    assertThat(CacheKeys.session("abc")).isEqualTo("session:abc:data");
    assertThat(CacheKeys.rateLimit("user:42", 28_000_001L)).isEqualTo("ratelimit:user:42:28000001");
    assertThat(CacheKeys.INFERENCE_TTL).isEqualTo(Duration.ofSeconds(7200));
    assertThat(CacheKeys.AGENT_RESPONSE_TTL).isEqualTo(Duration.ofSeconds(3600));
  }

  /** Verifies that rate-limit keys name the window, so a minute and the hour starting with it never share a counter. */
  @Test
  void rateLimitKeysNameTheirWindow() {
    long hourStart = 3_600_000L * 500_000;

    assertThat(CacheKeys.rateLimit("alice", RateLimitWindow.MINUTE, hourStart + 59_999))
        .isEqualTo("ratelimit:alice:minute-30000000");
    assertThat(CacheKeys.rateLimit("alice", RateLimitWindow.HOUR, hourStart + 59_999))
        .isEqualTo("ratelimit:alice:hour-500000");
    assertThat(RateLimitWindow.MINUTE.resetInMs(hourStart + 59_999)).isEqualTo(1);
    assertThat(RateLimitWindow.HOUR.resetInMs(hourStart)).isEqualTo(3_600_000);
  }

  /** Verifies that canonical JSON sorts keys at every depth and writes numbers in one form. */
  @Test
  void canonicalJsonIsOneTextPerValue() {
    assertThat(CanonicalJson.of(new JsonObject("{\"b\":{\"y\":1.50,\"x\":[2e0,\"s\"]},\"a\":null}")))
        .isEqualTo("{\"a\":null,\"b\":{\"x\":[2,\"s\"],\"y\":1.5}}");
  }

  private static JsonObject withoutTools(JsonObject body) {
    JsonObject copy = body.copy();
    copy.remove("tools");
    return copy;
  }
}
