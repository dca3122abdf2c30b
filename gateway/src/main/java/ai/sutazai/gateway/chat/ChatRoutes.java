package ai.sutazai.gateway.chat;

import ai.sutazai.gateway.RouteSupport;
import ai.sutazai.gateway.http.ChatLimits;
import ai.sutazai.gateway.http.JsonBodies;
import ai.sutazai.gateway.http.QueueOptions;
import ai.sutazai.gateway.http.RequestIdHandler;
import ai.sutazai.gateway.http.RequestOwner;
import ai.sutazai.gateway.http.WebSocketUpgrade;
import ai.sutazai.verticles.inference.client.InferenceCall;
import ai.sutazai.gateway.stream.AnswerRelay;
import ai.sutazai.gateway.stream.StreamMeters;
import ai.sutazai.gateway.stream.StreamingRelay;
import ai.sutazai.gateway.validation.BodySchema;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * SutazAI's own chat surface, kept in conversations: {@code POST /api/v1/chat} (JSON or SSE) and
 * {@code GET /ws/chat}.
 */
public final class ChatRoutes {

  private final ChatStarter chats;
  private final JsonBodies bodies;
  private final int streamBufferBytes;
  private final StreamMeters streamMeters;
  private final int maxBodyBytes;
  private final ChatLimits limits;

  public ChatRoutes(RouteSupport support) {
    this.chats = new ChatStarter(support.inference(), support.conversations());
    this.bodies = support.bodies();
    this.streamBufferBytes = support.streamBufferBytes();
    this.streamMeters = support.streamMeters();
    this.maxBodyBytes = bodies.maxBodyBytes();
    this.limits = support.chatLimits();
  }

  public void mount(Router router) {
    bodies.route(router, HttpMethod.POST, "/api/v1/chat", JsonBodies.ContentTypes.JSON, BodySchema.NATIVE_CHAT)
        .handler(this::chat);
    router.get("/ws/chat").handler(this::socket);
  }

  private void chat(RoutingContext ctx) {
    ChatInput input = ChatInput.read(JsonBodies.read(ctx),
        ctx.request().getHeader(QueueOptions.PRIORITY_HEADER), limits);
    InferenceCall call = chats.call(RequestIdHandler.of(ctx));
    boolean stream = input.stream() != null ? input.stream() : acceptsEventStream(ctx);
    Handler<JsonObject> relay = stream
        ? new StreamingRelay(ctx, call, new NativeChatDialect(call.id()), streamBufferBytes, streamMeters)
        : new AnswerRelay(ctx, call, answer -> NativeChatDialect.answer(call.id(), answer));
    chats.start(RequestOwner.of(ctx), input, call, relay);
  }

  private static boolean acceptsEventStream(RoutingContext ctx) {
    String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
    return accept != null && accept.contains("text/event-stream");
  }

  private void socket(RoutingContext ctx) {
    String requestId = RequestIdHandler.of(ctx);
    String priority = ctx.request().getHeader(QueueOptions.PRIORITY_HEADER);
    String owner = RequestOwner.of(ctx);
    WebSocketUpgrade.accept(ctx, ws -> new ChatSocket(ws, chats, owner, requestId, priority, streamBufferBytes,
        maxBodyBytes, limits, streamMeters).start());
  }
}
