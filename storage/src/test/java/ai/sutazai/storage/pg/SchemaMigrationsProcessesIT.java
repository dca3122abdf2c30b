package ai.sutazai.storage.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two SutazAI processes migrating one fresh database at once: one migrates, the other waits and finds it done. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SchemaMigrationsProcessesIT {

  @TempDir
  Path logs;

  /** Verifies that two JVMs migrating one fresh database at the same moment both succeed and apply each version once. */
  @ParameterizedTest
  @EnumSource(TestServer.class)
  void twoProcessesMigrateOnce(TestServer server) throws Exception {
    PgEndpoint database = server.createDatabase();
    List<Process> children = new ArrayList<>();
    List<BufferedReader> outputs = new ArrayList<>();
    try {
      // GIVEN two processes, each loaded and waiting to migrate
      for (int i = 0; i < 2; i++) {
        Process child = start(database, logs.resolve("child-" + i + ".log"));
        children.add(child);
        outputs.add(new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)));
        assertThat(outputs.get(i).readLine()).as("child %d ready", i).isEqualTo("READY");
      }

      // WHEN both are told to go at once
      for (Process child : children) {
        Writer stdin = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
        stdin.write("GO\n");
        stdin.flush();
      }

      // THEN both succeed, exactly one of them applied the migrations, and the history has each version once
      List<String> results = new ArrayList<>();
      for (int i = 0; i < children.size(); i++) {
        Process child = children.get(i);
        results.add(outputs.get(i).readLine());
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("child %d exit; its log:%n%s", i,
          Files.readString(logs.resolve("child-" + i + ".log"))).isZero();
      }
      List<String> shipped = ShippedMigrations.versions();
      assertThat(results).containsExactlyInAnyOrder("APPLIED " + shipped.size(), "APPLIED 0");
      assertThat(appliedVersions(database)).containsExactlyInAnyOrderElementsOf(shipped);
    } finally {
      children.forEach(Process::destroyForcibly);
      server.dropDatabase(database);
    }
  }

  private static Process start(PgEndpoint database, Path log) throws IOException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), MigrateMain.class.getName(),
      database.host(), Integer.toString(database.port()), database.database(), database.user()))
      .redirectError(log.toFile())
      .start();
  }

  private static List<String> appliedVersions(PgEndpoint database) throws SQLException {
    List<String> versions = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(
           "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
      while (rows.next()) {
        versions.add(rows.getString(1));
      }
    }
    return versions;
  }
}
