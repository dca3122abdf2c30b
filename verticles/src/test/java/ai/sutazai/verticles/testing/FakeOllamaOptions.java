package ai.sutazai.verticles.testing;

import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * How the fake Ollama behaves: answer length and pace, parallel slots and what happens to requests
 * that find every slot busy. Every setter may be called while the fake runs; a change applies to
 * generations that start afterwards.
 */
public final class FakeOllamaOptions {

  private volatile int tokensPerAnswer = 5;
  private volatile long tokenDelayMs = 5;
  private volatile long firstTokenDelayMs;
  private volatile int parallel = 1;
  private volatile int maxQueue = Integer.MAX_VALUE;
  private volatile int embeddingDimensions = 8;
  private volatile String version = "0.6.1";
  private volatile Function<JsonObject, String> answers = body -> null;

  public int tokensPerAnswer() {
    return tokensPerAnswer;
  }

  /** Tokens in every answer (and progress steps per layer of a pull). */
  public FakeOllamaOptions tokensPerAnswer(int tokens) {
    this.tokensPerAnswer = requireAtLeast(tokens, 0, "tokensPerAnswer");
    return this;
  }

  public long tokenDelayMs() {
    return tokenDelayMs;
  }

  /** Pause before every token after the first (and between pull progress lines); 0 writes at once. */
  public FakeOllamaOptions tokenDelayMs(long delayMs) {
    this.tokenDelayMs = requireAtLeast(delayMs, 0, "tokenDelayMs");
    return this;
  }

  public long firstTokenDelayMs() {
    return firstTokenDelayMs;
  }

  /** Pause between a generation taking its slot and its first token (model load and prompt eval). */
  public FakeOllamaOptions firstTokenDelayMs(long delayMs) {
    this.firstTokenDelayMs = requireAtLeast(delayMs, 0, "firstTokenDelayMs");
    return this;
  }

  public int parallel() {
    return parallel;
  }

  /** Generations that run at once, like {@code OLLAMA_NUM_PARALLEL}; later ones wait in FIFO order. */
  public FakeOllamaOptions parallel(int slots) {
    this.parallel = requireAtLeast(slots, 1, "parallel");
    return this;
  }

  public int maxQueue() {
    return maxQueue;
  }

  /**
   * Generations that may wait for a slot, like {@code OLLAMA_MAX_QUEUE}; one more is answered 503
   * "server busy". 0 rejects every generation that finds all slots taken.
   */
  public FakeOllamaOptions maxQueue(int waiting) {
    this.maxQueue = requireAtLeast(waiting, 0, "maxQueue");
    return this;
  }

  public int embeddingDimensions() {
    return embeddingDimensions;
  }

  public FakeOllamaOptions embeddingDimensions(int dimensions) {
    this.embeddingDimensions = requireAtLeast(dimensions, 1, "embeddingDimensions");
    return this;
  }

  public String version() {
    return version;
  }

  /** What {@code GET /api/version} answers. */
  public FakeOllamaOptions version(String version) {
    this.version = version;
    return this;
  }

  /**
   * The answer a chat or generation gets, from its request body; null keeps the usual numbered tokens. A scripted
   * answer streams as one token, so a test can make the model answer what its scenario needs (a plan, a review).
   */
  public Function<JsonObject, String> answers() {
    return answers;
  }

  public FakeOllamaOptions answers(Function<JsonObject, String> script) {
    this.answers = script == null ? body -> null : script;
    return this;
  }

  private static int requireAtLeast(int value, int min, String name) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
    }
    return value;
  }

  private static long requireAtLeast(long value, long min, String name) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
    }
    return value;
  }
}
