package ai.sutazai.gateway.testing;

import ai.sutazai.verticles.problem.Problem;
import java.util.List;
import java.util.function.Consumer;

/** Ready-made behaviours for {@link FakeInference}: answer, refuse, fail midway, flood, hang. */
public final class Scripts {

  private Scripts() {
  }

  /** Acks, starts, sends the tokens {@code delayMs} apart (0: all at once), then done. */
  public static Consumer<FakeGeneration> answer(List<String> tokens, long delayMs) {
    return g -> {
      g.ack();
      g.started();
      emit(g, tokens, 0, delayMs, FakeGeneration::done);
    };
  }

  /** Refuses the submission itself (a failed reply), as a full queue or a bad request does. */
  public static Consumer<FakeGeneration> reject(Problem problem) {
    return g -> g.reject(problem);
  }

  /** Acks, then fails before anything started (deadline in the queue, unknown model, Ollama down). */
  public static Consumer<FakeGeneration> failBeforeStart(Problem problem) {
    return g -> {
      g.ack();
      g.fail(problem);
    };
  }

  /** Starts, sends the tokens, then fails. */
  public static Consumer<FakeGeneration> failAfter(List<String> tokens, Problem problem) {
    return g -> {
      g.ack();
      g.started();
      tokens.forEach(g::token);
      g.fail(problem);
    };
  }

  /** Starts and sends one token, then waits for a cancel that never comes by itself. */
  public static Consumer<FakeGeneration> hang() {
    return g -> {
      g.ack();
      g.started();
      g.token("first");
    };
  }

  /** Starts and sends tokens of {@code tokenBytes} characters as fast as timers allow until cancelled. */
  public static Consumer<FakeGeneration> flood(int tokenBytes, long maxBytes) {
    String token = "x".repeat(tokenBytes);
    return g -> {
      g.ack();
      g.started();
      long[] sent = {0};
      g.vertx().setPeriodic(1, timer -> {
        for (int i = 0; i < 16 && !g.ended(); i++) {
          g.token(token);
          sent[0] += tokenBytes;
        }
        if (g.ended() || sent[0] >= maxBytes) {
          g.vertx().cancelTimer(timer);
        }
      });
    };
  }

  private static void emit(FakeGeneration g, List<String> tokens, int index, long delayMs,
      Consumer<FakeGeneration> last) {
    if (g.ended()) {
      return;
    }
    if (index == tokens.size()) {
      last.accept(g);
      return;
    }
    if (delayMs <= 0) {
      g.token(tokens.get(index));
      emit(g, tokens, index + 1, delayMs, last);
    } else {
      g.vertx().setTimer(delayMs, t -> {
        if (!g.ended()) {
          g.token(tokens.get(index));
          emit(g, tokens, index + 1, delayMs, last);
        }
      });
    }
  }
}
