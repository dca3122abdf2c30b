package ai.sutazai.storage.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The behaviour every {@link SessionStore} shares; each subclass runs it against one store.
 * Session ids are unique to the test and deleted afterwards.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class SessionStoreContract {

  static final Duration LONG = Duration.ofSeconds(60);
  private static final Duration SHORT = Duration.ofMillis(300);

  private final List<String> usedIds = Collections.synchronizedList(new ArrayList<>());
  protected Vertx vertx;
  protected SessionStore store;

  /** Opens the store under test. */
  protected abstract Future<SessionStore> openStore(Vertx vertx);

  @BeforeEach
  void open(Vertx vertx) {
    this.vertx = vertx;
    this.store = openStore(vertx).await();
  }

  @AfterEach
  void cleanUp() {
    for (String id : usedIds) {
      store.delete(id).await();
    }
    store.close().await();
  }

  /** A session id no other test uses, deleted after the test. */
  protected String sessionId() {
    String id = "test-" + UUID.randomUUID();
    usedIds.add(id);
    return id;
  }

  /** Verifies that an unknown session reads as empty and a stored one reads back its fields. */
  @Test
  void storedSessionReadsBack() {
    String id = sessionId();
    assertThat(store.get(id).await()).isEmpty();

    store.put(id, Map.of("user", "alice", "role", "admin"), LONG).await();

    assertThat(store.get(id).await()).containsExactlyInAnyOrderEntriesOf(
        Map.of("user", "alice", "role", "admin"));
  }

  /** Verifies that a second put replaces the fields it names and keeps the others. */
  @Test
  void putMergesFields() {
    String id = sessionId();
    store.put(id, Map.of("user", "alice", "theme", "dark"), LONG).await();

    store.put(id, Map.of("theme", "light", "lang", "de"), LONG).await();

    assertThat(store.get(id).await()).containsExactlyInAnyOrderEntriesOf(
        Map.of("user", "alice", "theme", "light", "lang", "de"));
  }

  /** Verifies that sessions are kept apart by id. */
  @Test
  void sessionsAreKeptApart() {
    String alice = sessionId();
    String bob = sessionId();

    store.put(alice, Map.of("user", "alice"), LONG).await();
    store.put(bob, Map.of("user", "bob"), LONG).await();
    store.delete(alice).await();

    assertThat(store.get(alice).await()).isEmpty();
    assertThat(store.get(bob).await()).containsExactlyEntriesOf(Map.of("user", "bob"));
  }

  /** Verifies that a session disappears after its TTL while a longer-lived one stays. */
  @Test
  void sessionExpiresAfterItsTtl() {
    String shortLived = sessionId();
    String longLived = sessionId();
    store.put(shortLived, Map.of("user", "carol"), SHORT).await();
    store.put(longLived, Map.of("user", "dave"), LONG).await();

    awaitTrue(() -> store.get(shortLived).map(Map::isEmpty));

    assertThat(store.get(longLived).await()).containsEntry("user", "dave");
    assertThat(store.touch(shortLived, LONG).await()).as("an expired session is not touched")
        .isFalse();
    assertThat(store.delete(shortLived).await()).as("an expired session is not deleted")
        .isFalse();
  }

  /** Verifies that touch keeps a session alive past its first TTL and says whether it existed. */
  @Test
  void touchExtendsTheSession() {
    String id = sessionId();
    store.put(id, Map.of("user", "erin"), Duration.ofMillis(600)).await();

    assertThat(store.touch(id, LONG).await()).isTrue();
    vertx.timer(1200).await();

    assertThat(store.get(id).await()).containsEntry("user", "erin");
    assertThat(store.touch(sessionId(), LONG).await()).isFalse();
  }

  /** Verifies that a put renews the expiry of the whole session. */
  @Test
  void putRenewsTheExpiry() {
    String id = sessionId();
    store.put(id, Map.of("user", "frank"), Duration.ofMillis(600)).await();

    store.put(id, Map.of("seen", "1"), LONG).await();
    vertx.timer(1200).await();

    assertThat(store.get(id).await()).containsExactlyInAnyOrderEntriesOf(
        Map.of("user", "frank", "seen", "1"));
  }

  /** Verifies that delete removes a session and says whether there was one. */
  @Test
  void deleteRemovesTheSession() {
    String id = sessionId();
    store.put(id, Map.of("user", "grace"), LONG).await();

    assertThat(store.delete(id).await()).isTrue();
    assertThat(store.get(id).await()).isEmpty();
    assertThat(store.delete(id).await()).isFalse();
  }

  /** Verifies that 50 concurrent puts of different fields all end up in the session. */
  @Test
  void concurrentPutsAllLand() {
    String id = sessionId();

    Future.all(IntStream.range(0, 50)
        .mapToObj(i -> store.put(id, Map.of("field" + i, "value" + i), LONG))
        .toList()).await();

    Map<String, String> expected = new HashMap<>();
    IntStream.range(0, 50).forEach(i -> expected.put("field" + i, "value" + i));
    assertThat(store.get(id).await()).containsExactlyInAnyOrderEntriesOf(expected);
  }

  /** Verifies that what no store can keep is refused before anything is stored. */
  @Test
  void refusesInvalidArguments() {
    String id = sessionId();
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("user", null);

    assertThatThrownBy(() -> store.put(id, Map.of(), LONG))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.put(id, nullValue, LONG))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.put(id, Map.of("user", "x"), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.put(" ", Map.of("user", "x"), LONG))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.touch(id, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.get(id).await()).isEmpty();
  }

  /** Polls {@code check} until it answers true, failing after 10 seconds. */
  protected void awaitTrue(Supplier<Future<Boolean>> check) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!check.get().await()) {
      assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
      vertx.timer(25).await();
    }
  }
}
