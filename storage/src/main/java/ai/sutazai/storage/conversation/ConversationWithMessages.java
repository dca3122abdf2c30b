package ai.sutazai.storage.conversation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A conversation and all its messages in order. */
public record ConversationWithMessages(Conversation conversation, List<StoredMessage> messages) {

  public ConversationWithMessages {
    messages = List.copyOf(messages);
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    messages.forEach(message -> array.add(message.toJson()));
    return conversation.toJson().put("messages", array);
  }
}
