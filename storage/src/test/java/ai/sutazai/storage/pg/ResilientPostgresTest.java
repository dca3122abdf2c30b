package ai.sutazai.storage.pg;

import static ai.sutazai.storage.pg.TestServer.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemException;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResilientPostgresTest {

  @TempDir
  Path dataDir;

  /** Verifies that an SQL error the server answers with is a 500 that leaves PostgreSQL up. */
  @Test
  void sqlErrorIsInternalAndKeepsPostgresUp(Vertx vertx) {
    PgEndpoint database = TestServer.LOCAL.createDatabase();
    ResilientPostgres postgres = new ResilientPostgres(vertx, new PostgresOptions(
      "postgresql://postgres@127.0.0.1:5432/" + database.database(), 2, Duration.ofSeconds(5), dataDir));
    try {
      await(postgres.start());

      assertThatThrownBy(() -> await(postgres.call(pool -> pool.preparedQuery("SELECT * FROM no_such_table")
        .execute())))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(500));
      assertThat(postgres.status().getString("status")).isEqualTo("up");
      assertThat(await(postgres.call(pool -> pool.preparedQuery("SELECT 1").execute())).size()).isEqualTo(1);
    } finally {
      await(postgres.close());
      await(postgres.close());
      TestServer.LOCAL.dropDatabase(database);
    }
  }

  /** Verifies that an unreachable server is answered 503 naming where it was looked for, and never the password. */
  @Test
  void unreachableServerIsUnavailable(Vertx vertx) {
    ResilientPostgres postgres = new ResilientPostgres(vertx, new PostgresOptions(
      "postgresql://app:s3cret@127.0.0.1:1/brain", 2, Duration.ofSeconds(5), dataDir),
      Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1));
    try {
      await(postgres.start());

      assertThatThrownBy(() -> await(postgres.call(pool -> pool.preparedQuery("SELECT 1").execute())))
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          Problem problem = e.problem();
          assertThat(problem.status()).isEqualTo(503);
          assertThat(problem.detail()).startsWith("PostgreSQL at 127.0.0.1:1 is not reachable: ");
        });
      assertThat(postgres.status().encode()).contains("127.0.0.1:1/brain").doesNotContain("s3cret");
    } finally {
      await(postgres.close());
    }
  }

  /** Verifies which failures count as a lost PostgreSQL and which are SQL errors. */
  @Test
  void classifiesFailures() {
    assertThat(PgFailures.isConnectionLoss(new ConnectException("Connection refused"))).isTrue();
    assertThat(PgFailures.isConnectionLoss(ClosedConnectionException.INSTANCE)).isTrue();
    assertThat(PgFailures.isConnectionLoss(new VertxException("Timeout waiting for connection", true))).isTrue();
    assertThat(PgFailures.isConnectionLoss(new VertxException("wrapped", new ConnectException("refused")))).isTrue();
    assertThat(PgFailures.isConnectionLoss(pgError("57P01"))).isTrue();
    assertThat(PgFailures.isConnectionLoss(pgError("08006"))).isTrue();
    assertThat(PgFailures.isConnectionLoss(pgError("42P01"))).isFalse();
    assertThat(PgFailures.isConnectionLoss(new IllegalStateException("a bug"))).isFalse();
  }

  private static PgException pgError(String sqlState) {
    return new PgException("failed", "ERROR", sqlState, null);
  }
}
