package ai.sutazai.inference.ollama;

import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * Splits a byte stream into newline-delimited records as bytes arrive, whatever the chunk
 * boundaries: a record may span many chunks and a chunk may hold many records. Splitting on the
 * byte {@code \n} is safe for UTF-8, whose multi-byte sequences never contain it. Blank records
 * are skipped; a last record without a final newline is delivered by {@link #finish()}.
 */
public final class NdjsonDecoder {

  private final int maxRecordBytes;
  private final Consumer<Buffer> recordHandler;
  private Buffer pending = Buffer.buffer();

  public NdjsonDecoder(int maxRecordBytes, Consumer<Buffer> recordHandler) {
    this.maxRecordBytes = maxRecordBytes;
    this.recordHandler = recordHandler;
  }

  /**
   * Feeds the next chunk, delivering every record it completes.
   *
   * @throws IllegalStateException when a record grows beyond the limit without a newline
   */
  public void feed(Buffer chunk) {
    int start = 0;
    for (int i = 0; i < chunk.length(); i++) {
      if (chunk.getByte(i) == '\n') {
        Buffer record = chunk.slice(start, i);
        if (pending.length() > 0) {
          record = pending.appendBuffer(record);
          pending = Buffer.buffer();
        }
        deliver(record);
        start = i + 1;
      }
    }
    if (start < chunk.length()) {
      pending.appendBuffer(chunk, start, chunk.length() - start);
      if (pending.length() > maxRecordBytes) {
        throw new IllegalStateException("an NDJSON record is longer than " + maxRecordBytes + " bytes");
      }
    }
  }

  /** Delivers what is left once the stream ended. */
  public void finish() {
    Buffer rest = pending;
    pending = Buffer.buffer();
    deliver(rest);
  }

  private void deliver(Buffer record) {
    for (int i = 0; i < record.length(); i++) {
      if (!Character.isWhitespace(record.getByte(i))) {
        recordHandler.accept(record);
        return;
      }
    }
  }
}
