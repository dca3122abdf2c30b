package ai.sutazai.gateway.http;

import ai.sutazai.verticles.config.Settings;
import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The abuse limits of every chat surface (SutazAI's chat and its WebSocket frames, OpenAI's chat
 * completions, Ollama's chat and generate): messages per request and characters per message or
 * prompt, each answered 413 naming the setting and its value; and chats running at once on one
 * WebSocket. Body size ({@code http.max_body_bytes}) is checked before any of these.
 *
 * @param maxMessages               {@code limits.max_messages}
 * @param maxMessageChars           {@code limits.max_message_chars}, counted in Unicode code points
 * @param maxConversationsPerSocket {@code limits.max_conversations_per_socket}
 */
public record ChatLimits(int maxMessages, int maxMessageChars, int maxConversationsPerSocket) {

  public static ChatLimits from(JsonObject config) {
    return new ChatLimits(Settings.LIMITS_MAX_MESSAGES.intIn(config), Settings.LIMITS_MAX_MESSAGE_CHARS.intIn(config),
        Settings.LIMITS_MAX_CONVERSATIONS_PER_SOCKET.intIn(config));
  }

  /**
   * Checks the body's {@code messages}, when it is an array: how many there are, and the characters of
   * each message's {@code content} (a string, or the {@code text} of its content parts), naming the
   * field by JSON pointer. Wrong types are left to the body's schema.
   */
  public void checkMessages(JsonObject body) {
    if (!(body.getValue("messages") instanceof JsonArray messages)) {
      return;
    }
    if (messages.size() > maxMessages) {
      throw tooLarge("/messages holds " + messages.size() + " messages; at most " + maxMessages
          + " are allowed (" + Settings.LIMITS_MAX_MESSAGES.path() + ")");
    }
    for (int i = 0; i < messages.size(); i++) {
      if (messages.getValue(i) instanceof JsonObject message) {
        checkChars("/messages/" + i + "/content", characters(message.getValue("content")));
      }
    }
  }

  /** Checks a text field such as Ollama's {@code prompt} or {@code system} against the per-message limit. */
  public void checkText(JsonObject body, String field) {
    if (body.getValue(field) instanceof String text) {
      checkChars("/" + field, characters(text));
    }
  }

  private void checkChars(String pointer, long characters) {
    if (characters > maxMessageChars) {
      throw tooLarge(pointer + " holds " + characters + " characters; at most " + maxMessageChars
          + " are allowed (" + Settings.LIMITS_MAX_MESSAGE_CHARS.path() + ")");
    }
  }

  private static long characters(Object content) {
    if (content instanceof String text) {
      return text.codePointCount(0, text.length());
    }
    long total = 0;
    if (content instanceof JsonArray parts) {
      for (Object part : parts) {
        if (part instanceof JsonObject object) {
          total += characters(object.getValue("text"));
        }
      }
    }
    return total;
  }

  private static ProblemException tooLarge(String detail) {
    return ProblemType.PAYLOAD_TOO_LARGE.problem(detail).asException();
  }
}
