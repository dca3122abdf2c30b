package ai.sutazai.gateway.chat;

import ai.sutazai.gateway.http.ChatLimits;
import ai.sutazai.gateway.http.JsonBodies;
import ai.sutazai.verticles.inference.client.InferenceCall;
import ai.sutazai.gateway.stream.ErrorFrame;
import ai.sutazai.gateway.stream.SocketWriter;
import ai.sutazai.gateway.stream.StreamMeters;
import ai.sutazai.gateway.validation.BodySchema;
import ai.sutazai.verticles.inference.InferenceEvent;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code /ws/chat} connection: runs several chats at once, keyed by the client's {@code id},
 * each kept in a stored conversation (see {@link ChatStarter}); answers a malformed or too large
 * frame, or a cancel for no running chat, with an error frame and stays open; cancels every running
 * chat when the socket closes or stops reading; on server shutdown lets running chats finish,
 * refuses new ones, and closes once none is left. Counts as an open WebSocket stream until it closes.
 */
public final class ChatSocket {

  /**
   * How many times {@code http.max_body_bytes} a WebSocket message may reach before Vert.x drops the
   * socket; between the two the socket answers with a 413 error frame and stays open.
   */
  public static final int MESSAGE_LIMIT_FACTOR = 4;

  private static final Logger log = LoggerFactory.getLogger(ChatSocket.class);

  private final ServerWebSocket socket;
  private final ChatStarter chats;
  private final String owner;
  private final String requestId;
  private final String priorityHeader;
  private final int bufferBytes;
  private final int maxMessageBytes;
  private final ChatLimits limits;
  private final StreamMeters meters;
  private SocketWriter writer;
  private final Map<String, InferenceCall> running = new LinkedHashMap<>();
  private boolean draining;
  private boolean closed;

  /**
   * {@code owner} owns the conversations of this socket's chats; {@code maxMessageBytes} is
   * {@code http.max_body_bytes}: a larger text frame gets a 413 error frame; {@code limits} bound the
   * messages of each chat and the chats running at once.
   */
  public ChatSocket(ServerWebSocket socket, ChatStarter chats, String owner, String requestId, String priorityHeader,
      int bufferBytes, int maxMessageBytes, ChatLimits limits, StreamMeters meters) {
    this.socket = socket;
    this.chats = chats;
    this.owner = owner;
    this.requestId = requestId;
    this.priorityHeader = priorityHeader;
    this.bufferBytes = bufferBytes;
    this.maxMessageBytes = maxMessageBytes;
    this.limits = limits;
    this.meters = meters;
  }

  public void start() {
    writer = new SocketWriter(socket, bufferBytes, requestId, this::abandon, meters);
    socket.textMessageHandler(this::onText);
    socket.binaryMessageHandler(b -> sendError(null, ProblemType.INVALID_REQUEST.problem(
        "binary frames are not supported; send JSON text frames")));
    socket.exceptionHandler(this::onFailure);
    socket.closeHandler(v -> {
      writer.closed();
      closed = true;
      cancelAll("the WebSocket closed");
    });
    socket.shutdownHandler(v -> {
      draining = true;
      closeWhenIdle();
    });
  }

  private void onText(String text) {
    if (tooLarge(text)) {
      sendError(null, ProblemType.PAYLOAD_TOO_LARGE.problem("a message may be at most " + maxMessageBytes
          + " bytes (http.max_body_bytes)"));
      return;
    }
    String id = null;
    try {
      JsonObject frame = JsonBodies.parse(text);
      id = frame.getValue("id") instanceof String s ? s : null;
      BodySchema.CHAT_FRAME.check(frame);
      if (frame.getString("type").equals("chat")) {
        startChat(id, ChatInput.read(frame, priorityHeader, limits));
      } else {
        cancel(id);
      }
    } catch (ProblemException e) {
      sendError(id, e.problem());
    }
  }

  /**
   * Vert.x drops a fragmented message over its limit and only reports it here, so the socket is
   * closed with 1009 (Message Too Big), as Netty does for a single frame over the limit.
   */
  private void onFailure(Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    if (failure instanceof IllegalStateException && message.contains("max message size") && !closed) {
      log.info("[{}] closing chat socket: {}", requestId, message);
      cancelAll("the client sent a message over the WebSocket limit");
      closed = true;
      socket.close((short) 1009, "message over " + (long) MESSAGE_LIMIT_FACTOR * maxMessageBytes + " bytes ("
          + MESSAGE_LIMIT_FACTOR + " x http.max_body_bytes)");
    } else {
      log.debug("[{}] chat socket failed: {}", requestId, message);
    }
  }

  private boolean tooLarge(String text) {
    return text.length() > maxMessageBytes
        || (text.length() * 3L > maxMessageBytes && text.getBytes(StandardCharsets.UTF_8).length > maxMessageBytes);
  }

  private void startChat(String id, ChatInput input) {
    if (draining) {
      sendError(id, ProblemType.SERVICE_UNAVAILABLE.problem("the server is shutting down; reconnect and retry"));
      return;
    }
    if (running.containsKey(id)) {
      sendError(id, ProblemType.INVALID_REQUEST.problem("a conversation with id \"" + id + "\" is already running"));
      return;
    }
    if (running.size() >= limits.maxConversationsPerSocket()) {
      sendError(id, ProblemType.INVALID_REQUEST.problem("this socket already runs " + running.size()
          + " chats; at most " + limits.maxConversationsPerSocket()
          + " may run at once (limits.max_conversations_per_socket); wait for one to end or cancel one"));
      return;
    }
    InferenceCall call = chats.call(requestId);
    running.put(id, call);
    chats.start(owner, input, call, event -> onEvent(id, call, event));
  }

  private void onEvent(String id, InferenceCall call, JsonObject event) {
    if (running.get(id) != call) {
      return;
    }
    switch (InferenceEvent.type(event)) {
      case InferenceEvent.TOKEN:
        send(new JsonObject().put("type", "token").put("id", id).mergeIn(NativeChatDialect.tokenData(event)));
        break;
      case InferenceEvent.DONE:
        running.remove(id, call);
        send(new JsonObject().put("type", "done").put("id", id).mergeIn(NativeChatDialect.outcome(event)));
        closeWhenIdle();
        break;
      case InferenceEvent.ERROR:
        running.remove(id, call);
        sendError(id, InferenceEvent.problemOf(event));
        closeWhenIdle();
        break;
      default:
        break;
    }
  }

  private void cancel(String id) {
    InferenceCall call = running.remove(id);
    if (call == null) {
      sendError(id, ProblemType.NOT_FOUND.problem("no running chat has id '" + id + "'"));
      return;
    }
    call.cancel("the client cancelled conversation " + id);
    send(new JsonObject().put("type", "cancelled").put("id", id));
    closeWhenIdle();
  }

  private void sendError(String id, Problem problem) {
    JsonObject frame = ErrorFrame.of(problem, requestId);
    if (id != null) {
      frame.put("id", id);
    }
    send(frame);
  }

  private void send(JsonObject frame) {
    if (!closed) {
      writer.send(frame);
    }
  }

  private void closeWhenIdle() {
    if (draining && running.isEmpty() && !closed) {
      closed = true;
      socket.close((short) 1001, "server shutting down");
    }
  }

  private void abandon() {
    cancelAll("the client stopped reading");
    closed = true;
    socket.close((short) 1008, "client stopped reading");
  }

  private void cancelAll(String why) {
    running.values().forEach(call -> call.cancel(why));
    running.clear();
  }
}
