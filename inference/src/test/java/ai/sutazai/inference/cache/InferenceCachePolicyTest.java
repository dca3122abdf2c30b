package ai.sutazai.inference.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which inference requests and answers the cache takes. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class InferenceCachePolicyTest {

  private final InferenceCachePolicy policy = InferenceCachePolicy.defaults();

  /** Verifies that a request asking for the cache, or at temperature 0, is cacheable. */
  @Test
  void asksOrDeterministicIsCacheable() {
    assertThat(policy.isCacheable(new JsonObject().put("cache", true))).isTrue();
    assertThat(policy.isCacheable(options(0))).isTrue();
    assertThat(policy.isCacheable(options(0.0))).isTrue();
  }

  /** Verifies that sampled chat is never cached, nor a request that opts out. */
  @Test
  void sampledOrOptedOutIsNotCacheable() {
    assertThat(policy.isCacheable(new JsonObject())).isFalse();
    assertThat(policy.isCacheable(options(0.7))).isFalse();
    assertThat(policy.isCacheable(new JsonObject().put("options", new JsonObject()))).isFalse();
    assertThat(policy.isCacheable(new JsonObject().put("options", "temperature=0"))).isFalse();
    assertThat(policy.isCacheable(options(0).put("cache", false))).isFalse();
    assertThat(policy.isCacheable(new JsonObject().put("cache", "yes"))).isFalse();
  }

  /** Verifies that answers above the byte limit (counted in UTF-8) are not stored. */
  @Test
  void oversizedAnswersAreNotStored() {
    InferenceCachePolicy small = new InferenceCachePolicy(4, Duration.ofSeconds(1));

    assertThat(small.fits("abcd")).isTrue();
    assertThat(small.fits("abcde")).isFalse();
    assertThat(small.fits("\u00e9\u00e9\u00e9")).isFalse();
    assertThat(policy.ttl()).isEqualTo(Duration.ofSeconds(7200));
  }

  private static JsonObject options(Number temperature) {
    return new JsonObject().put("options", new JsonObject().put("temperature", temperature));
  }
}
