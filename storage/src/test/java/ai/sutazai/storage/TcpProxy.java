package ai.sutazai.storage;

import ai.sutazai.storage.pg.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on a fixed loopback port that a test can close (refusing new connections and cutting open
 * ones, as a PostgreSQL going away) and open again on the same port.
 */
public final class TcpProxy implements AutoCloseable {

  private final Vertx vertx;
  private final int port;
  private final String targetHost;
  private final int targetPort;
  private final NetClient client;
  private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
  private NetServer server;

  public TcpProxy(Vertx vertx, String targetHost, int targetPort) {
    this.vertx = vertx;
    this.port = freePort();
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.client = vertx.createNetClient();
  }

  public int port() {
    return port;
  }

  /** Starts accepting and forwarding connections. */
  public void open() {
    server = vertx.createNetServer().connectHandler(this::forward);
    TestServer.await(server.listen(port, "127.0.0.1"));
  }

  /** Stops accepting connections and closes every forwarded one. */
  public void shut() {
    if (server == null) {
      return;
    }
    TestServer.await(server.close());
    server = null;
    List<Future<Void>> closing = new ArrayList<>();
    sockets.forEach(socket -> closing.add(socket.close()));
    TestServer.await(Future.join(closing));
  }

  @Override
  public void close() {
    shut();
    TestServer.await(client.close());
  }

  private void forward(NetSocket inbound) {
    inbound.pause();
    sockets.add(inbound);
    client.connect(targetPort, targetHost).onComplete(connected -> {
      if (connected.failed()) {
        inbound.close();
        return;
      }
      NetSocket outbound = connected.result();
      sockets.add(outbound);
      inbound.closeHandler(v -> {
        sockets.remove(inbound);
        outbound.close();
      });
      outbound.closeHandler(v -> {
        sockets.remove(outbound);
        inbound.close();
      });
      inbound.handler(outbound::write);
      outbound.handler(inbound::write);
      inbound.resume();
    });
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
