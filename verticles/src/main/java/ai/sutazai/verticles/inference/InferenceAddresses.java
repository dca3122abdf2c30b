package ai.sutazai.verticles.inference;

/**
 * Event-bus addresses served by the inference verticle. Every message body is a {@code JsonObject};
 * a failed reply is a {@code ReplyException} whose failure code is an HTTP status and whose message
 * is a problem object encoded as JSON (see {@link ai.sutazai.verticles.problem.Problem}).
 */
public final class InferenceAddresses {

  /**
   * Queues an {@link InferenceRequest}, or answers it from the inference cache when its body asks
   * for that ({@code "cache": true}) or is deterministic ({@code options.temperature} 0). The reply is
   * an acknowledgement ({@code {"queued":true}}) or a failure (queue full, invalid request, or 499
   * when cancelled while the cache is consulted); afterwards {@link InferenceEvent}s go to the
   * request's reply address.
   */
  public static final String SUBMIT = "sutazai.inference.submit";

  /** {@code {"id"}}: removes a queued request or aborts a running one. Fire-and-forget. */
  public static final String CANCEL = "sutazai.inference.cancel";

  /** Replies with the queue depth per level, in flight, capacity and Ollama reachability. */
  public static final String STATUS = "sutazai.inference.status";

  /** Replies with Ollama's {@code /api/tags} answer. */
  public static final String MODELS = "sutazai.ollama.tags";

  /** {@code {"model"}} (plus Ollama's optional fields): replies with Ollama's {@code /api/show}. */
  public static final String SHOW = "sutazai.ollama.show";

  /** {@code {"model"}}: replies {@code {}} once deleted, or fails 404 when unknown. */
  public static final String DELETE = "sutazai.ollama.delete";

  /** Replies with Ollama's {@code /api/version}. */
  public static final String VERSION = "sutazai.ollama.version";

  /** Replies with Ollama's {@code /api/ps}. */
  public static final String RUNNING = "sutazai.ollama.ps";

  /**
   * {@code {"model","reply_address"}}: starts a pull; replies {@code {}} once Ollama accepted it,
   * then sends {@code progress} events and a final {@code done} or {@code error} event to the
   * reply address. Cancel with the same id as a chat.
   */
  public static final String PULL = "sutazai.ollama.pull";

  private InferenceAddresses() {
  }
}
