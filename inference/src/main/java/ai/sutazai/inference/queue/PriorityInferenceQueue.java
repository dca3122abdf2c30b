package ai.sutazai.inference.queue;

import ai.sutazai.verticles.inference.Priority;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bounded four-level queue in front of Ollama. A pure data structure: not thread-safe (one
 * drainer owns it), no clock of its own ({@code now} is passed in, in milliseconds).
 *
 * <p><b>Bounds.</b> Each level holds at most {@code capacity} items, counted against the level
 * an item was submitted at (aging never moves an item between bounds). An offer to a full level is
 * rejected at once; nothing ever waits for space.
 *
 * <p><b>Order and aging.</b> An item submitted at level {@code L} at time {@code t} has, at time
 * {@code now}, the effective level {@code E = max(1, L - floor((now - t) / agingMs))}: it moves up
 * one level for every full aging interval it has waited. {@link #poll} takes the item with the
 * lowest effective level; among equal effective levels, the one that reached that level first
 * (at {@code t + (L - E) * agingMs}) wins, then the one submitted first, then the one submitted at
 * the more urgent level. So every level is FIFO, and a starving request overtakes the later
 * arrivals of each level it climbs into. Only the four level heads need comparing, since a head
 * waited longest in its level and so dominates every item behind it.
 *
 * @param <T> the queued item, found by {@code equals} (jobs keep identity equality)
 */
public final class PriorityInferenceQueue<T> {

  private final int capacity;
  private final long agingMs;
  private final Map<Priority, LinkedHashMap<T, Long>> levels = new EnumMap<>(Priority.class);
  private int size;

  public PriorityInferenceQueue(int capacity, long agingMs) {
    if (capacity < 1 || agingMs < 1) {
      throw new IllegalArgumentException("capacity and agingMs must be positive");
    }
    this.capacity = capacity;
    this.agingMs = agingMs;
    for (Priority priority : Priority.values()) {
      levels.put(priority, new LinkedHashMap<>());
    }
  }

  /**
   * Adds an item at the tail of its level.
   *
   * @return false, with nothing queued, when that level is already at capacity
   * @throws IllegalArgumentException when the item is already queued
   */
  public boolean offer(T item, Priority priority, long now) {
    LinkedHashMap<T, Long> level = levels.get(priority);
    if (level.size() >= capacity) {
      return false;
    }
    if (contains(item)) {
      throw new IllegalArgumentException("item is already queued");
    }
    level.put(item, now);
    size++;
    return true;
  }

  /** Removes and returns the item to serve next at {@code now}, or null when the queue is empty. */
  public T poll(long now) {
    Priority bestLevel = null;
    Map.Entry<T, Long> best = null;
    for (Priority priority : Priority.values()) {
      Iterator<Map.Entry<T, Long>> heads = levels.get(priority).entrySet().iterator();
      if (!heads.hasNext()) {
        continue;
      }
      Map.Entry<T, Long> head = heads.next();
      if (best == null || servesBefore(priority, head.getValue(), bestLevel, best.getValue(), now)) {
        best = head;
        bestLevel = priority;
      }
    }
    if (best == null) {
      return null;
    }
    T item = best.getKey();
    levels.get(bestLevel).remove(item);
    size--;
    return item;
  }

  private boolean servesBefore(Priority level, long enqueuedAt, Priority otherLevel, long otherEnqueuedAt,
      long now) {
    int effective = effectiveLevel(level, enqueuedAt, now);
    int otherEffective = effectiveLevel(otherLevel, otherEnqueuedAt, now);
    if (effective != otherEffective) {
      return effective < otherEffective;
    }
    long reached = reachedAt(level, enqueuedAt, effective);
    long otherReached = reachedAt(otherLevel, otherEnqueuedAt, otherEffective);
    if (reached != otherReached) {
      return reached < otherReached;
    }
    if (enqueuedAt != otherEnqueuedAt) {
      return enqueuedAt < otherEnqueuedAt;
    }
    return level.level() < otherLevel.level();
  }

  /** The level (1..4) an item submitted at {@code level} at {@code enqueuedAt} competes at, at {@code now}. */
  public int effectiveLevel(Priority level, long enqueuedAt, long now) {
    long promotions = Math.max(0, now - enqueuedAt) / agingMs;
    return (int) Math.max(1, level.level() - Math.min(promotions, 3));
  }

  private long reachedAt(Priority level, long enqueuedAt, int effective) {
    return enqueuedAt + (level.level() - effective) * agingMs;
  }

  /** Removes a queued item (cancelled or expired); false when it was not queued. */
  public boolean remove(T item) {
    for (LinkedHashMap<T, Long> level : levels.values()) {
      if (level.remove(item) != null) {
        size--;
        return true;
      }
    }
    return false;
  }

  public boolean contains(T item) {
    return levels.values().stream().anyMatch(level -> level.containsKey(item));
  }

  /** Items waiting that were submitted at this level. */
  public int depth(Priority priority) {
    return levels.get(priority).size();
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** The bound of each level. */
  public int capacity() {
    return capacity;
  }

  public long agingMs() {
    return agingMs;
  }
}
