package ai.sutazai.storage.pg;

import static ai.sutazai.storage.pg.TestServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgresDatabaseTest {

  @TempDir
  Path dataDir;

  /** Verifies that an external URL opens a migrated database through the shared pool. */
  @Test
  void opensExternalDatabaseMigrated(Vertx vertx) {
    PgEndpoint database = TestServer.LOCAL.createDatabase();
    try {
      String url = "postgresql://postgres@127.0.0.1:5432/" + database.database();
      PostgresDatabase db = await(PostgresDatabase.open(vertx,
        new PostgresOptions(url, 4, Duration.ofSeconds(5), dataDir)));

      assertThat(db.isEmbedded()).isFalse();
      assertThat(countConversations(db)).isZero();
      await(db.close());
    } finally {
      TestServer.LOCAL.dropDatabase(database);
    }
  }

  /** Verifies that without a URL an embedded server is started under the data dir, migrated, and stopped on close. */
  @Test
  void opensEmbeddedDatabaseAndStopsIt(Vertx vertx) {
    PostgresDatabase db = await(PostgresDatabase.open(vertx, PostgresOptions.embedded(dataDir)));

    assertThat(db.isEmbedded()).isTrue();
    assertThat(countConversations(db)).isZero();
    await(db.close());

    assertThat(dataDir.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
  }

  private static long countConversations(PostgresDatabase db) {
    return await(db.pool().preparedQuery("SELECT count(*) FROM conversations").execute())
      .iterator().next().getLong(0);
  }
}
