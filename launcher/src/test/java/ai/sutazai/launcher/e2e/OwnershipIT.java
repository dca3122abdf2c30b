package ai.sutazai.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.auth.Role;
import ai.sutazai.launcher.e2e.RunningPlatform.Reply;
import ai.sutazai.verticles.testing.FakeOllamaOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Conversations belong to the subject that made them: another user, of any role, cannot see they exist. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OwnershipIT {

  private static RunningPlatform platform;

  @BeforeAll
  static void start() throws Exception {
    platform = RunningPlatform.start(new FakeOllamaOptions().tokensPerAnswer(3).tokenDelayMs(1));
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  private static Reply as(String subject, Role role, HttpMethod method, String path, JsonObject body) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("Authorization", "Bearer " + platform.token(subject, role));
    return platform.exchange(method, path, body, headers).await();
  }

  /**
   * Verifies that user B (and an admin, and an operator) reading, renaming or deleting user A's conversation
   * gets the same 404 as for an id that does not exist, and that A's conversation is untouched.
   */
  @Test
  void othersCannotReadRenameDeleteOrDetect() {
    Reply chat = as("alice", Role.USER, HttpMethod.POST, "/api/v1/chat", RunningPlatform.chat("secret plans")
        .put("stream", false));
    assertThat(chat.status()).isEqualTo(200);
    String id = chat.json().getString("conversation_id");
    String unknown = UUID.randomUUID().toString();

    for (Role role : new Role[] {Role.USER, Role.ADMIN, Role.OPERATOR}) {
      for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.PATCH, HttpMethod.DELETE}) {
        JsonObject body = method == HttpMethod.PATCH ? new JsonObject().put("title", "mine now") : null;
        Reply theirs = as("bob-" + role.wireName(), role, method, "/api/v1/conversations/" + id, body);
        Reply nobodys = as("bob-" + role.wireName(), role, method, "/api/v1/conversations/" + unknown, body);
        assertThat(theirs.status()).as(role + " " + method).isEqualTo(404).isEqualTo(nobodys.status());
        assertThat(theirs.json().getString("detail").replace(id, "ID"))
            .isEqualTo(nobodys.json().getString("detail").replace(unknown, "ID"));
        assertThat(theirs.json().getString("type")).isEqualTo(nobodys.json().getString("type"));
      }
      assertThat(as("bob-" + role.wireName(), role, HttpMethod.GET, "/api/v1/conversations", null).json()
          .getJsonArray("conversations")).isEmpty();
    }

    Reply mine = as("alice", Role.USER, HttpMethod.GET, "/api/v1/conversations/" + id, null);
    assertThat(mine.status()).isEqualTo(200);
    assertThat(mine.json().getString("title")).isNotEqualTo("mine now");
    assertThat(mine.json().getJsonArray("messages")).hasSize(2);
  }
}
