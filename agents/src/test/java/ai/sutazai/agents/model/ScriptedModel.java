package ai.sutazai.agents.model;

import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A model that gives the scripted answers in order and records every conversation it was sent. */
public final class ScriptedModel implements ModelCall {

  private final Deque<Future<String>> answers = new ArrayDeque<>();
  private final List<List<ChatMessage>> calls = new ArrayList<>();

  private ScriptedModel() {
  }

  /** A model answering {@code answers}, one per call, in order. */
  public static ScriptedModel answering(String... answers) {
    ScriptedModel model = new ScriptedModel();
    for (String answer : answers) {
      model.answers.add(Future.succeededFuture(answer));
    }
    return model;
  }

  /** Makes the next call, after the answers scripted so far, fail with {@code failure}. */
  public ScriptedModel failing(Throwable failure) {
    answers.add(Future.failedFuture(failure));
    return this;
  }

  @Override
  public Future<String> chat(List<ChatMessage> messages) {
    calls.add(List.copyOf(messages));
    Future<String> answer = answers.poll();
    return answer != null ? answer : Future.failedFuture(new AssertionError("the model was called more often than scripted"));
  }

  public List<List<ChatMessage>> calls() {
    return calls;
  }

  /** The content of the last message of call {@code index}. */
  public String lastMessageOf(int index) {
    List<ChatMessage> call = calls.get(index);
    return call.get(call.size() - 1).content();
  }
}
