package ai.sutazai.verticles.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The resident memory gauge. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ResidentMemoryTest {

  /** Verifies that VmRSS is read in kB and reported in bytes, and that a status without it gives no sample. */
  @Test
  void readsVmRssInBytes() {
    String status = "Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  204800 kB\nRssAnon:\t 100 kB\n";

    assertThat(ResidentMemory.parseVmRss(status)).isEqualTo(204_800 * 1024.0);
    assertThat(ResidentMemory.parseVmRss("Name:\tkthreadd\n")).isNaN();
  }

  /** Verifies that on Linux the gauge, registered once however often it is bound, reports this JVM's memory. */
  @Test
  void reportsThisProcess() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    assumeTrue(ResidentMemory.bindTo(registry), "no /proc/self/status on this system");
    ResidentMemory.bindTo(registry);

    assertThat(registry.find(ResidentMemory.NAME).gauges()).hasSize(1);
    assertThat(registry.get(ResidentMemory.NAME).gauge().value()).as("no JVM fits in 16 MB")
        .isGreaterThan(16 * 1024 * 1024);
  }
}
