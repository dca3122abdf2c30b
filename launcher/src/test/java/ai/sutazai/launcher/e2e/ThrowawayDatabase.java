package ai.sutazai.launcher.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, uniquely named database on the machine's PostgreSQL (127.0.0.1:5432, trust auth), for
 * one running platform; closing drops it with whatever connections are still open on it.
 */
public final class ThrowawayDatabase implements AutoCloseable {

  private static final String SERVER = "127.0.0.1:5432";
  private static final String ADMIN_URL = "jdbc:postgresql://" + SERVER + "/test";

  private final String name = "sutazai_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

  public ThrowawayDatabase() {
    execute("CREATE DATABASE " + name);
  }

  /** The {@code pg.url} that points SutazAI at this database. */
  public String url() {
    return "postgresql://postgres@" + SERVER + "/" + name;
  }

  /**
   * The number of rows of {@code table} and a digest of their contents, equal before and after
   * anything that must leave the table alone.
   */
  String fingerprint(String table) {
    String sql = "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM "
        + table + " t";
    try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/" + name, "postgres",
        null);
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed on " + name, e);
    }
  }

  @Override
  public void close() {
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(ADMIN_URL, "postgres", null);
         Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed on " + SERVER, e);
    }
  }
}
