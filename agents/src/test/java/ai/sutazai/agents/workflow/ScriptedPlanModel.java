package ai.sutazai.agents.workflow;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A coordinator model that answers from a script, one answer per call, and keeps what it was asked. */
final class ScriptedPlanModel implements PlanModelCall {

  private final Deque<Future<String>> answers = new ArrayDeque<>();
  private final List<JsonArray> asked = new ArrayList<>();

  ScriptedPlanModel answering(String... replies) {
    for (String reply : replies) {
      answers.add(Future.succeededFuture(reply));
    }
    return this;
  }

  ScriptedPlanModel failing(Throwable failure) {
    answers.add(Future.failedFuture(failure));
    return this;
  }

  @Override
  public Future<String> chat(JsonArray messages) {
    asked.add(messages.copy());
    Future<String> answer = answers.poll();
    return answer != null ? answer : Future.failedFuture(new AssertionError("the script has no answer left"));
  }

  List<JsonArray> asked() {
    return asked;
  }
}
