package ai.sutazai.gateway;

import ai.sutazai.gateway.agent.AgentClient;
import ai.sutazai.gateway.agent.AgentRoutes;
import ai.sutazai.gateway.audit.AuditRecorder;
import ai.sutazai.gateway.audit.AuditRoutes;
import ai.sutazai.gateway.audit.AuditWriter;
import ai.sutazai.gateway.auth.ApiKeys;
import ai.sutazai.gateway.auth.AuthenticationHandler;
import ai.sutazai.gateway.auth.JwtVerifier;
import ai.sutazai.gateway.auth.KeyRoutes;
import ai.sutazai.gateway.chat.ChatRoutes;
import ai.sutazai.gateway.chat.ChatSocket;
import ai.sutazai.gateway.conversation.ConversationRoutes;
import ai.sutazai.gateway.conversation.Conversations;
import ai.sutazai.gateway.http.ChatLimits;
import ai.sutazai.gateway.http.CrossOrigin;
import ai.sutazai.gateway.http.JsonBodies;
import ai.sutazai.gateway.http.ProblemFailureHandler;
import ai.sutazai.gateway.http.RequestIdHandler;
import ai.sutazai.gateway.http.UndecodableRequestHandler;
import ai.sutazai.gateway.http.SecurityHeaders;
import ai.sutazai.gateway.http.ServerTls;
import ai.sutazai.verticles.inference.client.InferenceClient;
import ai.sutazai.gateway.models.ModelRoutes;
import ai.sutazai.gateway.ollama.OllamaRoutes;
import ai.sutazai.gateway.openai.OpenAiRoutes;
import ai.sutazai.gateway.ratelimit.RateLimitHandler;
import ai.sutazai.gateway.ratelimit.RateLimitRejections;
import ai.sutazai.gateway.ratelimit.RateLimits;
import ai.sutazai.gateway.storage.StorageClient;
import ai.sutazai.gateway.stream.StreamMeters;
import ai.sutazai.gateway.system.SystemRoutes;
import ai.sutazai.gateway.task.TaskRoutes;
import ai.sutazai.gateway.task.WorkflowRoutes;
import ai.sutazai.verticles.config.Settings;
import ai.sutazai.verticles.metrics.Meters;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of SutazAI: SutazAI's own API, SSE and WebSocket chat kept in conversations, tasks, workflows
 * and agents with their events (SSE and {@code /ws/agents}), and the OpenAI- and Ollama-compatible surfaces,
 * talking to the inference and storage verticles and the agent runtime over the event bus; over HTTPS and WSS when {@code tls.cert} and {@code tls.key} are set. Every request
 * gets an id and the security headers, then passes the cross-origin check, authentication and the
 * rate limit before its route. Stopping it stops accepting connections and lets running streams finish within
 * {@code shutdown.grace_ms}.
 */
public class GatewayVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(GatewayVerticle.class);

  private HttpServer server;
  private Router router;
  private StreamMeters streamMeters;
  private RateLimitRejections rateLimitRejections;

  @Override
  public Future<?> start() {
    String host = Settings.HTTP_HOST.stringIn(config());
    int port = Settings.HTTP_PORT.intIn(config());
    int maxBodyBytes = Settings.HTTP_MAX_BODY_BYTES.intIn(config());
    // Over maxBodyBytes ChatSocket answers 413; over the message limit it closes with 1009 (Message Too Big).
    int messageLimit = ChatSocket.MESSAGE_LIMIT_FACTOR * maxBodyBytes;
    // A frame over twice that is refused by Netty while it reads the header (a 1009 close, then the connection drops).
    HttpServerOptions options = new HttpServerOptions()
        .setMaxWebSocketMessageSize(messageLimit)
        .setMaxWebSocketFrameSize(2 * messageLimit);
    String scheme = ServerTls.configured(config()) ? "https" : "http";
    return authentication().compose(auth -> {
      router = router(maxBodyBytes, auth);
      return ServerTls.apply(vertx, config(), options);
    }).compose(tlsOrPlain -> {
      server = vertx.createHttpServer(tlsOrPlain).requestHandler(router)
          .invalidRequestHandler(new UndecodableRequestHandler());
      return server.listen(port, host);
    }).onSuccess(s -> log.debug("gateway listening on {}://{}:{}", scheme, host, s.actualPort()))
        .onFailure(failure -> removeMeters());
  }

  /** The handler that authenticates requests and enforces the access table, or null while auth is off. */
  private Future<AuthenticationHandler> authentication() {
    if ("off".equals(Settings.AUTH.stringIn(config()))) {
      log.warn("WARNING: authentication is OFF (auth=off): every request acts as admin without a token;"
          + " never run SutazAI like this outside local development");
      return Future.succeededFuture(null);
    }
    return JwtVerifier.start(vertx, config()).map(jwt -> new AuthenticationHandler(jwt,
        new ApiKeys(new StorageClient(vertx)), Settings.METRICS_PUBLIC.boolIn(config())));
  }

  private Router router(int maxBodyBytes, AuthenticationHandler authentication) {
    InferenceClient inference = new InferenceClient(vertx, config());
    StorageClient storage = new StorageClient(vertx);
    streamMeters = new StreamMeters(Meters.registry());
    rateLimitRejections = new RateLimitRejections(Meters.registry());
    RouteSupport support = new RouteSupport(inference, new Conversations(storage), new JsonBodies(maxBodyBytes),
        Settings.HTTP_STREAM_BUFFER_BYTES.intIn(config()), ChatLimits.from(config()), streamMeters);
    Router router = Router.router(vertx);
    router.route().handler(new RequestIdHandler());
    router.route().handler(new SecurityHeaders());
    router.route().handler(CrossOrigin.from(config()));
    router.route().handler(new AuditRecorder(new AuditWriter(storage)));
    if (authentication != null) {
      router.route().handler(authentication);
    }
    router.route().handler(new RateLimitHandler(RateLimits.from(config()), storage, rateLimitRejections));
    new SystemRoutes(vertx, inference, storage).mount(router);
    new ChatRoutes(support).mount(router);
    new ConversationRoutes(support).mount(router);
    new ModelRoutes(support).mount(router);
    new OpenAiRoutes(support).mount(router);
    new OllamaRoutes(support).mount(router);
    AgentClient agents = new AgentClient(vertx);
    new TaskRoutes(vertx, storage, agents, support).mount(router);
    new WorkflowRoutes(agents, support.bodies()).mount(router);
    new AgentRoutes(vertx, agents, support).mount(router);
    new KeyRoutes(new ApiKeys(storage), support.bodies()).mount(router);
    new AuditRoutes(storage).mount(router);
    ProblemFailureHandler.install(router, maxBodyBytes);
    return router;
  }

  @Override
  public Future<?> stop() {
    if (server == null) {
      removeMeters();
      return Future.succeededFuture();
    }
    long graceMs = Settings.SHUTDOWN_GRACE_MS.longIn(config());
    log.info("gateway stopping: no new connections, running streams have {} ms to finish", graceMs);
    return server.shutdown(graceMs, TimeUnit.MILLISECONDS)
        .onComplete(ar -> {
          removeMeters();
          log.info("gateway stopped");
        });
  }

  private void removeMeters() {
    if (streamMeters != null) {
      streamMeters.remove();
      rateLimitRejections.remove();
    }
  }

  /** The routes, for tests that hold them against the access table; null before start. */
  public Router router() {
    return router;
  }

  /** The port the gateway listens on (the real one when configured with 0). */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
