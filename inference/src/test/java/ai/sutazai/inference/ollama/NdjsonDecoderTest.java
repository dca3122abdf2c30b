package ai.sutazai.inference.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Incremental NDJSON splitting over arbitrary chunk boundaries. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class NdjsonDecoderTest {

  private final List<String> records = new ArrayList<>();
  private final NdjsonDecoder decoder = new NdjsonDecoder(64, record -> records.add(record.toString()));

  /** Verifies that records split across chunks, several per chunk and blank lines come out whole. */
  @Test
  void splitsWhateverTheChunkBoundaries() {
    decoder.feed(Buffer.buffer("{\"a\":1}\n{\"b\""));
    decoder.feed(Buffer.buffer(":2}"));
    decoder.feed(Buffer.buffer("\n\n{\"c\":3}\r\n{\"d\":4}"));
    decoder.finish();

    assertThat(records).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}\r", "{\"d\":4}");
  }

  /** Verifies that a multi-byte character split between chunks is reassembled intact. */
  @Test
  void keepsUtf8IntactAcrossChunks() {
    byte[] bytes = "{\"t\":\"h\u00e9\u20ac\"}\n".getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      decoder.feed(Buffer.buffer(new byte[] {b}));
    }

    assertThat(records).containsExactly("{\"t\":\"h\u00e9\u20ac\"}");
  }

  /** Verifies that a record growing past the limit without a newline is refused. */
  @Test
  void refusesAnEndlessRecord() {
    assertThatThrownBy(() -> decoder.feed(Buffer.buffer("x".repeat(65))))
        .isInstanceOf(IllegalStateException.class);
  }
}
