package ai.sutazai.plugin.example;

import ai.sutazai.agents.model.ModelCall;
import ai.sutazai.agents.plugin.AgentPlugin;
import ai.sutazai.agents.plugin.PluginTask;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An example agent plugin: {@code reverse_words} tasks with payload {@code {"text"}} answer
 * {@code {"text": the words in reverse order, "version"}} without asking the model. {@link #VERSION} tells which
 * build of the jar answered.
 */
public final class ReverseWordsPlugin implements AgentPlugin {

  public static final String TASK_TYPE = "reverse_words";
  public static final String VERSION = "1";

  @Override
  public Future<JsonObject> perform(PluginTask task, ModelCall model) {
    if (!TASK_TYPE.equals(task.type())) {
      return refused("this plugin takes " + TASK_TYPE + " tasks, not " + task.type());
    }
    if (!(task.payload().getValue("text") instanceof String text)) {
      return refused(TASK_TYPE + " payload needs 'text', a string");
    }
    List<String> words = new ArrayList<>(List.of(text.strip().split("\\s+")));
    Collections.reverse(words);
    return Future.succeededFuture(new JsonObject().put("text", String.join(" ", words)).put("version", VERSION));
  }

  private static Future<JsonObject> refused(String detail) {
    return Future.failedFuture(ProblemType.INVALID_REQUEST.problem(detail).asException());
  }
}
