package ai.sutazai.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shape of API keys, their stored hash and the prefix that may be shown again. */
class ApiKeyFormatTest {

  /** Verifies that keys carry the prefix, 256 random bits in base64url, and differ from each other. */
  @Test
  void generatesDistinctWellFormedKeys() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String key = ApiKeyFormat.generate();
      assertThat(key).startsWith("sk-sutazai-").hasSize("sk-sutazai-".length() + 43);
      assertThat(ApiKeyFormat.isWellFormed(key)).isTrue();
      assertThat(ApiKeyFormat.isApiKey(key)).isTrue();
      keys.add(key);
    }
    assertThat(keys).hasSize(100);
    assertThat(ApiKeyFormat.isWellFormed("sk-sutazai-short")).isFalse();
    assertThat(ApiKeyFormat.isApiKey("eyJhbGciOiJIUzI1NiJ9.e30.c2ln")).isFalse();
  }

  /** Verifies that the hash is SHA-256 hex and that the shown prefix reveals only 8 random characters. */
  @Test
  void hashesAndShortens() {
    String key = ApiKeyFormat.generate();
    assertThat(ApiKeyFormat.hash(key)).matches("[0-9a-f]{64}").isEqualTo(ApiKeyFormat.hash(key))
        .doesNotContain(key.substring(11));
    assertThat(ApiKeyFormat.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(ApiKeyFormat.shownPrefix(key)).isEqualTo(key.substring(0, 19));
  }
}
