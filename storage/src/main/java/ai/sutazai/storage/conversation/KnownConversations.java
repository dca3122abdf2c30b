package ai.sutazai.storage.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.UUID;

/**
 * The owners of conversations recently seen to exist, so that an append to a conversation the chat just read
 * is accepted without asking PostgreSQL again. Bounded; a conversation missing here is simply looked up.
 */
final class KnownConversations {

  private final Cache<UUID, String> owners;

  KnownConversations(int maxEntries) {
    this.owners = Caffeine.newBuilder().maximumSize(maxEntries).build();
  }

  void remember(UUID id, String owner) {
    owners.put(id, owner);
  }

  void forget(UUID id) {
    owners.invalidate(id);
  }

  /** The owner last seen for conversation {@code id}, or null when it is not known here. */
  String ownerOf(UUID id) {
    return owners.getIfPresent(id);
  }
}
