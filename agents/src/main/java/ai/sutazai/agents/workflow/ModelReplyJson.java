package ai.sutazai.agents.workflow;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON text inside a model's answer. Models asked for JSON only still wrap it: in a Markdown
 * fence ({@code ```json ... ```}, with words around it) or after a reasoning model's
 * {@code <think>...</think>} block. Both are taken off; anything else is left for the JSON reader
 * to refuse.
 */
final class ModelReplyJson {

  private static final Pattern THINKING = Pattern.compile("(?s)^\\s*<think>.*?</think>");
  private static final Pattern FENCE = Pattern.compile("(?s)```[A-Za-z0-9_-]*[ \\t]*\\r?\\n(.*?)```");

  private ModelReplyJson() {
  }

  static String of(String reply) {
    String text = THINKING.matcher(reply).replaceFirst("");
    Matcher fenced = FENCE.matcher(text);
    return (fenced.find() ? fenced.group(1) : text).strip();
  }
}
