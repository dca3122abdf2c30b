package ai.sutazai.verticles.agents;

import ai.sutazai.verticles.config.Settings;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches {@code agents.file} and the jars under {@code plugins.dir} and reports each change once it
 * has settled: the newly loaded catalogue with what it changes against the last valid one, or the
 * errors that refused it. A file that does not parse or validate, or that disappears, is reported as
 * errors and never as a catalogue; the next change is again compared with the last valid catalogue.
 *
 * <p>It polls through {@code vertx.fileSystem()} every {@code agents.watch_interval_ms} rather than
 * using a java.nio WatchService: polling works on every file system (network and container mounts,
 * where watch events go missing, included), needs no thread of its own and never blocks an event
 * loop. Each look reads the catalogue's text (a small file; comparing text misses no rewrite, where
 * modification times of millisecond resolution could) and fingerprints the jars ({@link PluginJars}).
 * A look that differs from the one before starts the debounce: the watcher looks again after
 * {@code agents.watch_debounce_ms}, and reports only when nothing moved in that time, so a burst of
 * writes gives one report, of its final state.
 */
public final class AgentsFileWatcher {

  private static final Logger LOG = LoggerFactory.getLogger(AgentsFileWatcher.class);

  /** Told of each settled change, on the context {@link #start()} ran on, one call at a time. */
  public interface Listener {

    /**
     * {@code catalogue} is now in force and changes {@code change} against the last valid catalogue.
     * It is the newly read file, or the last valid catalogue when only jars changed; the change may be
     * empty (a file rewritten unchanged, a jar no agent names).
     */
    void changed(AgentCatalogue catalogue, CatalogueChange change);

    /** The catalogue file changed but was refused for {@code errors}; the last valid catalogue stands. */
    void refused(List<AgentConfigError> errors);
  }

  /** What one look at the disk saw: the catalogue's text (null when the file does not exist) and the jars. */
  private record Observation(String text, PluginJars jars) {
  }

  private final Vertx vertx;
  private final String path;
  private final String pluginsDir;
  private final long intervalMs;
  private final long debounceMs;
  private final Listener listener;

  private Context context;
  private Observation seen;
  private Observation settled;
  private AgentCatalogue valid;
  private PluginJars validJars;
  private String lastFailure;
  private volatile boolean stopped;
  private volatile long timerId = -1;

  public AgentsFileWatcher(Vertx vertx, JsonObject config, Listener listener) {
    this.vertx = vertx;
    this.path = Settings.AGENTS_FILE.stringIn(config);
    this.pluginsDir = Settings.PLUGINS_DIR.stringIn(config);
    this.intervalMs = Settings.AGENTS_WATCH_INTERVAL_MS.intIn(config);
    this.debounceMs = Settings.AGENTS_WATCH_DEBOUNCE_MS.intIn(config);
    this.listener = listener;
  }

  /**
   * Reads the catalogue as {@link AgentCatalogueFile#read} does (the built-in one when the default
   * file is absent) and starts watching. The future holds that catalogue, the first one changes are
   * compared with, or fails as {@code read} fails. Call it on the context the listener should run on.
   */
  public Future<AgentCatalogue> start() {
    context = vertx.getOrCreateContext();
    Promise<AgentCatalogue> started = Promise.promise();
    context.runOnContext(v -> observe().compose(first -> {
      Future<AgentCatalogue> catalogue = first.text() == null
          ? AgentCatalogueFile.whenAbsent(vertx, path)
          : parse(first.text()).map(result -> result.orElseThrow(path));
      return catalogue.onSuccess(read -> {
        seen = first;
        settled = first;
        valid = read;
        validJars = first.jars();
        schedule(intervalMs, false);
      });
    }).onComplete(started));
    return started.future();
  }

  /**
   * Tells the watcher that the catalogue file was just written with {@code text}, the catalogue {@code written}
   * (by the agent supervisor, which applied it): it becomes the last valid catalogue and the write itself is
   * not reported. Call it on the context {@link #start()} ran on, after the write completed.
   */
  public void wrote(AgentCatalogue written, String text) {
    valid = written;
    seen = new Observation(text, seen.jars());
    settled = new Observation(text, settled.jars());
  }

  /** Stops watching: no look is scheduled and no report is made after this. */
  public void stop() {
    stopped = true;
    vertx.cancelTimer(timerId);
  }

  private void schedule(long delayMs, boolean settling) {
    if (!stopped) {
      timerId = vertx.setTimer(delayMs, id -> look(settling));
    }
  }

  /** One look; {@code settling} when a change was seen and the watcher waits for it to settle. */
  private void look(boolean settling) {
    if (stopped) {
      return;
    }
    observe().onComplete(looked -> {
      if (looked.failed()) {
        warnOnce(looked.cause());
        schedule(settling ? debounceMs : intervalMs, settling);
        return;
      }
      lastFailure = null;
      Observation now = looked.result();
      if (!now.equals(seen)) {
        seen = now;
        schedule(debounceMs, true);
      } else if (settling) {
        report(now)
            .onFailure(e -> LOG.error("agents: reading the changed {} failed", path, e))
            .onComplete(done -> schedule(intervalMs, false));
      } else {
        schedule(intervalMs, false);
      }
    });
  }

  private Future<Void> report(Observation now) {
    Observation before = settled;
    settled = now;
    if (Objects.equals(now.text(), before.text())) {
      changed(valid, now.jars());
      return Future.succeededFuture();
    }
    if (now.text() == null) {
      tell(l -> l.refused(List.of(new AgentConfigError(null, "", "does not exist at " + path))));
      return Future.succeededFuture();
    }
    return parse(now.text()).map(result -> {
      if (result.isValid()) {
        changed(result.catalogue(), now.jars());
      } else {
        tell(l -> l.refused(result.errors()));
      }
      return null;
    });
  }

  private void changed(AgentCatalogue catalogue, PluginJars jars) {
    CatalogueChange change = CatalogueChange.between(valid, validJars, catalogue, jars);
    valid = catalogue;
    validJars = jars;
    tell(l -> l.changed(catalogue, change));
  }

  private void tell(Consumer<Listener> call) {
    if (stopped) {
      return;
    }
    try {
      call.accept(listener);
    } catch (RuntimeException e) {
      LOG.error("agents: the listener of changes to {} failed", path, e);
    }
  }

  private Future<Observation> observe() {
    Future<String> text = PluginJars.nullWhenGone(vertx.fileSystem().readFile(path)).map(this::textOf);
    Future<PluginJars> jars = PluginJars.scan(vertx, pluginsDir);
    return Future.all(text, jars).map(all -> new Observation(text.result(), jars.result()));
  }

  private String textOf(Buffer buffer) {
    return buffer == null ? null : buffer.toString();
  }

  /** Parses on a worker thread: validating a large catalogue against its schema takes a while. */
  private Future<AgentCatalogueResult> parse(String text) {
    return context.executeBlocking(() -> AgentCatalogueLoader.parse(text), false);
  }

  private void warnOnce(Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    if (!message.equals(lastFailure)) {
      lastFailure = message;
      LOG.warn("agents: cannot look at {} or the jars in {}; trying again", path, pluginsDir, failure);
    }
  }
}
