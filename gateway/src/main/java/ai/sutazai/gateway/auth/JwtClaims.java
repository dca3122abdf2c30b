package ai.sutazai.gateway.auth;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads and checks the claims of a JWT whose signature is verified elsewhere: well-formedness,
 * {@code exp} and {@code nbf} within the leeway, {@code iss} and {@code aud} when configured, and the
 * caller it names ({@code sub}, and the role from {@code role} or, failing that, the most privileged
 * known entry of {@code roles}).
 *
 * @param issuer required {@code iss}, or null
 * @param audience required entry of {@code aud}, or null
 * @param leewaySeconds clock skew allowed on {@code exp} and {@code nbf}
 */
public record JwtClaims(String issuer, String audience, long leewaySeconds) {

  /**
   * The payload of a compact JWS: three base64url parts whose first two are JSON objects.
   *
   * @throws AuthFailure {@code malformed} otherwise
   */
  public static JsonObject payload(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[2].isEmpty()) {
      throw malformed();
    }
    json(parts[0]);
    return json(parts[1]);
  }

  /**
   * The caller a verified payload names, at {@code nowSeconds}.
   *
   * @throws AuthFailure when the token has expired, is not valid yet, names another issuer or
   *     audience, or lacks a subject or a role
   */
  public Caller caller(JsonObject payload, long nowSeconds) {
    Long expires = seconds(payload, "exp");
    if (expires != null && nowSeconds > expires + leewaySeconds) {
      throw new AuthFailure("expired", "the token has expired");
    }
    Long notBefore = seconds(payload, "nbf");
    if (notBefore != null && nowSeconds + leewaySeconds < notBefore) {
      throw new AuthFailure("not_yet_valid", "the token is not valid yet (nbf is in the future)");
    }
    if (issuer != null && !issuer.equals(payload.getValue("iss"))) {
      throw new AuthFailure("wrong_issuer", "the token was issued by another issuer (iss)");
    }
    if (audience != null && !audiences(payload).contains(audience)) {
      throw new AuthFailure("wrong_audience", "the token is meant for another audience (aud)");
    }
    Object subject = payload.getValue("sub");
    if (!(subject instanceof String sub) || sub.isBlank()) {
      throw new AuthFailure("no_subject", "the token has no subject (sub)");
    }
    Role role = role(payload).orElseThrow(() -> new AuthFailure("no_role",
        "the token names no role (claim role, or roles, with admin, operator, user or viewer)"));
    return new Caller(sub, role, "jwt");
  }

  private static Optional<Role> role(JsonObject payload) {
    if (payload.getValue("role") instanceof String single) {
      return Role.fromWire(single);
    }
    if (payload.getValue("roles") instanceof JsonArray many) {
      return many.stream().filter(String.class::isInstance).map(String.class::cast)
          .map(Role::fromWire).flatMap(Optional::stream)
          .min(Comparator.naturalOrder());
    }
    return Optional.empty();
  }

  private static List<Object> audiences(JsonObject payload) {
    Object aud = payload.getValue("aud");
    if (aud instanceof JsonArray list) {
      return list.getList();
    }
    return aud == null ? List.of() : List.of(aud);
  }

  private static Long seconds(JsonObject payload, String claim) {
    Object value = payload.getValue(claim);
    if (value == null) {
      return null;
    }
    if (value instanceof Number number) {
      return number.longValue();
    }
    throw new AuthFailure("malformed", "the token's " + claim + " claim is not a number");
  }

  private static JsonObject json(String part) {
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(part);
      Object value = io.vertx.core.json.Json.decodeValue(new String(bytes, StandardCharsets.UTF_8));
      if (value instanceof JsonObject object) {
        return object;
      }
    } catch (IllegalArgumentException | DecodeException e) {
      throw malformed();
    }
    throw malformed();
  }

  private static AuthFailure malformed() {
    return new AuthFailure("malformed",
        "the bearer token is malformed (expected a JWT of three base64url parts, or a SutazAI API key)");
  }
}
