package ai.sutazai.inference.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sutazai.verticles.inference.InferenceEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The stored shape of a cached answer and the done event of its replay. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CachedAnswerTest {

  private static final JsonObject THINKING = InferenceEvent.token("").put("thinking", "let me see");
  private static final JsonObject TOOL_CALL = InferenceEvent.token("").put("tool_calls",
      new JsonArray().add(new JsonObject().put("function", new JsonObject().put("name", "add"))));
  private static final JsonObject CONTENT = InferenceEvent.token("four");

  private static JsonObject liveDone() {
    return new JsonObject()
        .put("type", InferenceEvent.DONE)
        .put("model", "qwen2:7b")
        .put("done_reason", "stop")
        .put("usage", new JsonObject().put("prompt_tokens", 7).put("completion_tokens", 3))
        .put("timings", new JsonObject().put("queue_ms", 40).put("ttft_ms", 90).put("total_ms", 300))
        .put("ollama", new JsonObject().put("eval_count", 3).put("done", true));
  }

  /** Verifies that thinking and tool-call tokens survive storing and reading back, in order. */
  @Test
  void storedTextReadsBackTheSameAnswer() {
    CachedAnswer answer = CachedAnswer.of(List.of(THINKING, TOOL_CALL, CONTENT), liveDone());

    CachedAnswer read = CachedAnswer.decode(answer.encode());

    assertThat(read.model()).isEqualTo("qwen2:7b");
    assertThat(read.tokens()).containsExactly(THINKING, TOOL_CALL, CONTENT);
    assertThat(read.done()).isEqualTo(answer.done());
  }

  /** Verifies that only what describes the answer is stored, not the timings of the delivery that stored it. */
  @Test
  void storesNoDeliveryMembers() {
    JsonObject stored = new JsonObject(CachedAnswer.of(List.of(CONTENT), liveDone()).encode());

    assertThat(stored.fieldNames()).containsExactlyInAnyOrder("model", "tokens", "done");
    assertThat(stored.getJsonObject("done").fieldNames()).containsExactlyInAnyOrder("done_reason", "usage", "ollama");
  }

  /** Verifies that a replay's done event has the stored members, its own timings with queue_ms 0, and cached. */
  @Test
  void replayDoneCarriesItsOwnTimings() {
    JsonObject done = CachedAnswer.of(List.of(CONTENT), liveDone()).doneEvent(2, 5);

    JsonObject expected = liveDone()
        .put("timings", new JsonObject().put("queue_ms", 0L).put("ttft_ms", 2L).put("total_ms", 5L))
        .put("cached", true);
    assertThat(done).isEqualTo(expected);
  }

  /** Verifies that text that is not a stored answer is refused rather than replayed. */
  @Test
  void unreadableTextIsRefused() {
    assertThatThrownBy(() -> CachedAnswer.decode("not json")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CachedAnswer.decode("{\"model\":\"m\",\"tokens\":[]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("done");
    assertThatThrownBy(() -> CachedAnswer.decode("{\"model\":\"m\",\"tokens\":[{\"type\":\"error\"}],\"done\":{}}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token events");
    assertThatThrownBy(() -> CachedAnswer.decode("{\"tokens\":[],\"done\":{}}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model");
    assertThatThrownBy(() -> CachedAnswer.decode("[1,2]")).isInstanceOf(IllegalArgumentException.class);
  }
}
