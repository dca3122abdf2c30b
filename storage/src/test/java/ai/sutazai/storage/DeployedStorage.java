package ai.sutazai.storage;

import ai.sutazai.storage.pg.PgEndpoint;
import ai.sutazai.storage.pg.TestServer;
import io.vertx.core.Vertx;
import java.nio.file.Path;

/**
 * A storage verticle in a Vert.x of its own, on a throwaway database of the machine's PostgreSQL, with the bus to
 * talk to it; closing it closes the Vert.x and drops the database.
 */
final class DeployedStorage implements AutoCloseable {

  final StorageBus bus;
  final Vertx vertx;
  private final PgEndpoint database;

  private DeployedStorage(Vertx vertx, PgEndpoint database) {
    this.vertx = vertx;
    this.database = database;
    this.bus = new StorageBus(vertx);
  }

  /** Deploys storage with its data under {@code dataDir}. */
  static DeployedStorage onThrowawayDatabase(Path dataDir) {
    PgEndpoint database = TestServer.LOCAL.createDatabase();
    Vertx vertx = Vertx.vertx();
    StorageBus.deploy(vertx, StorageConfig.create()
      .with("pg.url", "postgresql://postgres@127.0.0.1:5432/" + database.database())
      .with("data.dir", dataDir.toString()).json());
    return new DeployedStorage(vertx, database);
  }

  @Override
  public void close() {
    TestServer.await(vertx.close());
    TestServer.LOCAL.dropDatabase(database);
  }
}
