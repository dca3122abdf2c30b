package ai.sutazai.storage.pg;

import static ai.sutazai.storage.pg.TestServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EmbeddedPostgresOrphanIT {

  @TempDir
  Path dataDir;

  /** Verifies that a start after the owning process was killed (kill -9) stops the orphan and keeps the data. */
  @Test
  void startAfterKilledOwnerStopsOrphanAndKeepsData(Vertx vertx) throws Exception {
    Process child = startChild();
    int orphanPort;
    try {
      orphanPort = awaitReady(child);
      Pool pool = pool(vertx, new PgEndpoint("127.0.0.1", orphanPort, "postgres", "postgres", null));
      await(pool.query("CREATE TABLE survivors (name text)").execute());
      await(pool.query("INSERT INTO survivors VALUES ('before the kill')").execute());
      await(pool.close());
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    Path cluster = dataDir.toAbsolutePath().resolve("postgres");
    long orphanPid = Long.parseLong(Files.readAllLines(cluster.resolve("postmaster.pid")).get(0).trim());
    assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);

    EmbeddedPostgres successor = new EmbeddedPostgres(vertx, dataDir);
    try {
      PgEndpoint endpoint = await(successor.start());
      Pool pool = pool(vertx, endpoint);
      String name = await(pool.query("SELECT name FROM survivors").execute()).iterator().next().getString(0);
      await(pool.close());

      assertThat(name).isEqualTo("before the kill");
      assertThat(endpoint.port()).isEqualTo(orphanPort);
      assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    } finally {
      await(successor.stop());
    }
  }

  private Process startChild() throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
      OrphanedPostgresMain.class.getName(), dataDir.toString()))
      .redirectError(dataDir.resolve("child.log").toFile())
      .start();
  }

  private static int awaitReady(Process child) throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.startsWith("READY ")) {
        return Integer.parseInt(line.substring("READY ".length()).trim());
      }
    }
    throw new IllegalStateException("Child exited before embedded PostgreSQL was ready");
  }

  private static Pool pool(Vertx vertx, PgEndpoint endpoint) {
    return PgPools.shared(vertx, endpoint, PostgresOptions.embedded(Path.of("unused")));
  }
}
