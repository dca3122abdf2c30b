package ai.sutazai.verticles.agents;

import ai.sutazai.verticles.inference.Priority;

/**
 * A task's priority, 1 (lowest) to 10 (highest), and the inference queue level its model calls wait at:
 * 9-10 critical, 7-8 high, 4-6 normal, 1-3 low. Over RabbitMQ the task's message carries the same number as its
 * AMQP priority, so a queue hands out the higher numbers first.
 */
public final class TaskPriority {

  public static final int LOWEST = 1;
  public static final int HIGHEST = 10;
  public static final int DEFAULT = 5;

  private TaskPriority() {
  }

  /** The inference queue level of a task of priority {@code priority} (1..10). */
  public static Priority inferenceLevel(int priority) {
    if (priority < LOWEST || priority > HIGHEST) {
      throw new IllegalArgumentException("a task priority is 1..10, not " + priority);
    }
    if (priority >= 9) {
      return Priority.CRITICAL;
    }
    if (priority >= 7) {
      return Priority.HIGH;
    }
    return priority >= 4 ? Priority.NORMAL : Priority.LOW;
  }
}
