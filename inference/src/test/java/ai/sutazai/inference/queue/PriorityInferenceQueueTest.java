package ai.sutazai.inference.queue;

import static ai.sutazai.verticles.inference.Priority.CRITICAL;
import static ai.sutazai.verticles.inference.Priority.HIGH;
import static ai.sutazai.verticles.inference.Priority.LOW;
import static ai.sutazai.verticles.inference.Priority.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The queue's ordering, bounds and aging, on a clock the tests move by hand. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PriorityInferenceQueueTest {

  private static final long AGING = 1_000;

  private final PriorityInferenceQueue<String> queue = new PriorityInferenceQueue<>(3, AGING);

  private List<String> drain(long now) {
    List<String> order = new ArrayList<>();
    for (String item = queue.poll(now); item != null; item = queue.poll(now)) {
      order.add(item);
    }
    return order;
  }

  /** Verifies that items of one level come out in the order they went in. */
  @Test
  void fifoWithinALevel() {
    queue.offer("a", NORMAL, 0);
    queue.offer("b", NORMAL, 1);
    queue.offer("c", NORMAL, 2);

    assertThat(drain(3)).containsExactly("a", "b", "c");
  }

  /** Verifies that a more urgent level is served first, whatever the arrival order. */
  @Test
  void moreUrgentLevelsFirst() {
    queue.offer("low", LOW, 0);
    queue.offer("normal", NORMAL, 1);
    queue.offer("high", HIGH, 2);
    queue.offer("critical", CRITICAL, 3);

    assertThat(drain(4)).containsExactly("critical", "high", "normal", "low");
  }

  /** Verifies that a full level rejects at once while other levels still accept, and frees up on poll. */
  @Test
  void fullLevelRejectsAtOnce() {
    assertThat(queue.offer("l1", LOW, 0)).isTrue();
    assertThat(queue.offer("l2", LOW, 0)).isTrue();
    assertThat(queue.offer("l3", LOW, 0)).isTrue();

    assertThat(queue.offer("l4", LOW, 0)).isFalse();
    assertThat(queue.contains("l4")).isFalse();
    assertThat(queue.offer("n1", NORMAL, 0)).isTrue();
    assertThat(queue.depth(LOW)).isEqualTo(3);
    assertThat(queue.size()).isEqualTo(4);

    queue.remove("l1");
    assertThat(queue.offer("l4", LOW, 0)).isTrue();
  }

  /** Verifies that capacity counts the submitted level, even after an item has aged upwards. */
  @Test
  void capacityCountsTheSubmittedLevel() {
    queue.offer("old-low", LOW, 0);
    queue.offer("n1", NORMAL, 5_000);
    queue.offer("n2", NORMAL, 5_000);

    assertThat(queue.offer("n3", NORMAL, 5_000)).isTrue();
    assertThat(queue.depth(LOW)).isEqualTo(1);
    assertThat(queue.depth(NORMAL)).isEqualTo(3);
  }

  /** Verifies that a low request that waited past one aging interval beats a normal one enqueued later. */
  @Test
  void agingPromotesAStarvingLowRequest() {
    queue.offer("low", LOW, 0);
    queue.offer("normal-later", NORMAL, 1_500);

    assertThat(queue.effectiveLevel(LOW, 0, 1_500)).isEqualTo(NORMAL.level());
    assertThat(queue.poll(1_500)).isEqualTo("low");
  }

  /** Verifies that a normal request enqueued before the low one reached normal still goes first. */
  @Test
  void agedRequestQueuesBehindEarlierArrivalsOfItsNewLevel() {
    queue.offer("low", LOW, 0);
    queue.offer("normal-earlier", NORMAL, 500);

    assertThat(drain(1_400)).containsExactly("normal-earlier", "low");
  }

  /** Verifies that after a second interval the low request also beats a high one enqueued later. */
  @Test
  void agingAgainAfterASecondInterval() {
    queue.offer("low", LOW, 0);
    queue.offer("high-later", HIGH, 1_900);
    queue.offer("normal", NORMAL, 1_900);

    assertThat(queue.poll(1_999)).isEqualTo("high-later");
    queue.offer("high-after", HIGH, 2_001);
    assertThat(queue.effectiveLevel(LOW, 0, 2_001)).isEqualTo(HIGH.level());
    assertThat(drain(2_001)).containsExactly("low", "high-after", "normal");
  }

  /** Verifies that aging stops at critical, where items again queue first come, first served. */
  @Test
  void agingStopsAtCritical() {
    queue.offer("low", LOW, 0);
    queue.offer("critical", CRITICAL, 2_500);

    assertThat(queue.effectiveLevel(LOW, 0, 100_000)).isEqualTo(CRITICAL.level());
    assertThat(drain(100_000)).containsExactly("critical", "low");
  }

  /** Verifies that equal effective levels reached at the same moment go to the earlier submission. */
  @Test
  void tiesGoToTheEarlierSubmission() {
    queue.offer("normal", NORMAL, 1_000);
    queue.offer("low", LOW, 0);

    assertThat(drain(1_000)).containsExactly("low", "normal");
  }

  /** Verifies that remove takes an item out of its level and reports whether it was there. */
  @Test
  void removeTakesAnItemOut() {
    queue.offer("a", HIGH, 0);
    queue.offer("b", HIGH, 0);

    assertThat(queue.remove("a")).isTrue();
    assertThat(queue.remove("a")).isFalse();
    assertThat(queue.depth(HIGH)).isEqualTo(1);
    assertThat(drain(0)).containsExactly("b");
    assertThat(queue.isEmpty()).isTrue();
    assertThat(queue.poll(0)).isNull();
  }

  /** Verifies that an item cannot be queued twice. */
  @Test
  void rejectsADuplicate() {
    queue.offer("a", HIGH, 0);

    assertThatThrownBy(() -> queue.offer("a", LOW, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(queue.size()).isEqualTo(1);
  }
}
