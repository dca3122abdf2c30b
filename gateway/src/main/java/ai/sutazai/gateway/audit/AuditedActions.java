package ai.sutazai.gateway.audit;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/**
 * Every mutating route the audit log records, with the action name of its rows and where its target comes
 * from. A new mutating route gets its line here.
 */
public final class AuditedActions {

  private static final List<AuditedAction> TABLE = List.of(
      AuditedAction.onPath(HttpMethod.DELETE, "/api/v1/conversations/(?<target>[^/]+)", "conversation.delete"),
      AuditedAction.onPath(HttpMethod.PATCH, "/api/v1/conversations/(?<target>[^/]+)", "conversation.rename"),
      AuditedAction.inBody(HttpMethod.POST, "/api/v1/models/pull", "model.pull", "name"),
      AuditedAction.inBody(HttpMethod.POST, "/api/pull", "model.pull", "model", "name"),
      AuditedAction.onPath(HttpMethod.DELETE, "/api/v1/models/(?<target>.+)", "model.delete"),
      AuditedAction.inBody(HttpMethod.DELETE, "/api/delete", "model.delete", "model", "name"),
      // The new key's id exists only once it is made: the key route names it with AuditRecorder.target.
      AuditedAction.inBody(HttpMethod.POST, "/api/v1/keys", "key.create", "name"),
      AuditedAction.onPath(HttpMethod.DELETE, "/api/v1/keys/(?<target>[^/]+)", "key.revoke"),
      // Tasks and workflows are named by their new id once made, also with AuditRecorder.target.
      AuditedAction.inBody(HttpMethod.POST, "/api/v1/tasks", "task.create", "type"),
      AuditedAction.onPath(HttpMethod.DELETE, "/api/v1/tasks/(?<target>[^/]+)", "task.cancel"),
      AuditedAction.named(HttpMethod.POST, "/api/v1/workflows", "workflow.create"),
      AuditedAction.inBody(HttpMethod.POST, "/api/v1/agents", "agent.create", "id"),
      AuditedAction.named(HttpMethod.POST, "/api/v1/agents/reload", "agent.reload"),
      AuditedAction.onPath(HttpMethod.PUT, "/api/v1/agents/(?<target>[^/]+)", "agent.update"),
      AuditedAction.onPath(HttpMethod.DELETE, "/api/v1/agents/(?<target>[^/]+)", "agent.delete"),
      AuditedAction.onPath(HttpMethod.POST, "/api/v1/agents/(?<target>[^/]+)/redeploy", "agent.redeploy"));

  private AuditedActions() {
  }

  /** The audited action this request performs, or empty when it is not one. */
  static Optional<AuditedAction> of(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    String path = ctx.normalizedPath();
    return TABLE.stream().filter(action -> action.matches(method, path)).findFirst();
  }
}
