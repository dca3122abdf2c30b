package ai.sutazai.storage.conversation;

import java.util.Objects;

/**
 * A user message and the assistant's answer to it, appended to a conversation together; the answer's
 * status says whether it completed, was cancelled or failed.
 */
public record Exchange(String userContent, String assistantContent, String model, MessageStatus status,
                       Integer promptTokens, Integer completionTokens, Long queueMs, Long ttftMs, Long totalMs) {

  public Exchange {
    Objects.requireNonNull(userContent, "userContent");
    Objects.requireNonNull(assistantContent, "assistantContent");
    Objects.requireNonNull(status, "status");
  }
}
