package ai.sutazai.storage.pg;

import static ai.sutazai.storage.pg.TestServer.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddedPostgresTest {

  @TempDir
  Path dataDir;

  /** Verifies that rows written before a stop are read back after a start, on the same remembered port. */
  @Test
  void dataSurvivesStopAndStart(Vertx vertx) {
    EmbeddedPostgres postgres = new EmbeddedPostgres(vertx, dataDir);
    PgEndpoint first = await(postgres.start());
    try {
      Pool pool = pool(vertx, first);
      await(pool.query("CREATE TABLE notes (body text)").execute());
      await(pool.preparedQuery("INSERT INTO notes VALUES ($1)").execute(Tuple.of("remember me")));
      await(pool.close());
      await(postgres.stop());

      PgEndpoint second = await(postgres.start());
      Pool again = pool(vertx, second);
      String body = await(again.query("SELECT body FROM notes").execute()).iterator().next().getString(0);
      await(again.close());

      assertThat(body).isEqualTo("remember me");
      assertThat(second.port()).isEqualTo(first.port());
      assertThat(postgres.clusterDirectory()).isEqualTo(dataDir.toAbsolutePath().resolve("postgres"));
    } finally {
      await(postgres.stop());
    }
  }

  /** Verifies that the server listens on the loopback address only. */
  @Test
  void listensOnLoopbackOnly(Vertx vertx) {
    EmbeddedPostgres postgres = new EmbeddedPostgres(vertx, dataDir);
    try {
      Pool pool = pool(vertx, await(postgres.start()));
      String listen = await(pool.query("SHOW listen_addresses").execute()).iterator().next().getString(0);
      await(pool.close());

      assertThat(listen).isEqualTo("127.0.0.1");
    } finally {
      await(postgres.stop());
    }
  }

  /** Verifies that a second server refuses a data directory whose owner is alive, and leaves the owner running. */
  @Test
  void refusesDataDirectoryOfALiveOwner(Vertx vertx) {
    EmbeddedPostgres owner = new EmbeddedPostgres(vertx, dataDir);
    try {
      PgEndpoint endpoint = await(owner.start());

      assertThatThrownBy(() -> await(new EmbeddedPostgres(vertx, dataDir).start()))
        .isInstanceOf(EmbeddedPostgres.DataDirectoryInUseException.class)
        .hasMessageContaining("in use");
      Pool pool = pool(vertx, endpoint);
      assertThat(await(pool.query("SELECT 1").execute()).size()).isEqualTo(1);
      await(pool.close());
    } finally {
      await(owner.stop());
    }
  }

  /** Verifies that a postmaster.pid naming a live process that is not PostgreSQL does not block a start. */
  @Test
  void startsDespiteStalePidFile(Vertx vertx) throws IOException {
    EmbeddedPostgres postgres = new EmbeddedPostgres(vertx, dataDir);
    await(postgres.start());
    await(postgres.stop());
    Path pidFile = postgres.clusterDirectory().resolve("postmaster.pid");
    Files.writeString(pidFile, ProcessHandle.current().pid() + "\n" + postgres.clusterDirectory() + "\n");

    try {
      Pool pool = pool(vertx, await(postgres.start()));
      assertThat(await(pool.query("SELECT 1").execute()).size()).isEqualTo(1);
      await(pool.close());
    } finally {
      await(postgres.stop());
    }
  }

  /** Verifies that a server that cannot start fails with one line that names SUTAZAI_PG_URL as the way out. */
  @Test
  void failureNamesTheWayOut(Vertx vertx) throws IOException {
    Path notADirectory = Files.writeString(dataDir.resolve("plain-file"), "x");

    assertThatThrownBy(() -> await(new EmbeddedPostgres(vertx, notADirectory).start()))
      .hasMessageContaining("Embedded PostgreSQL cannot run here")
      .hasMessageContaining("SUTAZAI_PG_URL")
      .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  private static Pool pool(Vertx vertx, PgEndpoint endpoint) {
    return PgPools.shared(vertx, endpoint, PostgresOptions.embedded(Path.of("unused")));
  }
}
