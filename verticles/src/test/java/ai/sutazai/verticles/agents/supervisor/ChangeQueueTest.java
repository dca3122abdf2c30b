package ai.sutazai.verticles.agents.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One change of the running agents at a time. */
class ChangeQueueTest {

  /** Verifies that a change starts only once the one before it ended, failed ones included, in order. */
  @Test
  void changesRunOneAfterAnother() {
    ChangeQueue queue = new ChangeQueue();
    List<String> log = new ArrayList<>();
    Promise<String> first = Promise.promise();

    Future<String> one = queue.submit(() -> {
      log.add("one started");
      return first.future();
    });
    Future<String> two = queue.submit(() -> {
      log.add("two started");
      throw new IllegalStateException("two broke");
    });
    Future<String> three = queue.submit(() -> {
      log.add("three started");
      return Future.succeededFuture("three");
    });
    List<String> beforeFirstEnded = List.copyOf(log);
    first.fail("one failed");

    assertThat(beforeFirstEnded).containsExactly("one started");
    assertThat(log).containsExactly("one started", "two started", "three started");
    assertThat(one.cause()).hasMessage("one failed");
    assertThat(two.cause()).hasMessage("two broke");
    assertThat(three.result()).isEqualTo("three");
  }
}
