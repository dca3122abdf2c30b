package ai.sutazai.verticles.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code process_resident_memory_bytes}: the memory the operating system holds for this process (heap, metaspace,
 * thread stacks, direct buffers and the JVM itself), the figure a container's memory limit applies to. Read from
 * Linux's {@code /proc/self/status} at each scrape (a kernel-made file, read without touching a disk); on other
 * systems the gauge is not registered.
 */
public final class ResidentMemory {

  static final String NAME = "process.resident.memory";
  private static final Path STATUS = Path.of("/proc/self/status");

  private ResidentMemory() {
  }

  /** Registers the gauge, unless the registry has it already; false where there is no procfs. */
  public static boolean bindTo(MeterRegistry registry) {
    if (!Files.isReadable(STATUS)) {
      return false;
    }
    if (registry.find(NAME).gauge() != null) {
      return true;
    }
    Gauge.builder(NAME, ResidentMemory::bytes).baseUnit(BaseUnits.BYTES)
        .description("Resident set size of the process: the memory the operating system holds for it")
        .register(registry);
    return true;
  }

  /** VmRSS of {@code /proc/self/status}, in bytes. */
  static double bytes() {
    try {
      return parseVmRss(Files.readString(STATUS));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + STATUS, e);
    }
  }

  /** The {@code VmRSS:   1234 kB} line of a status file, in bytes; NaN (no sample) when it has none. */
  static double parseVmRss(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        String[] fields = line.substring("VmRSS:".length()).trim().split("\\s+");
        return Double.parseDouble(fields[0]) * 1024;
      }
    }
    return Double.NaN;
  }
}
