package ai.sutazai.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** When a lost connection is tried again: doubling delays, one attempt at a time, an outage's start and end. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ReconnectScheduleTest {

  /** Verifies that delays double up to the maximum, one timer at a time, and start again after a connection. */
  @Test
  void doublesUpToTheMaximumAndResetsOnceConnected(Vertx vertx) {
    Context context = vertx.getOrCreateContext();
    List<Long> attempts = new CopyOnWriteArrayList<>();
    long start = System.nanoTime();
    Promise<Void> fourAttempts = Promise.promise();
    ReconnectSchedule[] schedule = new ReconnectSchedule[1];
    List<Boolean> outageStarts = new CopyOnWriteArrayList<>();
    context.runOnContext(v -> {
      schedule[0] = new ReconnectSchedule(vertx, context, Duration.ofMillis(20), Duration.ofMillis(80), () -> {
        attempts.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        if (attempts.size() == 4) {
          fourAttempts.complete();
        } else {
          outageStarts.add(schedule[0].failed());
        }
      });
      outageStarts.add(schedule[0].failed());
      outageStarts.add(schedule[0].failed());
    });
    fourAttempts.future().await();

    // 20, then 40, 80 and 80 ms apart: 20, 60, 140, 220 ms after the first failure
    assertThat(attempts).hasSize(4);
    assertThat(attempts.get(0)).isBetween(20L, 200L);
    assertThat(attempts.get(3) - attempts.get(0)).isGreaterThanOrEqualTo(200L - 20L);
    assertThat(outageStarts).containsExactly(true, false, false, false, false);
    boolean[] ended = new boolean[2];
    Promise<Void> checked = Promise.promise();
    context.runOnContext(v -> {
      ended[0] = schedule[0].connected();
      ended[1] = schedule[0].connected();
      checked.complete();
    });
    checked.future().await();
    assertThat(ended).containsExactly(true, false);
  }

  /** Verifies that a stopped schedule makes no attempt and reports no outage. */
  @Test
  void aStoppedScheduleMakesNoAttempt(Vertx vertx) {
    Context context = vertx.getOrCreateContext();
    List<String> attempts = new CopyOnWriteArrayList<>();
    Promise<Boolean> failedAfterStop = Promise.promise();
    context.runOnContext(v -> {
      ReconnectSchedule schedule = new ReconnectSchedule(vertx, context, Duration.ofMillis(10), Duration.ofMillis(10),
          () -> attempts.add("attempt"));
      schedule.failed();
      schedule.stop();
      failedAfterStop.complete(schedule.failed());
    });

    assertThat(failedAfterStop.future().await()).isFalse();
    vertx.timer(100).await();
    assertThat(attempts).isEmpty();
  }
}
