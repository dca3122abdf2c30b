package ai.sutazai.agents.backend;

import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A model that gives the scripted answers in order and records every conversation it was sent. */
final class ScriptedModel implements ModelCall {

  private final Deque<String> answers;
  private final List<List<ChatMessage>> calls = new ArrayList<>();

  private ScriptedModel(List<String> answers) {
    this.answers = new ArrayDeque<>(answers);
  }

  static ScriptedModel answering(String... answers) {
    return new ScriptedModel(List.of(answers));
  }

  @Override
  public Future<String> chat(List<ChatMessage> messages) {
    calls.add(List.copyOf(messages));
    if (answers.isEmpty()) {
      return Future.failedFuture(new AssertionError("the model was called more often than scripted"));
    }
    return Future.succeededFuture(answers.poll());
  }

  List<List<ChatMessage>> calls() {
    return calls;
  }

  /** The content of the last message of call {@code index}. */
  String lastMessageOf(int index) {
    List<ChatMessage> call = calls.get(index);
    return call.get(call.size() - 1).content();
  }
}
