package ai.sutazai.launcher.bench;

import java.util.Arrays;

/** Latency samples in microseconds, with the percentiles a report needs. */
final class Samples {

  private long[] values = new long[1024];
  private int size;

  void add(long micros) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = micros;
  }

  void addNanosSince(long startNanos) {
    add((System.nanoTime() - startNanos) / 1_000);
  }

  int size() {
    return size;
  }

  /** The value at percentile {@code p} (0..100), nearest rank. */
  long percentile(double p) {
    if (size == 0) {
      throw new IllegalStateException("no samples");
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * size);
    return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
  }

  static String ms(long micros) {
    return String.format("%.2f ms", micros / 1000.0);
  }
}
