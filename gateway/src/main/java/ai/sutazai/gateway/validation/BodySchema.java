package ai.sutazai.gateway.validation;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

/**
 * The JSON schema of each request body the gateway takes (files under {@code /schemas} on the
 * class path). A body is checked against its schema before a route does any work; unknown fields
 * are refused, so the OpenAI- and Ollama-compatible schemas list every field those APIs accept.
 */
public enum BodySchema {
  /** {@code POST /api/v1/chat}. */
  NATIVE_CHAT("native-chat.json"),
  /** A text frame of {@code /ws/chat}: a chat or a cancel. */
  CHAT_FRAME("chat-frame.json"),
  /** {@code PATCH /api/v1/conversations/{id}}. */
  CONVERSATION_RENAME("conversation-rename.json"),
  /** {@code POST /api/v1/keys}. */
  KEY_CREATE("key-create.json"),
  /** {@code POST /api/v1/models/pull}. */
  MODEL_PULL("model-pull.json"),
  /** {@code POST /v1/chat/completions}. */
  OPENAI_CHAT("openai-chat-completions.json"),
  /** {@code POST /api/chat}. */
  OLLAMA_CHAT("ollama-chat.json"),
  /** {@code POST /api/generate}. */
  OLLAMA_GENERATE("ollama-generate.json"),
  /** {@code POST /api/embed}. */
  OLLAMA_EMBED("ollama-embed.json"),
  /** {@code POST /api/show}. */
  OLLAMA_SHOW("ollama-show.json"),
  /** {@code POST /api/pull}. */
  OLLAMA_PULL("ollama-pull.json"),
  /** {@code DELETE /api/delete}. */
  OLLAMA_DELETE("ollama-delete.json"),
  /** {@code POST /api/v1/tasks}. */
  TASK_CREATE("task-create.json"),
  /** {@code POST /api/v1/workflows}. */
  WORKFLOW_START("workflow-start.json"),
  /** {@code POST /api/v1/agents}, and {@code PUT /api/v1/agents/{id}} once its id is filled in: the catalogue's agent. */
  AGENT("agent.json"),
  /** {@code PUT /api/v1/agents/{id}} as it arrives: any object, checked as {@link #AGENT} by the route. */
  AGENT_UPDATE("agent-update.json");

  private final String file;
  private final Validator validator;

  BodySchema(String file) {
    this.file = file;
    this.validator = SchemaLibrary.INSTANCE.validator(file);
  }

  /** The schema's file under {@code /schemas}. */
  public String file() {
    return file;
  }

  /**
   * Returns {@code body} when it follows the schema.
   *
   * @throws ai.sutazai.verticles.problem.ProblemException 400 naming the first field that breaks a
   *                                                       rule, by JSON pointer, and the rule
   */
  public JsonObject check(JsonObject body) {
    OutputUnit result = validator.validate(body);
    if (Boolean.TRUE.equals(result.getValid())) {
      return body;
    }
    throw new SchemaViolation(SchemaLibrary.INSTANCE, body, "").toException(result);
  }
}
