package ai.sutazai.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sutazai.gateway.GatewayVerticle;
import ai.sutazai.gateway.auth.Caller;
import ai.sutazai.gateway.auth.Role;
import ai.sutazai.launcher.FreePorts;
import ai.sutazai.storage.StorageVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two gateways, each with its own storage verticle in its own Vert.x instance (as two SutazAI
 * processes), on the machine's Redis: one subject's limit holds across both. Authentication is
 * stood in for by a gateway that acts as one fixed subject.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RateLimitAcrossGatewaysIT {

  private static final String REDIS = "redis://127.0.0.1:6379";
  private static final int LIMIT = 10;

  private final String subject = "it-" + UUID.randomUUID();
  private final List<Vertx> instances = new ArrayList<>();

  /** A gateway whose every request acts as {@link #subject} with role user. */
  private final class OneSubjectGateway extends GatewayVerticle {
    @Override
    protected void installAuthentication(Router router) {
      router.route().handler(ctx -> {
        new Caller(subject, Role.USER, "jwt").attachTo(ctx);
        ctx.next();
      });
    }
  }

  @AfterEach
  void stop() {
    Vertx any = Vertx.vertx();
    Redis redis = Redis.createClient(any, REDIS);
    try {
      RedisAPI api = RedisAPI.api(redis);
      List<String> keys = new ArrayList<>();
      api.keys("ratelimit:" + subject + ":*").await().forEach(key -> keys.add(key.toString()));
      if (!keys.isEmpty()) {
        api.del(keys).await();
      }
    } finally {
      redis.close().await();
      any.close().await();
      instances.forEach(vertx -> vertx.close().await());
    }
  }

  private int startProcess() throws Exception {
    Vertx vertx = Vertx.vertx();
    instances.add(vertx);
    int port = FreePorts.pick();
    JsonObject config = new JsonObject()
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", port))
        .put("pg", new JsonObject().put("url", "postgresql://postgres@127.0.0.1:1/nowhere"))
        .put("redis", new JsonObject().put("url", REDIS))
        .put("ratelimit", new JsonObject().put("user_per_minute", LIMIT));
    vertx.deployVerticle(new StorageVerticle(), new DeploymentOptions().setConfig(config)).await();
    vertx.deployVerticle(new OneSubjectGateway(), new DeploymentOptions().setConfig(config)).await();
    return port;
  }

  /** Verifies that of 40 concurrent requests spread over two gateways on one Redis exactly the limit passes. */
  @Test
  void theLimitHoldsAcrossTwoGateways() throws Exception {
    int first = startProcess();
    int second = startProcess();
    Vertx clients = instances.get(0);
    HttpClientAgent http = clients.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1"));

    List<Future<Integer>> statuses = new OnContext(clients).run(() -> {
      List<Future<Integer>> sent = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int port = i % 2 == 0 ? first : second;
        sent.add(http.request(HttpMethod.GET, port, "127.0.0.1", "/api/v1/models/none")
            .compose(request -> request.send())
            .compose(response -> response.body().map(body -> response.statusCode())));
      }
      return Future.all(sent).map(all -> sent);
    }).await(60, TimeUnit.SECONDS);

    List<Integer> codes = statuses.stream().map(Future::result).toList();
    assertThat(codes).filteredOn(code -> code == 429).hasSize(40 - LIMIT);
    assertThat(codes).filteredOn(code -> code != 429).hasSize(LIMIT);
  }
}
