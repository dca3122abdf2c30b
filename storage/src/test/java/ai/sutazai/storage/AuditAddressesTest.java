package ai.sutazai.storage;

import static ai.sutazai.verticles.storage.StorageAddresses.AUDIT_APPEND;
import static ai.sutazai.verticles.storage.StorageAddresses.AUDIT_LIST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import ai.sutazai.storage.pg.TestServer;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The audit addresses of a deployed storage verticle over the event bus, against the machine's PostgreSQL on a
 * throwaway database; and the 503 they answer while PostgreSQL cannot be reached.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AuditAddressesTest {

  private DeployedStorage storage;
  private StorageBus bus;

  @BeforeAll
  void deploy(@TempDir Path dataDir) {
    storage = DeployedStorage.onThrowawayDatabase(dataDir);
    bus = storage.bus;
  }

  @AfterAll
  void undeploy() {
    storage.close();
  }

  /** Verifies that appended rows are listed newest first with every field, filtered and paged by cursor. */
  @Test
  void appendThenListByFilterAndCursor() {
    String subject = "alice-" + UUID.randomUUID();
    JsonObject first = row(subject, "conversation.rename", "success").put("at", "2025-03-01T12:00:00Z")
      .put("target", "0b0e2d4c-8c1e-4a51-9b36-3a4f3d2b6a10").put("detail", new JsonObject().put("status", 200));
    long firstId = bus.request(AUDIT_APPEND, first).getLong("id");
    long secondId = bus.request(AUDIT_APPEND, row(subject, "model.delete", "failure")
      .put("at", "2025-03-01T13:00:00+01:00")).getLong("id");
    long thirdId = bus.request(AUDIT_APPEND, row(subject, "model.delete", "success")
      .put("at", "2025-03-01T12:30:00Z")).getLong("id");

    JsonObject firstPage = bus.request(AUDIT_LIST, new JsonObject().put("subject", subject).put("limit", 2));
    JsonObject lastPage = bus.request(AUDIT_LIST, new JsonObject().put("subject", subject).put("limit", 2)
      .put("cursor", firstPage.getString("next_cursor")));
    JsonObject failures = bus.request(AUDIT_LIST, new JsonObject().put("subject", subject)
      .put("action", "model.delete").put("outcome", "failure"));

    assertThat(ids(firstPage)).containsExactly(thirdId, secondId);
    assertThat(ids(lastPage)).containsExactly(firstId);
    assertThat(lastPage.getValue("next_cursor")).isNull();
    assertThat(ids(failures)).containsExactly(secondId);
    JsonObject listed = lastPage.getJsonArray("entries").getJsonObject(0);
    assertThat(listed.getString("at")).isEqualTo("2025-03-01T12:00Z");
    assertThat(listed.copy().put("at", first.getString("at"))).isEqualTo(first.copy().put("id", firstId)
      .put("request_id", null).put("client_address", null));
  }

  /** Verifies that the time window keeps rows from since (included) until until (excluded). */
  @Test
  void listsWithinTimeWindow() {
    String subject = "bob-" + UUID.randomUUID();
    long early = bus.request(AUDIT_APPEND, row(subject, "key.create", "success")
      .put("at", "2025-04-01T08:00:00Z")).getLong("id");
    long late = bus.request(AUDIT_APPEND, row(subject, "key.revoke", "success")
      .put("at", "2025-04-01T09:00:00Z")).getLong("id");

    assertThat(ids(bus.request(AUDIT_LIST, new JsonObject().put("subject", subject)
      .put("since", "2025-04-01T09:00:00Z")))).containsExactly(late);
    assertThat(ids(bus.request(AUDIT_LIST, new JsonObject().put("subject", subject)
      .put("until", "2025-04-01T09:00:00Z")))).containsExactly(early);
  }

  static Stream<Arguments> badRequests() {
    JsonObject valid = row("carol", "model.pull", "success");
    return Stream.of(
      arguments(AUDIT_APPEND, valid.copy().put("outcome", "ok"), "'outcome' must be one of success, denied, failure"),
      arguments(AUDIT_APPEND, valid.copy().putNull("outcome"), "'outcome' must be one of"),
      arguments(AUDIT_APPEND, valid.copy().putNull("action"), "'action' must be a non-empty string"),
      arguments(AUDIT_APPEND, valid.copy().put("action", "Drop Table"), "'action' must be dotted lower-case words"),
      arguments(AUDIT_APPEND, valid.copy().put("at", "yesterday"), "'at' must be an ISO-8601 time"),
      arguments(AUDIT_APPEND, valid.copy().put("target", "x".repeat(501)), "'target' must be at most 500"),
      arguments(AUDIT_APPEND, valid.copy().put("subject", 7), "'subject' must be a non-empty string"),
      arguments(AUDIT_APPEND, valid.copy().put("detail", "text"), "'detail' must be an object"),
      arguments(AUDIT_APPEND, valid.copy().put("detail", new JsonObject().put("note", "x".repeat(4000))),
        "'detail' must encode to at most 4000 characters"),
      arguments(AUDIT_APPEND, valid.copy().put("detail", new JsonObject().put("note", "a\u0000b")),
        "'detail' must not contain NUL"),
      arguments(AUDIT_LIST, new JsonObject().put("limit", 201), "'limit' must be an integer 1..200"),
      arguments(AUDIT_LIST, new JsonObject().put("limit", 0), "'limit' must be an integer 1..200"),
      arguments(AUDIT_LIST, new JsonObject().put("cursor", "nope"), "'cursor' is malformed"),
      arguments(AUDIT_LIST, new JsonObject().put("since", "2025-04-01"), "'since' must be an ISO-8601 time"),
      arguments(AUDIT_LIST, new JsonObject().put("outcome", "maybe"), "'outcome' must be one of"));
  }

  /** Verifies that every malformed field is answered 400 with a detail naming it, and nothing is stored. */
  @ParameterizedTest
  @MethodSource("badRequests")
  void rejectsMalformedFields(String address, JsonObject body, String detail) {
    Problem problem = bus.failure(address, body);

    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.type()).isEqualTo(ProblemType.INVALID_REQUEST.uri());
    assertThat(problem.detail()).startsWith(detail);
    assertThat(ids(bus.request(AUDIT_LIST, new JsonObject().put("subject", "carol")))).isEmpty();
  }

  /** Verifies that while PostgreSQL cannot be reached an append is refused at once with 503. */
  @Test
  void refusesAppendWhilePostgresIsDown(@TempDir Path dataDir) {
    Vertx other = Vertx.vertx();
    try {
      StorageBus.deploy(other, StorageConfig.create()
        .with("pg.url", "postgresql://postgres@127.0.0.1:" + closedPort() + "/nowhere")
        .with("data.dir", dataDir.toString()).json());

      Problem problem = new StorageBus(other).failure(AUDIT_APPEND, row("dave", "model.pull", "success"));

      assertThat(problem.status()).isEqualTo(503);
      assertThat(problem.type()).isEqualTo(ProblemType.STORAGE_UNAVAILABLE.uri());
    } finally {
      TestServer.await(other.close());
    }
  }

  private static JsonObject row(String subject, String action, String outcome) {
    return new JsonObject().put("subject", subject).put("role", "admin").put("action", action)
      .put("target", "llama3.2:1b").put("outcome", outcome).putNull("detail");
  }

  /** A loopback port nothing listens on: one the system just handed out and took back. */
  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Long> ids(JsonObject page) {
    JsonArray entries = page.getJsonArray("entries");
    return entries.stream().map(entry -> ((JsonObject) entry).getLong("id")).toList();
  }
}
