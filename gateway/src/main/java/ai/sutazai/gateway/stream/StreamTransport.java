package ai.sutazai.gateway.stream;

/** How an answer streams to a client, as the {@code transport} label of the stream meters. */
public enum StreamTransport {
  SSE("sse"), NDJSON("ndjson"), WEBSOCKET("websocket");

  private final String label;

  StreamTransport(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
