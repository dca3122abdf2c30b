package ai.sutazai.storage.pg;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.TimeUnit;

/**
 * Builds SutazAI's one shared, named reactive PostgreSQL pool; every verticle that asks for it on the same
 * Vert.x instance gets the same connections, and the pool closes when the last user closes it.
 */
public final class PgPools {

  /** Name of the shared pool. */
  public static final String SHARED_POOL_NAME = "sutazai-pg";

  private PgPools() {
  }

  /** The shared pool for {@code endpoint}, sized and timed by {@code options}. */
  public static Pool shared(Vertx vertx, PgEndpoint endpoint, PostgresOptions options) {
    NetClientOptions tcp = new NetClientOptions()
      .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()));
    PoolOptions pool = new PoolOptions()
      .setMaxSize(options.poolSize())
      .setShared(true)
      .setName(SHARED_POOL_NAME)
      .setConnectionTimeout((int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
      .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
      .setMaxWaitQueueSize(options.poolSize() * 64);
    return PgBuilder.pool()
      .with(pool)
      .with(tcp)
      .connectingTo(endpoint.connectOptions())
      .using(vertx)
      .build();
  }
}
