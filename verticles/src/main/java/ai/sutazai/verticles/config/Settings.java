package ai.sutazai.verticles.config;

import java.util.List;
import java.util.Optional;

/**
 * Every configuration key SutazAI understands. The JSON config is nested by section
 * ({@code {"queue": {"aging_ms": 30000}}}); a key not listed here is a configuration error.
 */
public final class Settings {

  public static final Setting HTTP_HOST = Setting.string("http.host", "0.0.0.0",
      "Address the gateway listens on");
  public static final Setting HTTP_PORT = Setting.integer("http.port", 10005, 0, 65535,
      "Port the gateway listens on (0 picks a free port)");
  public static final Setting HTTP_MAX_BODY_BYTES = Setting.integer("http.max_body_bytes", 1_048_576,
      1024, 64 * 1_048_576, "Largest request body accepted; larger ones get 413");
  public static final Setting HTTP_STREAM_BUFFER_BYTES = Setting.integer("http.stream_buffer_bytes",
      1_048_576, 4096, 64 * 1_048_576,
      "Bytes a streaming client may leave unread before its stream is ended and its generation cancelled");
  public static final Setting OLLAMA_URL = Setting.url("ollama.url", "http://localhost:11434",
      "Base URL of the Ollama server");
  public static final Setting OLLAMA_PARALLEL = Setting.integer("ollama.parallel", 1, 1, 256,
      "Generations in flight to Ollama at once (match OLLAMA_NUM_PARALLEL)");
  public static final Setting OLLAMA_BUSY_RETRIES = Setting.integer("ollama.busy_retries", 3, 0, 20,
      "Retries, with exponential backoff, when Ollama answers 503 server busy");
  public static final Setting OLLAMA_CONNECT_TIMEOUT_MS = Setting.integer("ollama.connect_timeout_ms",
      2000, 10, 120_000, "Timeout for opening a connection to Ollama");
  public static final Setting QUEUE_CAPACITY = Setting.integer("queue.capacity", 100, 1, 1_000_000,
      "Requests each priority level holds; a request finding its level full is rejected with 429");
  public static final Setting QUEUE_AGING_MS = Setting.longValue("queue.aging_ms", 30_000, 1,
      86_400_000, "Wait after which a queued request moves up one level (and again after each further interval)");
  public static final Setting QUEUE_DEADLINE_MS = Setting.longValue("queue.deadline_ms", 300_000, 1,
      86_400_000, "Default request deadline, covering queue wait and generation; expiry answers 504");
  public static final Setting MODELS_DEFAULT = Setting.string("models.default", "tinyllama:latest",
      "Model for model_type default");
  public static final Setting MODELS_REASONING = Setting.string("models.reasoning",
      "mistral:7b-instruct-q4_K_M", "Model for model_type reasoning");
  public static final Setting MODELS_CODING = Setting.string("models.coding",
      "deepseek-coder:6.7b-instruct-q4_K_M", "Model for model_type coding");
  public static final Setting MODELS_ANALYSIS = Setting.string("models.analysis",
      "qwen2:7b-instruct-q4_K_M", "Model for model_type analysis");
  public static final Setting DATA_DIR = Setting.string("data.dir", "./data",
      "Directory of SutazAI's own files; the embedded PostgreSQL keeps its cluster in data.dir/postgres");
  public static final Setting AGENTS_FILE = Setting.string("agents.file", "conf/agents.json",
      "The agent catalogue; when left at this default and the file is absent, the catalogue built into the jar is used");
  public static final Setting AGENTS_WATCH_INTERVAL_MS = Setting.integer("agents.watch_interval_ms", 1000, 10,
      3_600_000, "How often agents.file and the jars under plugins.dir are checked for changes");
  public static final Setting AGENTS_WATCH_DEBOUNCE_MS = Setting.integer("agents.watch_debounce_ms", 500, 1,
      600_000, "How long agents.file and the plugin jars must stay unchanged after a change before it is read");
  public static final Setting AGENTS_METRICS_INTERVAL_MS = Setting.integer("agents.metrics_interval_ms", 60_000, 0,
      86_400_000, "How often each agent's in-flight, completed and failed counts and whether it runs are recorded in "
          + "the agent_metrics table; 0 records nothing");
  public static final Setting PLUGINS_DIR = Setting.string("plugins.dir", "./plugins",
      "Directory of the plugin jars that agents naming class and jar load their code from");
  public static final Setting PG_URL = Setting.optionalUrl("pg.url",
      "External PostgreSQL, postgresql://user:password@host:port/database; empty runs an embedded PostgreSQL",
      "postgresql", "postgres");
  public static final Setting PG_POOL_SIZE = Setting.integer("pg.pool_size", 8, 1, 200,
      "Connections of the shared PostgreSQL pool");
  public static final Setting PG_CONNECT_TIMEOUT_MS = Setting.integer("pg.connect_timeout_ms", 5000, 100,
      120_000, "Timeout for opening a PostgreSQL connection");
  public static final Setting REDIS_URL = Setting.optionalUrl("redis.url",
      "External Redis, redis://[user:password@]host:port[/db]; empty uses the in-process cache", "redis", "rediss");
  public static final Setting RABBITMQ_URL = Setting.optionalUrl("rabbitmq.url",
      "External RabbitMQ carrying tasks and agent events, amqp://user:password@host:port[/vhost]; empty keeps them in-process",
      "amqp", "amqps");
  public static final Setting RABBITMQ_CONFIRM_TIMEOUT_MS = Setting.integer("rabbitmq.confirm_timeout_ms", 5000,
      100, 120_000, "How long a task publish waits for RabbitMQ's confirm before it fails (the task stays pending)");
  public static final Setting RABBITMQ_RECONNECT_MAX_DELAY_MS = Setting.integer("rabbitmq.reconnect_max_delay_ms",
      10_000, 100, 600_000, "Ceiling of the doubling wait between attempts to reach RabbitMQ again");
  public static final Setting TASKS_MAX_ATTEMPTS = Setting.integer("tasks.max_attempts", 3, 1, 100,
      "Attempts a task gets; when the last one fails the task is dead-lettered");
  public static final Setting TASKS_RETRY_BACKOFF_MS = Setting.longValue("tasks.retry_backoff_ms", 1000, 0,
      3_600_000, "Wait before a failed task is retried, doubling with each further attempt up to 1 h");
  public static final Setting TASKS_OUTBOX_INTERVAL_MS = Setting.integer("tasks.outbox_interval_ms", 1000, 10,
      3_600_000, "How often the task outbox is drained as a safety net (it is also drained after each change that frees a task)");
  public static final Setting TASKS_COUNT_INTERVAL_MS = Setting.integer("tasks.count_interval_ms", 15_000, 100,
      3_600_000, "How often tasks are counted by status in PostgreSQL for the sutazai_tasks gauge and the outbox size");
  public static final Setting CACHE_MAX_ENTRIES = Setting.integer("cache.max_entries", 10_000, 1, 10_000_000,
      "Entries the in-process cache holds at most (least recently used go first)");
  public static final Setting CACHE_MAX_ANSWER_BYTES = Setting.integer("cache.max_answer_bytes", 262_144, 1024,
      16 * 1_048_576, "Largest answer (UTF-8 bytes) kept in the inference cache; larger ones are not cached");
  public static final Setting CACHE_INFERENCE_TTL_S = Setting.integer("cache.inference_ttl_s", 7200, 1,
      30 * 86_400, "How long a cached inference answer lives");
  public static final Setting HISTORY_MAX_MESSAGES = Setting.integer("history.max_messages", 50, 0, 10_000,
      "Newest stored messages of a conversation sent to the model before a new message");
  public static final Setting HISTORY_MAX_TOKENS = Setting.integer("history.max_tokens", 4096, 0, 10_000_000,
      "Token budget of that history (stored counts, else about 4 characters a token); oldest messages go first");
  public static final Setting AUTH = Setting.choice("auth", "on", List.of("on", "off"),
      "Authentication of every request but health and readiness; off is for local development only and logs a warning");
  public static final Setting JWT_SECRET = Setting.optionalString("jwt.secret",
      "HS256 secret of tokens, at least 32 bytes; empty uses jwt.key_file, jwt.jwks_url or data.dir/jwt.secret (created on first start)");
  public static final Setting JWT_KEY_FILE = Setting.optionalString("jwt.key_file",
      "PEM file with the public key verifying RS256 or ES256 tokens, and optionally the private key that mints them");
  public static final Setting JWT_JWKS_URL = Setting.optionalUrl("jwt.jwks_url",
      "JWKS URL whose keys verify RS256 or ES256 tokens (fetched at start and every 10 minutes)", "http", "https");
  public static final Setting JWT_ISSUER = Setting.optionalString("jwt.issuer",
      "Issuer (iss) every token must name when set; minted tokens carry it");
  public static final Setting JWT_AUDIENCE = Setting.optionalString("jwt.audience",
      "Audience (aud) every token must name when set; minted tokens carry it");
  public static final Setting JWT_LEEWAY_S = Setting.integer("jwt.leeway_s", 30, 0, 300,
      "Clock skew, in seconds, allowed when checking a token's exp and nbf");
  public static final Setting METRICS_PUBLIC = Setting.bool("metrics.public", false,
      "Serve /metrics without a token (otherwise admin, operator and viewer may read it)");
  public static final Setting RATELIMIT_ENABLED = Setting.bool("ratelimit.enabled", true,
      "Whether each authenticated subject's requests are counted against its role's limits (probes and /metrics never are)");
  public static final Setting RATELIMIT_ADMIN_PER_MINUTE = perMinute("admin");
  public static final Setting RATELIMIT_ADMIN_PER_HOUR = perHour("admin");
  public static final Setting RATELIMIT_OPERATOR_PER_MINUTE = perMinute("operator");
  public static final Setting RATELIMIT_OPERATOR_PER_HOUR = perHour("operator");
  public static final Setting RATELIMIT_USER_PER_MINUTE = perMinute("user");
  public static final Setting RATELIMIT_USER_PER_HOUR = perHour("user");
  public static final Setting RATELIMIT_VIEWER_PER_MINUTE = perMinute("viewer");
  public static final Setting RATELIMIT_VIEWER_PER_HOUR = perHour("viewer");
  public static final Setting LIMITS_MAX_MESSAGES = Setting.integer("limits.max_messages", 1000, 1, 1_000_000,
      "Messages one chat request may carry on every chat surface; more get 413");
  public static final Setting LIMITS_MAX_MESSAGE_CHARS = Setting.integer("limits.max_message_chars", 262_144, 1,
      64 * 1_048_576, "Characters one chat message or prompt may hold on every chat surface; longer get 413");
  public static final Setting LIMITS_MAX_CONVERSATIONS_PER_SOCKET = Setting.integer(
      "limits.max_conversations_per_socket", 16, 1, 10_000,
      "Chats one /ws/chat connection may run at once; a further chat frame gets a 400 error frame");
  public static final Setting CORS_ALLOWED_ORIGINS = Setting.optionalString("cors.allowed_origins",
      "Comma-separated origins (https://app.example) allowed cross-origin requests, or * for any; empty allows same-origin only");
  public static final Setting CORS_ALLOWED_METHODS = Setting.string("cors.allowed_methods", "GET,HEAD,POST,PATCH,DELETE",
      "Comma-separated methods a cross-origin request may use");
  public static final Setting CORS_ALLOWED_HEADERS = Setting.string("cors.allowed_headers",
      "Authorization,Content-Type,X-Request-ID,X-Priority", "Comma-separated request headers a cross-origin request may send");
  public static final Setting TLS_CERT = Setting.optionalString("tls.cert",
      "PEM certificate (chain) file; set with tls.key, the gateway serves HTTPS and WSS instead of HTTP on its port");
  public static final Setting TLS_KEY = Setting.optionalString("tls.key", "PEM private key file of tls.cert");
  public static final Setting LOG_FORMAT = Setting.choice("log.format", "text", List.of("text", "json"),
      "Log lines as text, or as one JSON object per line (ts, level, logger, thread, message, request_id, exception)");
  public static final Setting SHUTDOWN_GRACE_MS = Setting.longValue("shutdown.grace_ms", 10_000, 0,
      600_000, "How long running streams may finish after SIGTERM before SutazAI exits");

