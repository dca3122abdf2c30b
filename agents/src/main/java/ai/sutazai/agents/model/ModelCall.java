package ai.sutazai.agents.model;

import io.vertx.core.Future;
import java.util.List;

/**
 * One turn of a conversation with the agent's model: the messages so far in, the assistant's
 * whole answer out. The agents runtime implements it over the inference verticle (with the
 * agent's model, options and the task's priority); tests script it.
 */
@FunctionalInterface
public interface ModelCall {

  Future<String> chat(List<ChatMessage> messages);
}
