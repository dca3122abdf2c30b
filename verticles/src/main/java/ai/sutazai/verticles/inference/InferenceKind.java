package ai.sutazai.verticles.inference;

import java.util.Locale;

/** What an inference request asks Ollama for, each mapped to one Ollama endpoint. */
public enum InferenceKind {
  /** {@code /api/chat}: a conversation of messages, answered token by token. */
  CHAT("/api/chat"),
  /** {@code /api/generate}: a single prompt, answered token by token. */
  GENERATE("/api/generate"),
  /** {@code /api/embed}: vectors for one or more inputs, answered at once. */
  EMBED("/api/embed");

  private final String ollamaPath;

  InferenceKind(String ollamaPath) {
    this.ollamaPath = ollamaPath;
  }

  public String ollamaPath() {
    return ollamaPath;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
