package ai.sutazai.agents.model;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The document inside a model's answer. Models asked for a JSON or YAML document alone still wrap
 * it: after a reasoning model's {@code <think>...</think>} block, in a Markdown code fence
 * ({@code ```yaml ... ```}), with a sentence before or after. The document is the first fenced block
 * labelled as JSON or YAML (or not labelled), else the whole answer without the thinking.
 */
public final class ModelReply {

  private static final Pattern THINKING = Pattern.compile("(?s)^\\s*<think>.*?</think>");
  private static final Pattern FENCE = Pattern.compile(
      "^[ \\t]*(`{3,}|~{3,})[ \\t]*([\\w.+-]*)[^\\n]*\\n(.*?)\\1",
      Pattern.MULTILINE | Pattern.DOTALL);
  private static final Set<String> DOCUMENT_LABELS = Set.of("", "yaml", "yml", "json", "openapi");

  private ModelReply() {
  }

  /** The document of {@code answer}, stripped of surrounding whitespace. */
  public static String documentIn(String answer) {
    String text = THINKING.matcher(answer).replaceFirst("");
    Matcher fence = FENCE.matcher(text);
    while (fence.find()) {
      if (DOCUMENT_LABELS.contains(fence.group(2).toLowerCase(Locale.ROOT))) {
        return fence.group(3).strip();
      }
    }
    return text.strip();
  }
}
