package ai.sutazai.storage.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What one test subscriber received, keeping only messages marked with the test's nonce, so other
 * runs publishing on the machine's Redis at the same time cannot disturb it.
 */
final class Inbox implements Handler<JsonObject> {

  private final String nonce;
  private final List<JsonObject> received = new ArrayList<>();

  Inbox(String nonce) {
    this.nonce = nonce;
  }

  @Override
  public synchronized void handle(JsonObject message) {
    if (nonce.equals(message.getString("nonce"))) {
      received.add(message);
    }
  }

  synchronized List<JsonObject> received() {
    return List.copyOf(received);
  }

  /** Waits until {@code count} messages arrived, failing after 10 seconds; answers them all. */
  List<JsonObject> await(Vertx vertx, int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (received().size() < count) {
      assertThat(System.nanoTime()).as("%d messages within 10 s, got %s", count, received())
          .isLessThan(deadline);
      vertx.timer(20).await();
    }
    return received();
  }
}
