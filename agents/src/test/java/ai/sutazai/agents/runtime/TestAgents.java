package ai.sutazai.agents.runtime;

import ai.sutazai.verticles.agents.AgentDefinition;
import ai.sutazai.verticles.agents.AgentFamily;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Agent definitions for the runtime's tests. */
public final class TestAgents {

  private TestAgents() {
  }

  /** A prompt agent with a concrete model, {@code maxConcurrent} tasks at once and a timeout of {@code timeoutSeconds}. */
  public static AgentDefinition summarizer(int maxConcurrent, int timeoutSeconds) {
    return new AgentDefinition("ag-100", "summarizer", AgentFamily.SPECIALIZED, List.of("summarize"), null,
        "llama3.2:1b", "You summarize.", 1, maxConcurrent, timeoutSeconds, new JsonObject().put("temperature", 0.2),
        null, null);
  }

  public static AgentDefinition coordinator() {
    return new AgentDefinition("ag-001", "agentzero-coordinator", AgentFamily.ORCHESTRATION,
        List.of("task_routing", "workflow_plan", "workflow_combine"), null, "qwen2:7b", "You coordinate.", 1, 4, 30,
        new JsonObject(), null, null);
  }

  public static AgentDefinition writer() {
    return new AgentDefinition("ag-065", "document-writer", AgentFamily.SPECIALIZED, List.of("documentation"), null,
        "llama3.2:1b", "You write documents.", 1, 2, 30, new JsonObject(), null, null);
  }

  public static AgentDefinition reviewer() {
    return new AgentDefinition("ag-007", "code-checker", AgentFamily.DEVELOPMENT, List.of("code_review", "testing"),
        null, "llama3.2:1b", "You review code.", 1, 2, 30, new JsonObject(), null, null);
  }

  /** The senior backend developer, by the name its own logic serves. */
  public static AgentDefinition backendDeveloper() {
    return new AgentDefinition("ag-007", "senior-backend-developer", AgentFamily.DEVELOPMENT,
        List.of("api_design", "code_review"), null, "llama3.2:1b", "You design APIs.", 1, 2, 30, new JsonObject(),
        null, null);
  }

  /** An agent whose code is {@code pluginClass} from {@code jar}. */
  public static AgentDefinition plugin(String pluginClass, String jar) {
    return new AgentDefinition("ag-200", "word-reverser", AgentFamily.SPECIALIZED, List.of("reverse_words"), null,
        "llama3.2:1b", "You reverse words.", 1, 1, 30, new JsonObject(), pluginClass, jar);
  }
}
