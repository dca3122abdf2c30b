package ai.sutazai.launcher;

import io.vertx.core.Deployable;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One part of the platform the launcher deploys: its name, how to create its verticle and how many
 * instances, where it works (named when it fails to start), and the log lines that say what it
 * uses and where once it runs, given the merged config.
 */
public record PlatformComponent(String name, Supplier<Deployable> verticle, int instances,
    Function<JsonObject, String> address, Function<JsonObject, List<String>> description) {
}
