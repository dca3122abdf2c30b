package ai.sutazai.storage.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TaskStatusTest {

  /** Verifies that nothing follows a final status and that every status but pending can be reached. */
  @Test
  void finalStatusesHaveNoSuccessor() {
    for (TaskStatus target : TaskStatus.values()) {
      assertThat(target.allowedFrom()).noneMatch(TaskStatus::isFinal);
    }
    assertThat(Arrays.stream(TaskStatus.values()).filter(status -> status.allowedFrom().isEmpty()))
      .containsExactly(TaskStatus.PENDING);
  }

  /** Verifies the lifecycle of issue 4: pending -> queued -> running -> completed | failed | dead | cancelled. */
  @Test
  void followsTheLifecycle() {
    assertThat(TaskStatus.QUEUED.allowedFrom(TaskStatus.PENDING)).isTrue();
    assertThat(TaskStatus.RUNNING.allowedFrom(TaskStatus.QUEUED)).isTrue();
    assertThat(TaskStatus.RUNNING.allowedFrom(TaskStatus.PENDING)).isFalse();
    assertThat(TaskStatus.COMPLETED.allowedFrom(TaskStatus.RUNNING)).isTrue();
    assertThat(TaskStatus.COMPLETED.allowedFrom(TaskStatus.QUEUED)).isFalse();
    assertThat(TaskStatus.FAILED.allowedFrom(TaskStatus.QUEUED)).isFalse();
    assertThat(TaskStatus.DEAD.allowedFrom(TaskStatus.QUEUED)).isTrue();
    assertThat(TaskStatus.CANCELLED.allowedFrom(TaskStatus.PENDING)).isTrue();
    assertThat(TaskStatus.fromWire("completed")).contains(TaskStatus.COMPLETED);
    assertThat(TaskStatus.fromWire("COMPLETED")).isEmpty();
  }
}
