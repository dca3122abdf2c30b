package ai.sutazai.storage.pg;

import static ai.sutazai.storage.pg.TestServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SchemaMigrationsTest {

  /** Verifies that an empty database gets every table and index, and that a second run changes nothing. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void migratesFromEmptyThenIsANoOp(TestServer server, Vertx vertx) {
    PgEndpoint database = server.createDatabase();
    try {
      SchemaMigrations migrations = new SchemaMigrations(vertx);

      assertThat(await(migrations.migrate(database))).isEqualTo(ShippedMigrations.versions().size());
      assertThat(await(migrations.migrate(database))).isZero();

      Pool pool = PgPools.shared(vertx, database, PostgresOptions.embedded(Path.of("unused")));
      List<String> tables = column(pool, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
      List<String> indexes = column(pool, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'");
      await(pool.close());
      assertThat(tables).contains("agents", "tasks", "task_events", "agent_metrics", "conversations", "messages",
        "audit_log", "api_keys");
      assertThat(indexes).contains("idx_tasks_status", "idx_tasks_agent_id", "idx_tasks_owner_created",
        "idx_tasks_agent_created", "idx_tasks_outbox", "idx_task_events_task", "idx_agent_metrics_agent_metric_time",
        "idx_agent_metrics_time",
        "idx_audit_log_at", "idx_audit_log_subject_at", "messages_conversation_id_seq_key", "agents_name_key");
    } finally {
      server.dropDatabase(database);
    }
  }

  /** Verifies that two migrations started at once on a fresh database both succeed and apply each version exactly once. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void concurrentMigrationsApplyOnce(TestServer server, Vertx vertx) {
    PgEndpoint database = server.createDatabase();
    try {
      SchemaMigrations first = new SchemaMigrations(vertx);
      SchemaMigrations second = new SchemaMigrations(vertx);

      Future<Integer> a = first.migrate(database);
      Future<Integer> b = second.migrate(database);
      await(Future.all(a, b));

      assertThat(a.result() + b.result()).isEqualTo(ShippedMigrations.versions().size());
      Pool pool = PgPools.shared(vertx, database, PostgresOptions.embedded(Path.of("unused")));
      List<String> applied = column(pool,
        "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL");
      await(pool.close());
      assertThat(applied).containsExactlyInAnyOrderElementsOf(ShippedMigrations.versions());
    } finally {
      server.dropDatabase(database);
    }
  }

  private static List<String> column(Pool pool, String sql) {
    List<String> values = new ArrayList<>();
    for (Row row : await(pool.preparedQuery(sql).execute())) {
      values.add(row.getString(0));
    }
    return values;
  }
}
