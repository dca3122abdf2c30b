package ai.sutazai.gateway.ratelimit;

import ai.sutazai.gateway.auth.Role;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code sutazai_ratelimit_rejections_total{role}}: requests refused with 429 {@code rate-limited}, by
 * the caller's role. Registered for the life of one gateway verticle and removed when it stops.
 */
public final class RateLimitRejections {

  static final String NAME = "sutazai.ratelimit.rejections";

  private final MeterRegistry registry;
  private final Map<Role, Counter> byRole = new EnumMap<>(Role.class);

  public RateLimitRejections(MeterRegistry registry) {
    this.registry = registry;
    for (Role role : Role.values()) {
      byRole.put(role, Counter.builder(NAME).tag("role", role.wireName())
          .description("Requests refused because the caller passed its role's rate limit")
          .register(registry));
    }
  }

  void rejected(Role role) {
    byRole.get(role).increment();
  }

  public void remove() {
    byRole.values().forEach(registry::remove);
  }
}
