package ai.sutazai.agents.runtime;

import io.vertx.core.json.JsonObject;

/**
 * How the running part of an attempt ended, decided once by whichever comes first: the behaviour's result or
 * failure, the timeout, a cancel request, or the agent giving the task back.
 *
 * @param result  the task's result when {@link Kind#DONE}
 * @param failure why it failed when {@link Kind#FAILED}
 */
record Ending(Kind kind, JsonObject result, Throwable failure) {

  enum Kind { DONE, FAILED, CANCELLED, RETURNED }

  static Ending done(JsonObject result) {
    return new Ending(Kind.DONE, result, null);
  }

  static Ending failed(Throwable failure) {
    return new Ending(Kind.FAILED, null, failure);
  }

  static Ending cancelled() {
    return new Ending(Kind.CANCELLED, null, null);
  }

  static Ending returned() {
    return new Ending(Kind.RETURNED, null, null);
  }
}
