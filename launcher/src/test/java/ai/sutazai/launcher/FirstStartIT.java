package ai.sutazai.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.verticles.testing.FakeOllama;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar with no JWT key configured: it makes its own secret (0600) under data.dir, prints one admin
 * token once, and the {@code token} subcommand mints tokens with that same secret.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FirstStartIT {

  private static final Duration EXIT = Duration.ofSeconds(60);
  private static final Pattern TOKEN_LINE = Pattern.compile("(?m)^SutazAI admin token \\(shown this once, valid 30"
      + " days\\): (\\S+)$");
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir
  Path temp;

  private static int status(int port, String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /**
   * Verifies that the first start creates data/jwt.secret owner-only and prints one working admin token, a second
   * start prints none, and the token subcommand's tokens work with their role.
   */
  @Test
  void firstStartMakesASecretAndPrintsOneAdminToken(Vertx vertx) throws Exception {
    FakeOllama ollama = FakeOllama.start(vertx).await();
    Path work = temp.resolve("work");
    int port = SutazaiProcess.freePort();
    Map<String, String> env = Map.of("SUTAZAI_HTTP_PORT", String.valueOf(port), "SUTAZAI_OLLAMA_URL", ollama.url(),
        "SUTAZAI_JWT_SECRET", "");
    String adminToken;
    try (SutazaiProcess first = SutazaiProcess.start(work, env)) {
      first.awaitHealthy(port);
      first.awaitTrue(() -> TOKEN_LINE.matcher(first.stdout()).find(), Duration.ofSeconds(30), "the token line");
      Matcher line = TOKEN_LINE.matcher(first.stdout());
      assertThat(line.find()).isTrue();
      adminToken = line.group(1);
      assertThat(first.stdout().lines().filter(l -> l.contains(adminToken)).count()).isEqualTo(1);
      assertThat(first.stderr()).doesNotContain(adminToken);
      Path secret = work.resolve("data").resolve("jwt.secret");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
      assertThat(Files.readString(secret).trim()).hasSizeGreaterThanOrEqualTo(43);
      assertThat(first.stderr()).doesNotContain(Files.readString(secret).trim());
      assertThat(status(port, "/api/v1/keys", adminToken)).isEqualTo(200);
      assertThat(status(port, "/api/v1/keys", null)).isEqualTo(401);

      try (SutazaiProcess cli = SutazaiProcess.start(work, Map.of("SUTAZAI_JWT_SECRET", ""),
          "token", "--subject", "alice", "--role", "user", "--ttl", "15m")) {
        assertThat(cli.awaitExit(EXIT)).as(cli.stderr()).isZero();
        String token = cli.stdout().trim();
        assertThat(cli.stdout().lines().count()).isEqualTo(1);
        assertThat(status(port, "/api/v1/conversations", token)).isEqualTo(200);
        assertThat(status(port, "/api/v1/keys", token)).isEqualTo(403);
      }
      first.terminate();
      assertThat(first.awaitExit(EXIT)).isZero();
    }
    try (SutazaiProcess second = SutazaiProcess.start(temp.resolve("work"), env)) {
      second.awaitHealthy(port);
      assertThat(status(port, "/api/v1/keys", adminToken)).isEqualTo(200);
      assertThat(second.stdout()).doesNotContain("admin token");
    }
  }

  /** Verifies that the token subcommand refuses bad arguments with a message and exit code 2. */
  @Test
  void tokenCommandRefusesBadArguments() throws Exception {
    String[][] cases = {
        {"token", "--subject", "alice", "--role", "root", "--ttl", "1h"},
        {"token", "--subject", "alice", "--role", "user", "--ttl", "5x"},
        {"token", "--subject", "alice", "--role", "user"},
        {"token", "--subject", "alice", "--role", "user", "--ttl", "1h", "--color", "red"}};
    String[] messages = {"--role must be one of admin, operator, user, viewer", "--ttl must be a number and a unit",
        "token needs --subject, --role and --ttl", "unknown argument to token: --color"};
    for (int i = 0; i < cases.length; i++) {
      try (SutazaiProcess cli = SutazaiProcess.start(temp.resolve("cli" + i), Map.of(), cases[i])) {
        assertThat(cli.awaitExit(EXIT)).isEqualTo(2);
        assertThat(cli.stderr()).startsWith("sutazai token: " + messages[i]);
        assertThat(cli.stdout()).isEmpty();
      }
    }
  }
}