  public static final List<Setting> ALL = List.of(
      HTTP_HOST, HTTP_PORT, HTTP_MAX_BODY_BYTES, HTTP_STREAM_BUFFER_BYTES,
      OLLAMA_URL, OLLAMA_PARALLEL, OLLAMA_BUSY_RETRIES, OLLAMA_CONNECT_TIMEOUT_MS,
      QUEUE_CAPACITY, QUEUE_AGING_MS, QUEUE_DEADLINE_MS,
      MODELS_DEFAULT, MODELS_REASONING, MODELS_CODING, MODELS_ANALYSIS,
      DATA_DIR, AGENTS_FILE, AGENTS_WATCH_INTERVAL_MS, AGENTS_WATCH_DEBOUNCE_MS, AGENTS_METRICS_INTERVAL_MS,
      PLUGINS_DIR,
      PG_URL, PG_POOL_SIZE, PG_CONNECT_TIMEOUT_MS, REDIS_URL,
      RABBITMQ_URL, RABBITMQ_CONFIRM_TIMEOUT_MS, RABBITMQ_RECONNECT_MAX_DELAY_MS, TASKS_MAX_ATTEMPTS,
      TASKS_RETRY_BACKOFF_MS, TASKS_OUTBOX_INTERVAL_MS, TASKS_COUNT_INTERVAL_MS,
      CACHE_MAX_ENTRIES, CACHE_MAX_ANSWER_BYTES, CACHE_INFERENCE_TTL_S,
      HISTORY_MAX_MESSAGES, HISTORY_MAX_TOKENS,
      AUTH, JWT_SECRET, JWT_KEY_FILE, JWT_JWKS_URL, JWT_ISSUER, JWT_AUDIENCE, JWT_LEEWAY_S, METRICS_PUBLIC,
      RATELIMIT_ENABLED, RATELIMIT_ADMIN_PER_MINUTE, RATELIMIT_ADMIN_PER_HOUR,
      RATELIMIT_OPERATOR_PER_MINUTE, RATELIMIT_OPERATOR_PER_HOUR, RATELIMIT_USER_PER_MINUTE, RATELIMIT_USER_PER_HOUR,
      RATELIMIT_VIEWER_PER_MINUTE, RATELIMIT_VIEWER_PER_HOUR,
      LIMITS_MAX_MESSAGES, LIMITS_MAX_MESSAGE_CHARS, LIMITS_MAX_CONVERSATIONS_PER_SOCKET,
      CORS_ALLOWED_ORIGINS, CORS_ALLOWED_METHODS, CORS_ALLOWED_HEADERS,
      TLS_CERT, TLS_KEY,
      LOG_FORMAT, SHUTDOWN_GRACE_MS);

  private Settings() {
  }

  /** {@code ratelimit.{role}_per_minute}: requests a subject of {@code role} may make per clock minute. */
  public static Setting rateLimitPerMinute(String role) {
    return byPath("ratelimit." + role + "_per_minute").orElseThrow();
  }

  /** {@code ratelimit.{role}_per_hour}: requests a subject of {@code role} may make per clock hour. */
  public static Setting rateLimitPerHour(String role) {
    return byPath("ratelimit." + role + "_per_hour").orElseThrow();
  }

  private static Setting perMinute(String role) {
    return Setting.integer("ratelimit." + role + "_per_minute", 60, 1, 1_000_000,
        "Requests a subject with role " + role + " may make per clock minute; more get 429");
  }

  private static Setting perHour(String role) {
    return Setting.integer("ratelimit." + role + "_per_hour", 1000, 1, 100_000_000,
        "Requests a subject with role " + role + " may make per clock hour; more get 429");
  }

  public static Optional<Setting> byPath(String path) {
    return ALL.stream().filter(s -> s.path().equals(path)).findFirst();
  }
}
