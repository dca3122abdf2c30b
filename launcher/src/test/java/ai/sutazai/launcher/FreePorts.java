package ai.sutazai.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for a SutazAI under test to listen on. They are picked below the kernel's ephemeral range
 * (32768 and up on Linux), because a port the OS hands out for "any free port", to the embedded
 * PostgreSQL or to a client connection, could otherwise be taken between this check and the bind.
 */
public final class FreePorts {

  private static final int FIRST = 20_000;
  private static final int LAST = 32_000;

  private FreePorts() {
  }

  /** A port that nothing listened on a moment ago. */
  public static int pick() throws IOException {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(FIRST, LAST);
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress("0.0.0.0", port));
        return port;
      } catch (IOException taken) {
        // try another one
      }
    }
    throw new IOException("no free port between " + FIRST + " and " + LAST);
  }
}
