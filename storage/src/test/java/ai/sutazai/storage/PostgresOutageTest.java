package ai.sutazai.storage;

import static ai.sutazai.verticles.storage.StorageAddresses.CONVERSATION_APPEND;
import static ai.sutazai.verticles.storage.StorageAddresses.CONVERSATION_GET;
import static ai.sutazai.verticles.storage.StorageAddresses.CONVERSATION_LIST;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.storage.pg.PgEndpoint;
import ai.sutazai.storage.pg.TestServer;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage verticle against an external PostgreSQL reached through a TCP proxy the test closes and opens:
 * it starts without PostgreSQL, answers 503 at once while it is away, and recovers by itself.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PostgresOutageTest {

  /** Far below the 5 s connect timeout configured: an answer this fast did not wait for a connection. */
  private static final long AT_ONCE_MS = 500;

  @TempDir
  Path dataDir;

  private PgEndpoint database;
  private TcpProxy proxy;
  private StorageBus bus;

  @BeforeEach
  void prepare(Vertx vertx) {
    database = TestServer.LOCAL.createDatabase();
    proxy = new TcpProxy(vertx, "127.0.0.1", 5432);
    bus = new StorageBus(vertx);
  }

  @AfterEach
  void tearDown() {
    proxy.close();
    TestServer.LOCAL.dropDatabase(database);
  }

  /** Verifies that the verticle starts while PostgreSQL is unreachable, answers 503 at once, and serves once PostgreSQL is back. */
  @Test
  void startsWithoutPostgresAndRecoversByItself(Vertx vertx) {
    // GIVEN PostgreSQL is unreachable when the verticle starts
    StorageBus.deploy(vertx, config());
    String owner = "owner-" + UUID.randomUUID();

    // THEN conversation requests are answered 503 at once, and STATUS says why
    assertUnavailableAtOnce(owner);
    JsonObject postgres = bus.status().getJsonObject("postgres");
    assertThat(postgres.getString("status")).isEqualTo("down");
    assertThat(postgres.getString("mode")).isEqualTo("external");
    assertThat(postgres.getString("endpoint")).isEqualTo("127.0.0.1:" + proxy.port() + "/" + database.database());
    assertThat(postgres.getString("error"))
      .startsWith("PostgreSQL at 127.0.0.1:" + proxy.port() + " is not reachable: ");

    // WHEN PostgreSQL becomes reachable
    proxy.open();

    // THEN the verticle picks it up by itself and serves conversations
    awaitPostgres("up");
    assertThat(bus.status().getJsonObject("postgres").containsKey("error")).isFalse();
    String id = bus.request(CONVERSATION_APPEND, ConversationAddressesContract.exchange("hello", "hi")
      .put("owner", owner)).getString("id");
    assertThat(bus.request(CONVERSATION_GET, new JsonObject().put("owner", owner).put("id", id))
      .getJsonArray("messages")).hasSize(2);
  }

  /** Verifies that PostgreSQL lost mid-run turns requests into quick 503s and that the verticle recovers once it is back. */
  @Test
  void survivesPostgresGoingAwayMidRun(Vertx vertx) {
    proxy.open();
    StorageBus.deploy(vertx, config());
    String owner = "owner-" + UUID.randomUUID();
    String id = bus.request(CONVERSATION_APPEND, ConversationAddressesContract.exchange("before", "ok")
      .put("owner", owner)).getString("id");
    assertThat(bus.status().getJsonObject("postgres").getString("status")).isEqualTo("up");

    // WHEN the connection to PostgreSQL is cut
    proxy.shut();

    // THEN the first request finds out and fails 503, later ones fail 503 at once
    Problem first = bus.failure(CONVERSATION_LIST, new JsonObject().put("owner", owner));
    assertThat(first.status()).isEqualTo(503);
    assertThat(first.type()).isEqualTo(ProblemType.STORAGE_UNAVAILABLE.uri());
    assertThat(first.detail()).startsWith("PostgreSQL at 127.0.0.1:" + proxy.port() + " is not reachable: ");
    assertThat(bus.status().getJsonObject("postgres").getString("status")).isEqualTo("down");
    assertUnavailableAtOnce(owner);

    // WHEN PostgreSQL is reachable again, THEN the probe brings the verticle back and nothing was lost
    proxy.open();
    awaitPostgres("up");
    bus.request(CONVERSATION_APPEND, ConversationAddressesContract.appendTo(owner, id, "after", "ok"));
    assertThat(ConversationAddressesContract.contents(bus.request(CONVERSATION_GET,
      new JsonObject().put("owner", owner).put("id", id)).getJsonArray("messages")))
      .containsExactly("before", "ok", "after", "ok");
  }

  /** Verifies that an exchange accepted just as PostgreSQL goes away is kept and written once it is back. */
  @Test
  void keepsAcceptedExchangesUntilPostgresIsBack(Vertx vertx) {
    proxy.open();
    StorageBus.deploy(vertx, config());
    String owner = "owner-" + UUID.randomUUID();
    String id = bus.request(CONVERSATION_APPEND, ConversationAddressesContract.exchange("before", "ok")
      .put("owner", owner)).getString("id");
    assertThat(bus.request(CONVERSATION_GET, new JsonObject().put("owner", owner).put("id", id))
      .getJsonArray("messages")).as("written").hasSize(2);

    // WHEN the connection is cut before the verticle has noticed, an append is still accepted
    proxy.shut();
    JsonObject accepted = bus.request(CONVERSATION_APPEND,
      ConversationAddressesContract.appendTo(owner, id, "during", "kept"));
    assertThat(accepted.getString("id")).isEqualTo(id);
    awaitPostgres("down");

    // THEN once PostgreSQL is back the waiting exchange is written, before the read that follows it
    proxy.open();
    awaitPostgres("up");
    assertThat(ConversationAddressesContract.contents(bus.request(CONVERSATION_GET,
      new JsonObject().put("owner", owner).put("id", id)).getJsonArray("messages")))
      .containsExactly("before", "ok", "during", "kept");
  }

  private void assertUnavailableAtOnce(String owner) {
    JsonObject list = new JsonObject().put("owner", owner);
    for (int i = 0; i < 5; i++) {
      assertThat(bus.millisToAnswer(CONVERSATION_LIST, list)).as("answered at once").isLessThan(AT_ONCE_MS);
      Problem problem = bus.failure(CONVERSATION_LIST, list);
      assertThat(problem.status()).isEqualTo(503);
      assertThat(problem.type()).isEqualTo(ProblemType.STORAGE_UNAVAILABLE.uri());
      assertThat(problem.detail()).contains("is not reachable");
    }
  }

  private void awaitPostgres(String state) {
    bus.awaitCondition("PostgreSQL " + state, 30,
      () -> state.equals(bus.status().getJsonObject("postgres").getString("status")));
  }

  private JsonObject config() {
    return StorageConfig.create()
      .with("pg.url", "postgresql://postgres@127.0.0.1:" + proxy.port() + "/" + database.database())
      .with("pg.connect_timeout_ms", 5000)
      .with("data.dir", dataDir.toString())
      .json();
  }
}
