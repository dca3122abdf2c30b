package ai.sutazai.storage.conversation;

import java.util.List;
import java.util.Optional;

/** One page of conversations, newest first, and the opaque cursor of the next page when there is one. */
public record ConversationPage(List<Conversation> items, Optional<String> nextCursor) {

  public ConversationPage {
    items = List.copyOf(items);
  }
}
