package ai.sutazai.storage.audit;

import static ai.sutazai.storage.pg.TestServer.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sutazai.storage.pg.MigratedDatabases;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit log in the machine's PostgreSQL, on a throwaway database of this class's own. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AuditRepositoryTest {

  private static final OffsetDateTime NOON = OffsetDateTime.of(2025, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC);

  @RegisterExtension
  static final MigratedDatabases DATABASE = MigratedDatabases.onTheLocalServer();

  private Pool pool;
  private AuditRepository repository;

  @BeforeEach
  void openPool(Vertx vertx) {
    pool = DATABASE.pool(vertx);
    repository = new AuditRepository(pool);
  }

  /** Verifies that an appended row comes back with every field it was given, and a time of now when it had none. */
  @Test
  void appendKeepsEveryField() {
    String subject = subject();
    JsonObject detail = new JsonObject().put("status", 204);

    AuditEntry stored = await(repository.append(new AuditEntry(null, null, subject, "admin", "conversation.delete",
      "0b0e2d4c-8c1e-4a51-9b36-3a4f3d2b6a10", AuditOutcome.SUCCESS, "req-1", "127.0.0.1", detail)));

    assertThat(stored.id()).isPositive();
    assertThat(stored.at()).isAfter(OffsetDateTime.now().minusMinutes(1));
    List<AuditEntry> listed = await(repository.page(bySubject(subject), null, 10)).items();
    assertThat(listed).containsExactly(stored);
    assertThat(stored.toJson()).isEqualTo(new JsonObject()
      .put("id", stored.id()).put("at", stored.at().toString()).put("subject", subject).put("role", "admin")
      .put("action", "conversation.delete").put("target", "0b0e2d4c-8c1e-4a51-9b36-3a4f3d2b6a10")
      .put("outcome", "success").put("request_id", "req-1").put("client_address", "127.0.0.1")
      .put("detail", detail));
  }

  /** Verifies that a failed authentication is kept without subject, role or target. */
  @Test
  void appendKeepsAnonymousRows() {
    String requestId = "anon-" + UUID.randomUUID();

    AuditEntry stored = await(repository.append(new AuditEntry(null, NOON, null, null, "auth.failure", null,
      AuditOutcome.DENIED, requestId, "10.0.0.7", new JsonObject().put("reason", "expired token"))));

    assertThat(stored.at()).isEqualTo(NOON);
    assertThat(stored.subject()).isNull();
    assertThat(stored.role()).isNull();
    assertThat(stored.outcome()).isEqualTo(AuditOutcome.DENIED);
    assertThat(stored.detail()).isEqualTo(new JsonObject().put("reason", "expired token"));
  }

  /** Verifies that paging walks every matching row newest first, without repeats, even when times tie. */
  @Test
  void pagesNewestFirstWithCursor() {
    String subject = subject();
    List<Long> oldestFirst = new ArrayList<>();
    for (int minute = 0; minute < 5; minute++) {
      oldestFirst.add(append(subject, "model.pull", AuditOutcome.SUCCESS, NOON.plusMinutes(minute)).id());
    }
    oldestFirst.add(append(subject, "model.pull", AuditOutcome.SUCCESS, NOON.plusMinutes(4)).id());

    List<Long> listed = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    AuditCursor cursor = null;
    do {
      AuditPage page = await(repository.page(bySubject(subject), cursor, 4));
      page.items().forEach(entry -> listed.add(entry.id()));
      sizes.add(page.items().size());
      cursor = page.nextCursor().map(AuditCursor::decode).orElse(null);
    } while (cursor != null);

    assertThat(sizes).containsExactly(4, 2);
    assertThat(listed).containsExactly(oldestFirst.get(5), oldestFirst.get(4), oldestFirst.get(3),
      oldestFirst.get(2), oldestFirst.get(1), oldestFirst.get(0));
  }

  /** Verifies that action, outcome and the time window each narrow the listing, and combine. */
  @Test
  void filtersByActionOutcomeAndTime() {
    String subject = subject();
    AuditEntry pulled = append(subject, "model.pull", AuditOutcome.SUCCESS, NOON);
    AuditEntry deleted = append(subject, "model.delete", AuditOutcome.FAILURE, NOON.plusHours(1));
    AuditEntry denied = append(subject, "key.create", AuditOutcome.DENIED, NOON.plusHours(2));

    assertThat(ids(new AuditFilter(subject, "model.delete", null, null, null))).containsExactly(deleted.id());
    assertThat(ids(new AuditFilter(subject, null, AuditOutcome.DENIED, null, null))).containsExactly(denied.id());
    assertThat(ids(new AuditFilter(subject, null, null, NOON.plusHours(1), null)))
      .containsExactly(denied.id(), deleted.id());
    assertThat(ids(new AuditFilter(subject, null, null, null, NOON.plusHours(1)))).containsExactly(pulled.id());
    assertThat(ids(new AuditFilter(subject, null, AuditOutcome.SUCCESS, NOON, NOON.plusHours(3))))
      .containsExactly(pulled.id());
    assertThat(ids(new AuditFilter(subject(), null, null, null, null))).isEmpty();
  }

  /** Verifies that a cursor that is not one of ours is rejected as bad input. */
  @Test
  void rejectsMalformedCursor() {
    String conversationCursor = Base64.getUrlEncoder().withoutPadding()
      .encodeToString(("1700000000000000:" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII));

    assertThatThrownBy(() -> AuditCursor.decode("not-a-cursor")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuditCursor.decode(conversationCursor)).isInstanceOf(IllegalArgumentException.class);
    AuditCursor cursor = new AuditCursor(NOON, 42);
    assertThat(AuditCursor.decode(cursor.encode())).isEqualTo(cursor);
  }

  private AuditEntry append(String subject, String action, AuditOutcome outcome, OffsetDateTime at) {
    return await(repository.append(new AuditEntry(null, at, subject, "admin", action, "llama3.2:1b", outcome,
      null, "127.0.0.1", null)));
  }

  private List<Long> ids(AuditFilter filter) {
    return await(repository.page(filter, null, 50)).items().stream().map(AuditEntry::id).toList();
  }

  private static AuditFilter bySubject(String subject) {
    return new AuditFilter(subject, null, null, null, null);
  }

  private static String subject() {
    return "subject-" + UUID.randomUUID();
  }
}
