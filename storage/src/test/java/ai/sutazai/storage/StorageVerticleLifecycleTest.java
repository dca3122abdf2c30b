package ai.sutazai.storage;

import static ai.sutazai.verticles.storage.StorageAddresses.CACHE_GET;
import static ai.sutazai.verticles.storage.StorageAddresses.CACHE_PUT;
import static ai.sutazai.verticles.storage.StorageAddresses.CONVERSATION_APPEND;
import static ai.sutazai.verticles.storage.StorageAddresses.CONVERSATION_GET;
import static ai.sutazai.verticles.storage.StorageAddresses.CONVERSATION_LIST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sutazai.storage.pg.EmbeddedPostgres;
import ai.sutazai.storage.pg.TestServer;
import ai.sutazai.verticles.problem.Problem;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.List;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** How the storage verticle starts, stops and redeploys with embedded PostgreSQL, and when it refuses to start. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StorageVerticleLifecycleTest {

  @TempDir
  Path dataDir;

  /** Verifies that when embedded PostgreSQL cannot run, the verticle still starts, says why in STATUS and 503s, and keeps the cache. */
  @Test
  void startsDegradedWhenEmbeddedPostgresCannotRun(Vertx vertx) throws IOException {
    // GIVEN a data directory that is a plain file, where no cluster can live
    Path notADirectory = Files.writeString(dataDir.resolve("plain-file"), "x");
    StorageBus bus = new StorageBus(vertx);

    StorageBus.deploy(vertx, StorageConfig.create().with("data.dir", notADirectory.toString()).json());

    JsonObject postgres = bus.status().getJsonObject("postgres");
    assertThat(postgres.getString("status")).isEqualTo("down");
    assertThat(postgres.getString("mode")).isEqualTo("embedded");
    assertThat(postgres.getString("error")).contains("Embedded PostgreSQL cannot run here").contains("SUTAZAI_PG_URL");
    Problem problem = bus.failure(CONVERSATION_LIST, new JsonObject().put("owner", "alice"));
    assertThat(problem.status()).isEqualTo(503);
    assertThat(problem.detail()).isEqualTo(postgres.getString("error"));
    bus.request(CACHE_PUT, new JsonObject().put("key", "k").put("value", "v").put("ttl_ms", 60_000));
    assertThat(bus.request(CACHE_GET, new JsonObject().put("key", "k")).getString("value")).isEqualTo("v");
  }

  /** Verifies that the verticle refuses to start on a data directory another running SutazAI's PostgreSQL owns. */
  @Test
  void refusesDataDirectoryInUse(Vertx vertx) {
    EmbeddedPostgres owner = new EmbeddedPostgres(vertx, dataDir);
    TestServer.await(owner.start());
    try {
      assertThatThrownBy(() -> StorageBus.deploy(vertx, StorageConfig.create()
        .with("data.dir", dataDir.toString()).json()))
        .isInstanceOf(EmbeddedPostgres.DataDirectoryInUseException.class)
        .hasMessageContaining("in use");
      assertThat(vertx.deploymentIDs()).isEmpty();
    } finally {
      TestServer.await(owner.stop());
    }
  }

  /** Verifies that a second storage verticle on one Vert.x instance is refused while the first keeps serving. */
  @Test
  void refusesASecondInstance(Vertx vertx) {
    JsonObject config = StorageConfig.create()
      .with("pg.url", "postgresql://postgres@127.0.0.1:1/nowhere")
      .with("data.dir", dataDir.toString())
      .json();
    StorageBus.deploy(vertx, config);

    assertThatThrownBy(() -> StorageBus.deploy(vertx, config)).hasMessageContaining("already deployed");
    assertThat(vertx.deploymentIDs()).hasSize(1);
    assertThat(new StorageBus(vertx).status().getJsonObject("cache").getString("status")).isEqualTo("up");
  }

  /**
   * Verifies that undeploying writes the exchanges still waiting, stops embedded PostgreSQL, and that a redeploy
   * on the same data finds every accepted exchange again.
   */
  @Test
  void undeployStopsEmbeddedPostgresAndRedeployKeepsData(Vertx vertx) {
    JsonObject config = StorageConfig.create().with("data.dir", dataDir.toString()).json();
    StorageBus bus = new StorageBus(vertx);
    StorageVerticle verticle = new StorageVerticle();
    String deployment = TestServer.await(vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)));
    String owner = "owner-" + UUID.randomUUID();
    String id = bus.request(CONVERSATION_APPEND, ConversationAddressesContract.exchange("remember me", "ok")
      .put("owner", owner)).getString("id");
    List<Future<Message<Object>>> accepted = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      accepted.add(vertx.eventBus().request(CONVERSATION_APPEND,
        ConversationAddressesContract.appendTo(owner, id, "q" + i, "a" + i)));
    }
    TestServer.await(Future.all(accepted));

    TestServer.await(vertx.undeploy(deployment));

    assertThat(dataDir.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
    assertThat(bus.failure(CONVERSATION_LIST, new JsonObject().put("owner", owner)).detail())
      .as("nobody listens any more").contains("no service is listening");
    TestServer.await(verticle.stop());

    StorageBus.deploy(vertx, config);
    assertThat(bus.request(CONVERSATION_GET, new JsonObject().put("owner", owner).put("id", id))
      .getJsonArray("messages")).hasSize(2 + 2 * 50);
  }
}
