package ai.sutazai.gateway.conversation;

import ai.sutazai.gateway.validation.ValueSchema;
import java.util.Locale;

/** Conversation ids: UUIDs in their canonical 8-4-4-4-12 hexadecimal form, checked before storage is asked. */
public final class ConversationId {

  private ConversationId() {
  }

  /**
   * The id in lower case.
   *
   * @param name how to name the value in the 400 problem, e.g. {@code path parameter id}
   * @throws ai.sutazai.verticles.problem.ProblemException 400 when the value is not a UUID
   */
  public static String require(String value, String name) {
    return ValueSchema.CONVERSATION_ID.check(value, name).toLowerCase(Locale.ROOT);
  }

  /** An id a body's schema has already checked, in lower case; null stays null. */
  public static String normalize(String checked) {
    return checked == null ? null : checked.toLowerCase(Locale.ROOT);
  }
}
