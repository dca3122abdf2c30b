package ai.sutazai.agents.workflow;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;

/** One chat with the coordinator's model: the messages sent, the text of the answer. */
@FunctionalInterface
public interface PlanModelCall {

  /**
   * @param messages Ollama chat messages, each {@code {"role": "system"|"user"|"assistant", "content": ...}}
   * @return the whole text of the model's answer, or the failure of the call
   */
  Future<String> chat(JsonArray messages);
}
