package ai.sutazai.storage.conversation;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One exchange appended to a conversation in one transaction: the new messages the client sent, then the
 * assistant's answer; they get consecutive sequence numbers in that order.
 */
public record Exchange(List<ClientMessage> messages, Answer answer) {

  static final String DEFAULT_TITLE = "New conversation";
  static final int GENERATED_TITLE_LENGTH = 80;

  public Exchange {
    messages = List.copyOf(messages);
    Objects.requireNonNull(answer, "answer");
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("an exchange needs at least one client message");
    }
  }

  /** A user question and its answer. */
  public static Exchange of(String question, Answer answer) {
    return new Exchange(List.of(new ClientMessage("user", question)), answer);
  }

  /** Reads {@code messages} and {@code answer} of an append request, naming the bad field in a 400 problem. */
  static Exchange fromJson(JsonObject body) {
    Object value = body.getValue("messages");
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw RequestFields.invalid("'messages' must be a non-empty array, got " + Json.encode(value));
    }
    List<ClientMessage> messages = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      messages.add(ClientMessage.fromJson(array.getValue(i), i));
    }
    return new Exchange(messages, Answer.fromJson(body.getValue("answer")));
  }

  /**
   * A title for a conversation this exchange starts: the first user message with whitespace collapsed, cut to
   * 80 characters ending in "…", or "New conversation" when there is no such text.
   */
  public String generatedTitle() {
    return messages.stream()
      .filter(message -> message.role().equals("user"))
      .findFirst()
      .map(message -> message.content().replaceAll("\\s+", " ").trim())
      .filter(text -> !text.isEmpty())
      .map(Exchange::cut)
      .orElse(DEFAULT_TITLE);
  }

  private static String cut(String text) {
    if (text.codePointCount(0, text.length()) <= GENERATED_TITLE_LENGTH) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, GENERATED_TITLE_LENGTH - 1)) + "…";
  }
}
