package ai.sutazai.inference;

import ai.sutazai.inference.cache.AnswerRecorder;
import ai.sutazai.inference.ollama.OllamaStreamCall;
import ai.sutazai.verticles.inference.InferenceRequest;
import java.util.concurrent.TimeUnit;

/**
 * One request's life in the inference verticle: queued, running (with its Ollama call), finished.
 * Also keeps the moments its timings are measured from, all on the monotonic clock:
 * {@code queue_ms} is submission to dispatch, {@code ttft_ms} submission to the first token and
 * {@code total_ms} submission to the end, so each is what the requester experiences. Its recorder
 * keeps the answer for the inference cache (or nothing, for requests the cache does not take).
 */
final class InferenceJob {

  enum State { QUEUED, RUNNING, FINISHED }

  private final InferenceRequest request;
  private final String model;
  private final long deadlineMs;
  private final long submittedNanos;
  private final AnswerRecorder recorder;
  private State state = State.QUEUED;
  private long dispatchedNanos;
  private boolean acceptedByOllama;
  private long firstTokenNanos;
  private long deadlineTimer = -1;
  private OllamaStreamCall call;

  InferenceJob(InferenceRequest request, String model, long deadlineMs, long submittedNanos,
      AnswerRecorder recorder) {
    this.request = request;
    this.model = model;
    this.deadlineMs = deadlineMs;
    this.submittedNanos = submittedNanos;
    this.recorder = recorder;
  }

  InferenceRequest request() {
    return request;
  }

  String id() {
    return request.id();
  }

  String model() {
    return model;
  }

  long deadlineMs() {
    return deadlineMs;
  }

  /** Milliseconds left until the deadline (at least 1, so an overdue job expires on the next turn). */
  long msToDeadline() {
    return Math.max(1, deadlineMs - totalMs());
  }

  AnswerRecorder recorder() {
    return recorder;
  }

  State state() {
    return state;
  }

  boolean finished() {
    return state == State.FINISHED;
  }

  /** Takes the job out of the queue into a slot; its Ollama call follows. */
  void dispatched() {
    state = State.RUNNING;
    dispatchedNanos = System.nanoTime();
  }

  /** Ollama answered 200: the model exists and the generation began. */
  void acceptedByOllama() {
    acceptedByOllama = true;
  }

  boolean wasAcceptedByOllama() {
    return acceptedByOllama;
  }

  void call(OllamaStreamCall call) {
    this.call = call;
  }

  /** Marks the job finished; returns false when it already was (so the caller must not finish it twice). */
  boolean finish() {
    if (state == State.FINISHED) {
      return false;
    }
    state = State.FINISHED;
    return true;
  }

  OllamaStreamCall call() {
    return call;
  }

  long deadlineTimer() {
    return deadlineTimer;
  }

  void deadlineTimer(long timerId) {
    this.deadlineTimer = timerId;
  }

  /** Notes the first token's moment; returns true for the first token only. */
  boolean firstToken() {
    if (firstTokenNanos != 0) {
      return false;
    }
    firstTokenNanos = System.nanoTime();
    return true;
  }

  long queueMs() {
    return millis(queueNanos());
  }

  /** Submission to dispatch, or to now while still queued. */
  long queueNanos() {
    return (dispatchedNanos == 0 ? System.nanoTime() : dispatchedNanos) - submittedNanos;
  }

  /** Dispatch to now. */
  long runningNanos() {
    return System.nanoTime() - dispatchedNanos;
  }

  /** Submission to the first token, or to now when no token came. */
  long ttftMs() {
    return millis(ttftNanos());
  }

  long ttftNanos() {
    return (firstTokenNanos == 0 ? System.nanoTime() : firstTokenNanos) - submittedNanos;
  }

  long totalMs() {
    return millis(System.nanoTime() - submittedNanos);
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
