package ai.sutazai.verticles.problem;

/**
 * The kinds of failure SutazAI reports, each with its HTTP status and a stable type URI
 * ({@code urn:sutazai:problem:<slug>}) that clients can match on.
 */
public enum ProblemType {
  INVALID_REQUEST(400, "invalid-request", "Invalid request"),
  MALFORMED_JSON(400, "malformed-json", "Malformed JSON"),
  UNAUTHORIZED(401, "unauthorized", "Authentication required"),
  FORBIDDEN(403, "forbidden", "Forbidden"),
  ORIGIN_NOT_ALLOWED(403, "origin-not-allowed", "Origin not allowed"),
  NOT_FOUND(404, "not-found", "Not found"),
  MODEL_NOT_FOUND(404, "model-not-found", "Model not found"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
  NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
  CONFLICT(409, "conflict", "Conflict"),
  PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
  UNROUTABLE_TASK(422, "unroutable-task", "No agent takes the task"),
  INVALID_AGENT_CATALOGUE(422, "invalid-agent-catalogue", "Invalid agent catalogue"),
  QUEUE_FULL(429, "queue-full", "Inference queue level is full"),
  RATE_LIMITED(429, "rate-limited", "Rate limit exceeded"),
  CANCELLED(499, "cancelled", "Request cancelled"),
  INTERNAL(500, "internal", "Internal error"),
  OLLAMA_ERROR(502, "ollama-error", "Ollama failed"),
  OLLAMA_UNREACHABLE(503, "ollama-unreachable", "Ollama is not reachable"),
  OLLAMA_BUSY(503, "ollama-busy", "Ollama is busy"),
  SERVICE_UNAVAILABLE(503, "service-unavailable", "Service unavailable"),
  STORAGE_UNAVAILABLE(503, "storage-unavailable", "Storage unavailable"),
  STREAM_STALLED(503, "stream-stalled", "Client stopped reading"),
  DEADLINE_EXCEEDED(504, "deadline-exceeded", "Deadline exceeded");

  private final int status;
  private final String slug;
  private final String title;

  ProblemType(int status, String slug, String title) {
    this.status = status;
    this.slug = slug;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String uri() {
    return "urn:sutazai:problem:" + slug;
  }

  public String title() {
    return title;
  }

  /** Creates a problem of this type with the given detail. */
  public Problem problem(String detail) {
    return new Problem(uri(), title, status, detail);
  }

  public static ProblemType fromUri(String uri) {
    for (ProblemType t : values()) {
      if (t.uri().equals(uri)) {
        return t;
      }
    }
    return null;
  }
}
