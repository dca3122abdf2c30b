package ai.sutazai.storage.pg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Child-process stand-in for a SutazAI starting up: prints {@code READY}, waits for {@code GO} on stdin, migrates
 * the database at {@code host port database user}, prints {@code APPLIED <n>} and exits 0 (1 on failure).
 */
public final class MigrateMain {

  private MigrateMain() {
  }

  public static void main(String[] args) throws IOException {
    PgEndpoint endpoint = new PgEndpoint(args[0], Integer.parseInt(args[1]), args[2], args[3], null);
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("READY");
    System.out.flush();
    if (!"GO".equals(stdin.readLine())) {
      System.exit(2);
    }
    try {
      int applied = SchemaMigrations.migrateBlocking(endpoint);
      System.out.println("APPLIED " + applied);
      System.out.flush();
    } catch (RuntimeException e) {
      e.printStackTrace();
      System.exit(1);
    }
  }
}
