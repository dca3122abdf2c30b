package ai.sutazai.storage;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** The conversation addresses against the embedded PostgreSQL the verticle starts in a temporary data directory. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddedPostgresConversationTest extends ConversationAddressesContract {

  @Override
  StorageConfig withPostgres(StorageConfig config) {
    return config;
  }

  @Override
  String expectedMode() {
    return "embedded";
  }
}
