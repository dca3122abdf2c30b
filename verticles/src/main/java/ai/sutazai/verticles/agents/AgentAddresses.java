package ai.sutazai.verticles.agents;

/**
 * Event-bus addresses of the agent runtime: the supervisor's (served by the agent supervisor in the
 * verticles module), the workflows' (served by the agents module) and the one each deployed agent takes its
 * tasks at. Every body is a {@code JsonObject}; failures are {@code ReplyException}s whose code is an HTTP
 * status and whose message is a problem object encoded as JSON ({@link ai.sutazai.verticles.problem.Problem}).
 *
 * <p>An agent's status in a reply: {@code {"id", "name", "type", "status", "instances", "in_flight",
 * "completed", "failed", "deployed_at", "deployment_id", "error", "definition"}} where {@code status} is
 * deploying, running, draining, stopped or failed, {@code deployed_at} the ISO-8601 time of the current
 * deployment (null while none runs), {@code error} why the last deployment failed (else null) and
 * {@code definition} the agent in the catalogue's format.
 *
 * <p>The supervisor makes one change of the running agents at a time, in the order asked (CREATE, UPDATE,
 * DELETE, REDEPLOY, RELOAD and the agents file watcher's changes); a reply comes once its change is done. A
 * refused catalogue or agent fails 422 with the problem type {@code urn:sutazai:problem:invalid-agent-catalogue}
 * and the extension {@code "errors": [{"agent", "pointer", "message"}]} ({@code agent} the id, null for the
 * catalogue as a whole; {@code pointer} a JSON pointer into the request, {@code /agent/instances}, for errors in
 * the agent it sent, else into the agents file, {@code /agents/3/jar}), and leaves the file and every agent as
 * they were. A request without a JSON body or a required field fails 400.
 */
public final class AgentAddresses {

  /** {@code {}}: replies {@code {"agents": [status, ...]}} in id order, agents still draining out of it included. */
  public static final String LIST = "sutazai.agents.list";

  /** {@code {"id"}}: replies the agent's status, or fails 404. */
  public static final String GET = "sutazai.agents.get";

  /**
   * {@code {"agent": {...}}} an agent in the catalogue's format: checks it with the whole catalogue it results in
   * (schema, rules, its plugin jar under {@code plugins.dir}), adds it after the others, writes the agents file
   * and deploys it; replies its status once deployed (running, deploying while the task bus does not answer yet,
   * or failed with its error). 409 when the id is taken, 422 when the agent or the resulting catalogue is
   * invalid (nothing changes).
   */
  public static final String CREATE = "sutazai.agents.create";

  /**
   * {@code {"id", "agent": {...}}}: replaces the agent's definition (its {@code id} must be {@code id} or absent),
   * checks and writes the agents file as CREATE does and redeploys it; replies its status once deployed again.
   * 404 unknown id, 422 invalid (an {@code agent.id} other than {@code id} included).
   */
  public static final String UPDATE = "sutazai.agents.update";

  /**
   * {@code {"id"}}: removes the agent from the agents file, then drains and undeploys it; replies {@code {}} once
   * it is gone. 404 unknown id.
   */
  public static final String DELETE = "sutazai.agents.delete";

  /**
   * {@code {"id"}}: redeploys the agent as it is defined (drained first; the plugin jar's current code in a new
   * class loader); replies its status once deployed again. 404 unknown id.
   */
  public static final String REDEPLOY = "sutazai.agents.redeploy";

  /**
   * {@code {}}: reads the agents file and the plugin jars now and applies what changed, as the file watcher
   * does; replies {@code {"added": [ids], "removed": [ids], "changed": [ids]}}, or fails 422 with the errors
   * (problem extension {@code "errors": [{"agent", "pointer", "message"}]}) leaving every agent as it was.
   */
  public static final String RELOAD = "sutazai.agents.reload";

  /**
   * {@code {"type", "agent"?}}: the agent a new task goes to: {@code agent} (an id or a name) when given, 404 when
   * no agent has it and 422 when that agent does not take {@code type}; else the first agent in id order whose
   * capabilities include {@code type}, 422 naming the type when none does (problem type
   * {@code urn:sutazai:problem:unroutable-task}, with the nearest capability when one is close). Uses the
   * catalogue in force, whatever the agents' status. Replies {@code {"agent": id, "type": family}}.
   */
  public static final String ROUTE = "sutazai.agents.route";

  /**
   * {@code {}}: replies {@code {"ready": bool, "agents": n, "running": n, "failed": [ids]}}: ready once every
   * agent of the catalogue has been deployed once since it joined it (running, or failed with its error); an
   * agent deployed but waiting for the task bus is not yet. {@code failed} lists the agents failed now.
   */
  public static final String READINESS = "sutazai.agents.readiness";

  /**
   * {@code {"owner", "goal", "priority"?}} (goal 1..20000 characters, priority 1..10, default 5): stores a
   * workflow, whose first task asks the coordinator for a plan; replies {@code {"id", "status"}} at once.
   */
  public static final String WORKFLOW_START = "sutazai.workflows.start";

  /**
   * {@code {"id", "owner"?}}: replies {@code {"id", "goal", "status", "plan", "steps": [{"id", "task_id",
   * "instruction", "capability", "depends_on", "status", "agent", "result", "error"}], "answer", "error",
   * "created_at", "updated_at"}} where status is planning, running, combining, completed, failed or cancelled;
   * 404 for an unknown workflow or another owner's.
   */
  public static final String WORKFLOW_GET = "sutazai.workflows.get";

  private static final String DELIVERIES = "sutazai.agent.tasks.";

  private AgentAddresses() {
  }

  /**
   * Where agent {@code agentId}'s deployment takes its tasks: each instance consumes it. The task bus sends
   * {@code {"task": task, "attempt": n, "max_attempts": m, "redelivered": bool}} ({@code task} as the storage
   * addresses describe it, read when it was published) and waits for {@code {"settle": s, "reason"?}}:
   * <ul>
   *   <li>{@code ack}: the task is settled (completed, cancelled, or already final: a redelivered copy);</li>
   *   <li>{@code retry}: the attempt failed and the task was moved back to queued; deliver it again after the
   *       backoff, as attempt n + 1;</li>
   *   <li>{@code reject}: the last attempt failed; dead-letter it with {@code reason};</li>
   *   <li>{@code requeue}: the agent did not start it (draining, or at its concurrency); hand it out again
   *       without counting an attempt.</li>
   * </ul>
   * No handler at the address (the agent is being redeployed) counts as {@code requeue}.
   */
  public static String deliveries(String agentId) {
    return DELIVERIES + agentId;
  }
}
