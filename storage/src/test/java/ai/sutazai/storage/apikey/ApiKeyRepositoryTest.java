package ai.sutazai.storage.apikey;

import static ai.sutazai.storage.pg.TestServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.storage.pg.MigratedDatabases;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** API keys in the machine's PostgreSQL: stored by hash, listed without it, revoked at once, uses noted coarsely. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiKeyRepositoryTest {

  @RegisterExtension
  static final MigratedDatabases DATABASE = MigratedDatabases.onTheLocalServer();

  private Pool pool;

  private ApiKeyRepository repository(Vertx vertx) {
    pool = DATABASE.pool(vertx);
    return new ApiKeyRepository(pool);
  }

  private static String hash() {
    return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
  }

  /** Verifies that a created key is found by its hash, listed newest first, and its JSON holds no hash. */
  @Test
  void createFindAndList(Vertx vertx) {
    ApiKeyRepository repository = repository(vertx);
    String hash = hash();
    ApiKey first = await(repository.create("first", "sk-sutazai-aaaaaaaa", hash(), "ada", "user"));
    ApiKey second = await(repository.create("second", "sk-sutazai-bbbbbbbb", hash, "ada", "viewer"));

    assertThat(await(repository.findForUse(hash))).get().extracting(ApiKey::id).isEqualTo(second.id());
    assertThat(await(repository.findForUse(hash()))).isEmpty();
    assertThat(await(repository.list())).extracting(ApiKey::id).containsSubsequence(second.id(), first.id());
    assertThat(second.toJson().encode()).doesNotContain(hash);
  }

  /** Verifies that a revoked key is found as revoked, and that a second revoke finds nothing to do. */
  @Test
  void revokeAtOnce(Vertx vertx) {
    ApiKeyRepository repository = repository(vertx);
    String hash = hash();
    ApiKey key = await(repository.create("old", "sk-sutazai-cccccccc", hash, "ada", "admin"));

    assertThat(await(repository.revoke(key.id()))).isTrue();
    assertThat(await(repository.revoke(key.id()))).isFalse();
    assertThat(await(repository.revoke(UUID.randomUUID()))).isFalse();
    assertThat(await(repository.findForUse(hash))).get().satisfies(found -> assertThat(found.revoked()).isTrue());
  }

  /** Verifies that a use is noted, and not written again within the minute. */
  @Test
  void notesUsesAtMostOnceAMinute(Vertx vertx) {
    ApiKeyRepository repository = repository(vertx);
    String hash = hash();
    ApiKey key = await(repository.create("busy", "sk-sutazai-dddddddd", hash, "ada", "user"));
    assertThat(key.lastUsedAt()).isNull();

    await(repository.findForUse(hash));
    ApiKey used = await(repository.findForUse(hash)).orElseThrow();
    assertThat(used.lastUsedAt()).isNotNull();
    await(repository.findForUse(hash));
    assertThat(await(repository.findForUse(hash)).orElseThrow().lastUsedAt()).isEqualTo(used.lastUsedAt());

    await(pool.preparedQuery("UPDATE api_keys SET last_used_at = now() - interval '2 minutes' WHERE id = $1")
        .execute(Tuple.of(key.id())));
    await(repository.findForUse(hash));
    assertThat(await(repository.findForUse(hash)).orElseThrow().lastUsedAt()).isAfter(used.lastUsedAt());
  }
}
