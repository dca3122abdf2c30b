package ai.sutazai.storage.pg;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Child-process stand-in for a SutazAI that gets killed: starts embedded PostgreSQL on the given data
 * directory, prints {@code READY <port>}, then waits until it is killed.
 */
public final class OrphanedPostgresMain {

  private OrphanedPostgresMain() {
  }

  public static void main(String[] args) throws IOException {
    PgEndpoint endpoint = new EmbeddedPostgres(null, Path.of(args[0])).startBlocking();
    System.out.println("READY " + endpoint.port());
    System.out.flush();
    while (System.in.read() != -1) {
      Thread.onSpinWait();
    }
  }
}
