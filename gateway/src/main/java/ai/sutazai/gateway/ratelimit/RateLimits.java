package ai.sutazai.gateway.ratelimit;

import ai.sutazai.gateway.auth.Role;
import ai.sutazai.verticles.config.Settings;
import ai.sutazai.verticles.storage.RateLimitWindow;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many requests a subject may make per clock minute and per clock hour, by its role
 * ({@code ratelimit.{role}_per_minute}, {@code ratelimit.{role}_per_hour}), and whether limits are
 * on at all ({@code ratelimit.enabled}).
 */
public final class RateLimits {

  private final boolean enabled;
  private final Map<Role, Map<RateLimitWindow, Long>> limits = new EnumMap<>(Role.class);

  private RateLimits(boolean enabled) {
    this.enabled = enabled;
  }

  /** The limits a gateway config sets. */
  public static RateLimits from(JsonObject config) {
    RateLimits rateLimits = new RateLimits(Settings.RATELIMIT_ENABLED.boolIn(config));
    for (Role role : Role.values()) {
      Map<RateLimitWindow, Long> byWindow = new EnumMap<>(RateLimitWindow.class);
      byWindow.put(RateLimitWindow.MINUTE, Settings.rateLimitPerMinute(role.wireName()).longIn(config));
      byWindow.put(RateLimitWindow.HOUR, Settings.rateLimitPerHour(role.wireName()).longIn(config));
      rateLimits.limits.put(role, byWindow);
    }
    return rateLimits;
  }

  public boolean enabled() {
    return enabled;
  }

  /** Requests a subject of {@code role} may make in one {@code window}. */
  public long limit(Role role, RateLimitWindow window) {
    return limits.get(role).get(window);
  }

  /** The setting that holds that limit, for messages: {@code ratelimit.user_per_minute}. */
  public static String settingName(Role role, RateLimitWindow window) {
    return "ratelimit." + role.wireName() + "_per_" + window.wireName();
  }
}
