package ai.sutazai.agents.behaviour;

import ai.sutazai.agents.model.ChatMessage;
import ai.sutazai.agents.runtime.AgentBehaviour;
import ai.sutazai.agents.runtime.AgentTask;
import ai.sutazai.agents.runtime.AgentTools;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The behaviour of most agents: the agent's system prompt, then one message with the task's type, its payload
 * as JSON and the results of the tasks it depends on. The result is {@code {"answer": text, "model": name}}.
 */
public final class PromptAgent implements AgentBehaviour {

  @Override
  public Future<JsonObject> perform(AgentTask task, AgentTools tools) {
    List<ChatMessage> messages = List.of(ChatMessage.system(tools.agent().systemPrompt()),
        ChatMessage.user(question(task)));
    return tools.model().chat(messages)
        .map(answer -> new JsonObject().put("answer", answer).put("model", tools.modelName()));
  }

  @Override
  public boolean cacheable(AgentTask task) {
    return true;
  }

  /** The user message of {@code task}. */
  static String question(AgentTask task) {
    StringBuilder question = new StringBuilder("Carry out this ").append(task.type()).append(" task.\n\n")
        .append("The task's payload (JSON):\n").append(task.payload().encodePrettily());
    if (!task.inputs().isEmpty()) {
      question.append("\n\nThe results of the tasks this one depends on:");
      task.inputs().forEach(input -> {
        JsonObject dependency = (JsonObject) input.getValue();
        question.append("\n\n### Task ").append(input.getKey()).append(" (").append(dependency.getString("type"))
            .append(")\n").append(AgentTask.textOf(dependency.getJsonObject("result")));
      });
    }
    return question.toString();
  }
}
