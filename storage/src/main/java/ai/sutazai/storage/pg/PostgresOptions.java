package ai.sutazai.storage.pg;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How SutazAI reaches PostgreSQL: an external server when {@code url} is set, otherwise an embedded one
 * whose files live under {@code dataDir}.
 *
 * @param url            {@code postgresql://user:pass@host:port/db}, or null for embedded PostgreSQL
 * @param poolSize       maximum connections of the shared pool
 * @param connectTimeout how long to wait for one connection to open
 * @param dataDir        SutazAI's data directory; embedded PostgreSQL uses {@code <dataDir>/postgres}
 */
public record PostgresOptions(String url, int poolSize, Duration connectTimeout, Path dataDir) {

  public static final int DEFAULT_POOL_SIZE = 8;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  public PostgresOptions {
    if (url != null && url.isBlank()) {
      url = null;
    }
    if (url != null) {
      PgEndpoint.parse(url);
    }
    if (poolSize < 1 || poolSize > 1000) {
      throw new IllegalArgumentException("PostgreSQL pool size must be 1..1000, got " + poolSize);
    }
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("PostgreSQL connect timeout must be positive, got " + connectTimeout);
    }
    Objects.requireNonNull(dataDir, "dataDir");
  }

  /** Embedded PostgreSQL under {@code dataDir} with default pool settings. */
  public static PostgresOptions embedded(Path dataDir) {
    return new PostgresOptions(null, DEFAULT_POOL_SIZE, DEFAULT_CONNECT_TIMEOUT, dataDir);
  }

  /** External PostgreSQL at {@code url} with default pool settings. */
  public static PostgresOptions external(String url) {
    return new PostgresOptions(url, DEFAULT_POOL_SIZE, DEFAULT_CONNECT_TIMEOUT, Path.of("data"));
  }

  public boolean isEmbedded() {
    return url == null;
  }

  /** The external server, or empty when PostgreSQL is embedded. */
  public Optional<PgEndpoint> externalEndpoint() {
    return Optional.ofNullable(url).map(PgEndpoint::parse);
  }

  @Override
  public String toString() {
    return "PostgresOptions[" + externalEndpoint().map(PgEndpoint::toString).orElse("embedded in " + dataDir)
      + ", poolSize=" + poolSize + ", connectTimeout=" + connectTimeout + "]";
  }
}
