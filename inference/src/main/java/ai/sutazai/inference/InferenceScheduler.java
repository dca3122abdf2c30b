package ai.sutazai.inference;

import ai.sutazai.inference.cache.AnswerRecorder;
import ai.sutazai.inference.ollama.OllamaClient;
import ai.sutazai.inference.queue.PriorityInferenceQueue;
import ai.sutazai.verticles.inference.InferenceEvent;
import ai.sutazai.verticles.inference.InferenceKind;
import ai.sutazai.verticles.inference.InferenceRequest;
import ai.sutazai.verticles.inference.Priority;
import ai.sutazai.verticles.problem.Problem;
import ai.sutazai.verticles.problem.ProblemType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single drainer of the priority queue: admits requests (or rejects them when their level is
 * full), keeps at most {@code parallel} generations in flight and starts the next one the moment
 * a slot frees, enforces every request's deadline, and cancels queued or running requests. Every
 * request ends with exactly one {@code done} or {@code error} event. Runs on one event loop.
 */
final class InferenceScheduler {

  private static final Logger LOG = LoggerFactory.getLogger(InferenceScheduler.class);
  private static final Set<ProblemType> OLLAMA_FAILURES =
      EnumSet.of(ProblemType.OLLAMA_ERROR, ProblemType.OLLAMA_BUSY, ProblemType.OLLAMA_UNREACHABLE);

  private final Vertx vertx;
  private final OllamaClient ollama;
  private final PriorityInferenceQueue<InferenceJob> queue;
  private final int parallel;
  private final long defaultDeadlineMs;
  private final InferenceMeters meters;
  private final Map<String, InferenceJob> jobs = new HashMap<>();
  private int inFlight;
  private boolean dispatching;

  InferenceScheduler(Vertx vertx, OllamaClient ollama, PriorityInferenceQueue<InferenceJob> queue, int parallel,
      long defaultDeadlineMs, InferenceMeters meters) {
    this.vertx = vertx;
    this.ollama = ollama;
    this.queue = queue;
    this.parallel = parallel;
    this.defaultDeadlineMs = defaultDeadlineMs;
    this.meters = meters;
  }

  /**
   * Queues a request, runs {@code accepted} (the acknowledgement) and dispatches. Its deadline and
   * timings count from {@code submittedNanos}; {@code recorder} sees its tokens and its done event.
   *
   * @return the problem when the request is refused (its level is full, or its id is in use);
   *     nothing is queued then
   */
  Problem submit(InferenceRequest request, String model, long submittedNanos, AnswerRecorder recorder,
      Runnable accepted) {
    if (knows(request.id())) {
      return idInUse(request.id());
    }
    long deadlineMs = request.timeoutMs() > 0 ? request.timeoutMs() : defaultDeadlineMs;
    InferenceJob job = new InferenceJob(request, model, deadlineMs, submittedNanos, recorder);
    Priority priority = request.priority();
    if (!queue.offer(job, priority, nowMs())) {
      meters.rejected(InferenceMeters.Rejection.FULL);
      return ProblemType.QUEUE_FULL.problem("the " + priority.wireName() + " level of the inference queue is full ("
          + queue.capacity() + " waiting); try again later");
    }
    jobs.put(job.id(), job);
    job.deadlineTimer(vertx.setTimer(job.msToDeadline(), id -> expire(job)));
    accepted.run();
    dispatch();
    return null;
  }

  /** Whether a queued or running request has this id. */
  boolean knows(String id) {
    return jobs.containsKey(id);
  }

  static Problem idInUse(String id) {
    return ProblemType.INVALID_REQUEST.problem("request id '" + id + "' is already in use");
  }

  /** Removes a queued request or aborts a running one; false when no such request is known. */
  boolean cancel(String id) {
    InferenceJob job = jobs.get(id);
    if (job == null) {
      return false;
    }
    LOG.debug("request {} cancelled while {}", id, job.state());
    abortAndFinish(job, ProblemType.CANCELLED.problem("the request was cancelled while "
        + (job.state() == InferenceJob.State.RUNNING ? "generating" : "queued")));
    return true;
  }

  private void expire(InferenceJob job) {
    job.deadlineTimer(-1);
    if (job.finished()) {
      return;
    }
    String where = job.state() == InferenceJob.State.RUNNING
        ? "while generating (after " + job.queueMs() + " ms in the queue)"
        : "while queued";
    LOG.info("request {} passed its deadline of {} ms {}", job.id(), job.deadlineMs(), where);
    meters.rejected(InferenceMeters.Rejection.DEADLINE);
    abortAndFinish(job, ProblemType.DEADLINE_EXCEEDED.problem("the request passed its deadline of "
        + job.deadlineMs() + " ms " + where));
  }

  /** Ends every request with this problem (the verticle is stopping). */
  void shutdown(Problem problem) {
    for (InferenceJob job : new ArrayList<>(jobs.values())) {
      abortAndFinish(job, problem);
    }
  }

  private void abortAndFinish(InferenceJob job, Problem problem) {
    if (job.call() != null) {
      job.call().abort();
    }
    complete(job, InferenceEvent.error(problem));
  }

  private void dispatch() {
    if (dispatching) {
      return;
    }
    dispatching = true;
    try {
      while (inFlight < parallel) {
        InferenceJob job = queue.poll(nowMs());
        if (job == null) {
          break;
        }
        start(job);
      }
    } finally {
      dispatching = false;
    }
  }

  private void start(InferenceJob job) {
    inFlight++;
    job.dispatched();
    InferenceRequest request = job.request();
    meters.queueWait(request.priority(), job.queueNanos());
    JsonObject body = request.body().copy().put("model", job.model());
    body.remove("cache");
    if (request.kind() != InferenceKind.EMBED) {
      body.put("stream", true);
    }
    GenerationRelay relay = new GenerationRelay(job, vertx.eventBus(), meters, event -> complete(job, event));
    job.call(ollama.stream(request.kind().ollamaPath(), body, relay));
  }

  /** Sends the request's terminal event once, releases its timer and queue place or slot, dispatches. */
  private void complete(InferenceJob job, JsonObject terminalEvent) {
    boolean wasRunning = job.state() == InferenceJob.State.RUNNING;
    if (!job.finish()) {
      return;
    }
    if (job.deadlineTimer() >= 0) {
      vertx.cancelTimer(job.deadlineTimer());
    }
    jobs.remove(job.id());
    if (!wasRunning) {
      queue.remove(job);
    } else if (job.wasAcceptedByOllama()) {
      meters.ollamaRequest(job.model(), job.runningNanos());
    }
    if (InferenceEvent.ERROR.equals(InferenceEvent.type(terminalEvent))) {
      Problem problem = InferenceEvent.problemOf(terminalEvent);
      if (OLLAMA_FAILURES.contains(ProblemType.fromUri(problem.type()))) {
        LOG.warn("request {} for {} failed: {}", job.id(), job.model(), problem.detail());
      }
    }
    vertx.eventBus().send(job.request().replyAddress(), terminalEvent);
    if (wasRunning) {
      inFlight--;
      dispatch();
    }
  }

  int inFlight() {
    return inFlight;
  }

  int parallel() {
    return parallel;
  }

  PriorityInferenceQueue<InferenceJob> queue() {
    return queue;
  }

  private static long nowMs() {
    return System.nanoTime() / 1_000_000L;
  }
}
