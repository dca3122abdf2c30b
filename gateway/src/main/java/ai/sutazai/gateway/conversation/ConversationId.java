package ai.sutazai.gateway.conversation;

import ai.sutazai.gateway.http.JsonFields;
import java.util.Locale;
import java.util.regex.Pattern;

/** Conversation ids: UUIDs in their canonical 8-4-4-4-12 hexadecimal form, checked before storage is asked. */
public final class ConversationId {

  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private ConversationId() {
  }

  public static boolean isValid(String value) {
    return value != null && UUID.matcher(value).matches();
  }

  /**
   * The id in lower case.
   *
   * @param name how to name the value in the 400 problem, e.g. {@code /conversation_id}
   * @throws ai.sutazai.verticles.problem.ProblemException 400 when the value is not a UUID
   */
  public static String require(String value, String name) {
    if (!isValid(value)) {
      throw JsonFields.invalidAt(name, "must be a conversation id (a UUID), got \"" + value + "\"");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  /** The optional {@code field} of a body as an id, or null when absent; 400 naming it when not a UUID string. */
  public static String optional(JsonFields body, String field) {
    Object value = body.value(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw body.invalid(field, "must be a conversation id (a UUID string)");
    }
    return require(text, body.pointerOf(field));
  }
}
