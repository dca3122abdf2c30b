package ai.sutazai.inference;

import ai.sutazai.inference.cache.AnswerRecorder;
import ai.sutazai.inference.cache.CacheReplay;
import ai.sutazai.inference.cache.CachedAnswer;
import ai.sutazai.inference.cache.InferenceCache;
import ai.sutazai.verticles.bus.BusMessages;
import ai.sutazai.verticles.inference.InferenceRequest;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Context;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes every submission. A chat or generation the cache may answer is looked up first: a hit is
 * acknowledged and replayed at once, without the queue or Ollama (so also when its level is full
 * or every slot is busy); a miss, and every other request, goes to the scheduler, a miss with a
 * recorder that caches its answer once it is done. Knows each request from submission to its last
 * event, so ids stay unique and a cancellation finds it wherever it is.
 */
final class CacheFirstAdmission {

  private static final Logger LOG = LoggerFactory.getLogger(CacheFirstAdmission.class);

  private final Context context;
  private final InferenceScheduler scheduler;
  private final InferenceCache cache;
  private final InferenceMeters meters;
  private final Map<String, Message<Object>> lookingUp = new HashMap<>();
  private final Map<String, CacheReplay> replaying = new HashMap<>();

  CacheFirstAdmission(Context context, InferenceScheduler scheduler, InferenceCache cache, InferenceMeters meters) {
    this.context = context;
    this.scheduler = scheduler;
    this.cache = cache;
    this.meters = meters;
  }

  /** Answers {@code message} (the SUBMIT) with the acknowledgement or the refusal. */
  void submit(Message<Object> message, InferenceRequest request, String model) {
    String id = request.id();
    if (scheduler.knows(id) || lookingUp.containsKey(id) || replaying.containsKey(id)) {
      BusMessages.fail(message, InferenceScheduler.idInUse(id));
      return;
    }
    long submittedNanos = System.nanoTime();
    if (!cache.isCacheable(request)) {
      admit(message, request, model, submittedNanos, AnswerRecorder.none());
      return;
    }
    String key = cache.key(request, model);
    lookingUp.put(id, message);
    cache.lookup(key, id).onSuccess(answer -> {
      if (lookingUp.remove(id, message)) {
        afterLookup(message, request, model, key, answer, submittedNanos);
      }
    });
  }

  /** Removes, aborts or stops the request with this id, counting it as cancelled; false when none is known. */
  boolean cancel(String id) {
    boolean cancelled = cancelAnywhere(id);
    if (cancelled) {
      meters.rejected(InferenceMeters.Rejection.CANCELLED);
    }
    return cancelled;
  }

  private boolean cancelAnywhere(String id) {
    if (scheduler.cancel(id)) {
      return true;
    }
    CacheReplay replay = replaying.get(id);
    if (replay != null) {
      return replay.stop(ProblemType.CANCELLED.problem("the request was cancelled while its cached answer was sent"));
    }
    Message<Object> waiting = lookingUp.remove(id);
    if (waiting != null) {
      BusMessages.fail(waiting, ProblemType.CANCELLED.problem("the request was cancelled before it was queued"));
      return true;
    }
    return false;
  }

  /** Ends every request with this problem (the verticle is stopping). */
  void shutdown(Problem problem) {
    scheduler.shutdown(problem);
    new ArrayList<>(replaying.values()).forEach(replay -> replay.stop(problem));
    lookingUp.values().forEach(waiting -> BusMessages.fail(waiting, problem));
    lookingUp.clear();
  }

  private void afterLookup(Message<Object> message, InferenceRequest request, String model, String key,
      CachedAnswer answer, long submittedNanos) {
    try {
      if (answer != null) {
        replay(message, request, answer, submittedNanos);
      } else {
        admit(message, request, model, submittedNanos, cache.recorder(key, request.id()));
      }
    } catch (RuntimeException e) {
      LOG.error("request {} failed after its cache lookup", request.id(), e);
      BusMessages.fail(message, ProblemType.INTERNAL.problem("the inference service failed on this request"));
    }
  }

  private void admit(Message<Object> message, InferenceRequest request, String model, long submittedNanos,
      AnswerRecorder recorder) {
    Problem refused = scheduler.submit(request, model, submittedNanos, recorder, () -> message.reply(queued()));
    if (refused != null) {
      BusMessages.fail(message, refused);
    }
  }

  private void replay(Message<Object> message, InferenceRequest request, CachedAnswer answer, long submittedNanos) {
    message.reply(queued());
    CacheReplay replay = new CacheReplay(context, context.owner().eventBus(), request.replyAddress(), answer,
        submittedNanos, () -> replaying.remove(request.id()));
    replaying.put(request.id(), replay);
    replay.start();
  }

  private static JsonObject queued() {
    return new JsonObject().put("queued", true);
  }
}
