package ai.sutazai.storage.conversation;

import java.util.Objects;
import java.util.UUID;

/**
 * One exchange to store: appended to conversation {@code conversationId} of {@code owner}, or, when
 * {@code newTitle} is set, starting that conversation under this title.
 */
public record ExchangeWrite(UUID conversationId, String owner, String newTitle, Exchange exchange) {

  public ExchangeWrite {
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(exchange, "exchange");
  }

  /** Starts conversation {@code id} with {@code exchange}. */
  public static ExchangeWrite create(UUID id, String owner, String title, Exchange exchange) {
    return new ExchangeWrite(id, owner, Objects.requireNonNull(title, "title"), exchange);
  }

  /** Appends {@code exchange} to conversation {@code id}. */
  public static ExchangeWrite append(UUID id, String owner, Exchange exchange) {
    return new ExchangeWrite(id, owner, null, exchange);
  }

  public boolean createsConversation() {
    return newTitle != null;
  }
}
