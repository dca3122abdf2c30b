package ai.sutazai.storage.task;

import java.util.List;
import java.util.Optional;

/** One page of tasks, newest first, and the opaque cursor of the next page when there is one. */
public record TaskPage(List<Task> items, Optional<String> nextCursor) {

  public TaskPage {
    items = List.copyOf(items);
  }
}
