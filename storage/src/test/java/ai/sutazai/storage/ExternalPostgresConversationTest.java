package ai.sutazai.storage;

import ai.sutazai.storage.pg.PgEndpoint;
import ai.sutazai.storage.pg.TestServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** The conversation addresses against the machine's PostgreSQL, on a fresh database of this class's own. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExternalPostgresConversationTest extends ConversationAddressesContract {

  private PgEndpoint database;

  @Override
  StorageConfig withPostgres(StorageConfig config) {
    database = TestServer.LOCAL.createDatabase();
    return config.with("pg.url", "postgresql://postgres@127.0.0.1:5432/" + database.database());
  }

  @Override
  void afterUndeploy() {
    TestServer.LOCAL.dropDatabase(database);
  }

  @Override
  String expectedMode() {
    return "external";
  }
}
