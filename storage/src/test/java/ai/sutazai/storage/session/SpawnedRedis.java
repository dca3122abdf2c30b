package ai.sutazai.storage.session;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Drives the cache tests' {@code RedisServerProcess} (a throwaway redis-server on a free port that
 * can be stopped, frozen and started again) from other packages. It exists only because that class
 * is package-private; once it is public, tests use it directly and this bridge goes.
 */
public final class SpawnedRedis implements AutoCloseable {

  private static final String PROCESS = "ai.sutazai.storage.cache.RedisServerProcess";

  private final Object server;

  public SpawnedRedis() {
    try {
      Class<?> type = Class.forName(PROCESS);
      Method freePort = type.getDeclaredMethod("freePort");
      freePort.setAccessible(true);
      Constructor<?> constructor = type.getDeclaredConstructor(int.class);
      constructor.setAccessible(true);
      server = constructor.newInstance(freePort.invoke(null));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create " + PROCESS, e);
    }
  }

  public String url() {
    return (String) call("url");
  }

  /** Starts redis-server and returns once it accepts connections. */
  public SpawnedRedis start() {
    call("start");
    return this;
  }

  /** Stops redis-server and waits until it is gone. */
  public void stop() {
    call("stop");
  }

  /** Freezes redis-server: connections stay open, nothing is answered. */
  public void pause() {
    call("pause");
  }

  public void resume() {
    call("resume");
  }

  @Override
  public void close() {
    stop();
  }

  private Object call(String name) {
    try {
      Method method = server.getClass().getDeclaredMethod(name);
      method.setAccessible(true);
      return method.invoke(server);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(name + " failed for redis-server", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot call " + name + " on " + PROCESS, e);
    }
  }
}
