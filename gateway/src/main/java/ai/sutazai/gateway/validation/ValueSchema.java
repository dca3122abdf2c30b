package ai.sutazai.gateway.validation;

import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

/**
 * Rules for single values that appear both in bodies and in paths, so one schema serves both: a
 * conversation id in {@code conversation_id} and in {@code /api/v1/conversations/{id}}, a model
 * name in {@code model} and in {@code /api/v1/models/{name}}, an agent id in a task's {@code agent} and in
 * {@code /api/v1/agents/{id}}.
 */
public enum ValueSchema {
  CONVERSATION_ID("common.json#/$defs/conversation_id"),
  KEY_ID("common.json#/$defs/key_id"),
  MODEL_NAME("common.json#/$defs/model_name"),
  TASK_ID("common.json#/$defs/task_id"),
  WORKFLOW_ID("common.json#/$defs/workflow_id"),
  AGENT_ID("agent-catalogue.json#/$defs/agent/properties/id");

  private final Validator validator;

  ValueSchema(String ref) {
    this.validator = SchemaLibrary.INSTANCE.validatorOf(ref);
  }

  /**
   * Returns {@code value} when it follows the rule.
   *
   * @param name how the value is called in the problem, for example {@code path parameter id}
   * @throws ai.sutazai.verticles.problem.ProblemException 400 naming the value and the rule
   */
  public String check(String value, String name) {
    OutputUnit result = validator.validate(value);
    if (Boolean.TRUE.equals(result.getValid())) {
      return value;
    }
    throw new SchemaViolation(SchemaLibrary.INSTANCE, value, name).toException(result);
  }
}
