package ai.sutazai.gateway.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code sutazai_gateway_open_streams{transport}}: streamed answers and task events (SSE, NDJSON) and WebSockets
 * ({@code /ws/chat}, {@code /ws/agents}) open now; {@code sutazai_gateway_streamed_bytes_total{transport}}: the UTF-8 bytes of the frames
 * written to them. Registered for the life of one gateway verticle and removed when it stops.
 */
public final class StreamMeters {

  static final String OPEN_STREAMS = "sutazai.gateway.open.streams";
  static final String STREAMED_BYTES = "sutazai.gateway.streamed.bytes";

  private final MeterRegistry registry;
  private final Map<StreamTransport, AtomicInteger> open = new EnumMap<>(StreamTransport.class);
  private final Map<StreamTransport, Counter> bytes = new EnumMap<>(StreamTransport.class);
  private final List<Meter> meters = new ArrayList<>();

  public StreamMeters(MeterRegistry registry) {
    this.registry = registry;
    for (StreamTransport transport : StreamTransport.values()) {
      AtomicInteger count = new AtomicInteger();
      open.put(transport, count);
      meters.add(Gauge.builder(OPEN_STREAMS, count, AtomicInteger::get).tag("transport", transport.label())
          .description("Streamed answers and chat WebSockets open now, by transport")
          .strongReference(true).register(registry));
      Counter written = Counter.builder(STREAMED_BYTES).tag("transport", transport.label()).baseUnit(BaseUnits.BYTES)
          .description("Bytes of the frames streamed to clients, by transport")
          .register(registry);
      bytes.put(transport, written);
      meters.add(written);
    }
  }

  /** Counts a stream as open until {@link OpenStream#close()}. */
  public OpenStream open(StreamTransport transport) {
    return new OpenStream(open.get(transport), bytes.get(transport));
  }

  public void remove() {
    meters.forEach(registry::remove);
  }

  /** One open stream: counts what is written to it and, once, its closing. */
  public static final class OpenStream {

    private final AtomicInteger open;
    private final Counter bytes;
    private boolean closed;

    private OpenStream(AtomicInteger open, Counter bytes) {
      this.open = open;
      this.bytes = bytes;
      open.incrementAndGet();
    }

    /** Counts a frame written to the client, by its UTF-8 length (measured without encoding it again). */
    public void wrote(String frame) {
      bytes.increment(ByteBufUtil.utf8Bytes(frame));
    }

    /** Counts the stream as closed; later calls do nothing. */
    public void close() {
      if (!closed) {
        closed = true;
        open.decrementAndGet();
      }
    }
  }
}
