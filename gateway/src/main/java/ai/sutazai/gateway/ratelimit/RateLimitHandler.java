package ai.sutazai.gateway.ratelimit;

import ai.sutazai.gateway.auth.Caller;
import ai.sutazai.gateway.http.ProblemResponses;
import ai.sutazai.gateway.http.RequestIdHandler;
import ai.sutazai.gateway.storage.StorageClient;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.RateLimitWindow;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts each request of an authenticated subject in the storage verticle's fixed minute and hour
 * windows ({@link StorageAddresses#RATE_LIMIT_HIT}, shared through Redis when configured) and answers
 * 429 {@code rate-limited} with {@code Retry-After} once its role's limit is passed; every counted
 * response carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset}
 * (seconds). Refused requests count too. Probes and {@code /metrics} are not counted, nor requests
 * while authentication is off (there is no subject to count against). When counting fails the
 * request is served (fail open) and that is logged once until counting works again.
 */
public final class RateLimitHandler implements Handler<RoutingContext> {

  public static final String LIMIT_HEADER = "RateLimit-Limit";
  public static final String REMAINING_HEADER = "RateLimit-Remaining";
  public static final String RESET_HEADER = "RateLimit-Reset";
  /** How long counting may take before the request is served uncounted. */
  static final long COUNT_TIMEOUT_MS = 2_000;
  private static final Set<String> NOT_COUNTED = Set.of("/api/v1/system/health", "/api/v1/system/ready", "/metrics");
  private static final Logger log = LoggerFactory.getLogger(RateLimitHandler.class);

  private final RateLimits limits;
  private final StorageClient storage;
  private final RateLimitRejections rejections;
  private final AtomicBoolean failingOpen = new AtomicBoolean();

  public RateLimitHandler(RateLimits limits, StorageClient storage, RateLimitRejections rejections) {
    this.limits = limits;
    this.storage = storage;
    this.rejections = rejections;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    if (!limits.enabled() || Caller.LOCAL.equals(caller) || NOT_COUNTED.contains(ctx.request().path())) {
      ctx.next();
      return;
    }
    HttpServerRequest request = ctx.request();
    boolean ended = request.isEnded();
    if (!ended) {
      // The body handler of the route comes later; the body must wait for it.
      request.pause();
    }
    String requestId = RequestIdHandler.of(ctx);
    storage.ask(StorageAddresses.RATE_LIMIT_HIT, new JsonObject().put("subject", caller.subject()), requestId,
        COUNT_TIMEOUT_MS).onComplete(reply -> {
          if (!ended) {
            request.resume();
          }
          if (reply.failed()) {
            serveUncounted(ctx, Problem.of(reply.cause()).detail());
            return;
          }
          List<WindowCount> counts = counts(caller, reply.result());
          if (counts == null) {
            serveUncounted(ctx, "the cache could not count (Redis unreachable)");
          } else {
            decide(ctx, caller, counts);
          }
        });
  }

  /** The counts of every window, or null when the cache could not count. */
  private List<WindowCount> counts(Caller caller, JsonObject reply) {
    List<WindowCount> counts = new ArrayList<>();
    for (RateLimitWindow window : RateLimitWindow.values()) {
      JsonObject counted = reply.getJsonObject(window.wireName(), new JsonObject());
      long count = counted.getLong("count", 0L);
      if (count < 1) {
        return null;
      }
      counts.add(new WindowCount(window, limits.limit(caller.role(), window), count,
          counted.getLong("reset_in_ms", 0L)));
    }
    return counts;
  }

  private void decide(RoutingContext ctx, Caller caller, List<WindowCount> counts) {
    if (failingOpen.compareAndSet(true, false)) {
      log.info("rate limits are counted again");
    }
    WindowCount binding = WindowCount.binding(counts);
    HttpServerResponse response = ctx.response();
    response.putHeader(LIMIT_HEADER, String.valueOf(binding.limit()))
        .putHeader(REMAINING_HEADER, String.valueOf(binding.remaining()))
        .putHeader(RESET_HEADER, String.valueOf(binding.resetSeconds()));
    if (!binding.exceeded()) {
      ctx.next();
      return;
    }
    rejections.rejected(caller.role());
    response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(binding.resetSeconds()));
    ProblemResponses.send(ctx, ProblemType.RATE_LIMITED.problem("more than " + binding.limit()
        + " requests this " + binding.window().wireName() + " for role " + caller.role().wireName() + " ("
        + RateLimits.settingName(caller.role(), binding.window()) + "); retry in " + binding.resetSeconds() + " s"));
  }

  private void serveUncounted(RoutingContext ctx, String why) {
    if (failingOpen.compareAndSet(false, true)) {
      log.warn("[{}] rate limits are not enforced until counting works again: {}", RequestIdHandler.of(ctx), why);
    }
    ctx.next();
  }
}
