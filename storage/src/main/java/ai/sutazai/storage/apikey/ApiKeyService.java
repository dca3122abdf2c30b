package ai.sutazai.storage.apikey;

import static ai.sutazai.storage.BusRequests.serve;

import ai.sutazai.storage.pg.ResilientPostgres;
import ai.sutazai.verticles.problem.ProblemException;
import ai.sutazai.verticles.problem.ProblemType;
import ai.sutazai.verticles.storage.StorageAddresses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The API key addresses of {@link StorageAddresses} on the event bus: checks each request, runs it through
 * {@link ApiKeyRepository} while PostgreSQL is up, and replies JSON or a problem (400 naming the field, 404 for
 * an unknown key, 503 while PostgreSQL is down).
 */
public final class ApiKeyService {

  private static final List<String> ROLES = List.of("admin", "operator", "user", "viewer");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern CANONICAL_UUID =
    Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final int MAX_TEXT = 200;

  private final ResilientPostgres postgres;

  public ApiKeyService(ResilientPostgres postgres) {
    this.postgres = postgres;
  }

  /** The handler of each API key address. */
  public Map<String, Handler<Message<Object>>> handlers() {
    return Map.of(
      StorageAddresses.API_KEY_CREATE, message -> serve(message, this::create),
      StorageAddresses.API_KEY_LIST, message -> serve(message, this::list),
      StorageAddresses.API_KEY_REVOKE, message -> serve(message, this::revoke),
      StorageAddresses.API_KEY_VERIFY, message -> serve(message, this::verify));
  }

  private Future<JsonObject> create(JsonObject body) {
    String name = text(body, "name");
    String prefix = text(body, "prefix");
    String owner = text(body, "owner");
    String hash = hash(body);
    Object role = body.getValue("role");
    if (!ROLES.contains(role)) {
      throw invalid("'role' must be one of " + String.join(", ", ROLES) + ", got " + Json.encode(role));
    }
    return repository(repository -> repository.create(name, prefix, hash, owner, (String) role))
      .map(ApiKey::toJson);
  }

  private Future<JsonObject> list(JsonObject body) {
    return repository(ApiKeyRepository::list).map(keys -> {
      JsonArray array = new JsonArray();
      keys.forEach(key -> array.add(key.toJson()));
      return new JsonObject().put("keys", array);
    });
  }

  private Future<JsonObject> revoke(JsonObject body) {
    Object value = body.getValue("id");
    if (!(value instanceof String text && CANONICAL_UUID.matcher(text).matches())) {
      throw invalid("'id' must be a UUID, got " + Json.encode(value));
    }
    UUID id = UUID.fromString(text);
    return repository(repository -> repository.revoke(id)).map(revoked -> {
      if (!revoked) {
        throw ProblemType.NOT_FOUND.problem("no active key has id " + id).asException();
      }
      return new JsonObject();
    });
  }

  private Future<JsonObject> verify(JsonObject body) {
    String hash = hash(body);
    return repository(repository -> repository.findForUse(hash)).map(found -> {
      ApiKey key = found.orElseThrow(() -> ProblemType.NOT_FOUND.problem("no key has this hash").asException());
      return new JsonObject().put("id", key.id().toString()).put("owner", key.owner()).put("role", key.role())
        .put("name", key.name()).put("revoked", key.revoked());
    });
  }

  private <T> Future<T> repository(Function<ApiKeyRepository, Future<T>> work) {
    return postgres.call((Pool pool) -> work.apply(new ApiKeyRepository(pool)));
  }

  private static String hash(JsonObject body) {
    Object value = body.getValue("hash");
    if (value instanceof String text && HASH.matcher(text).matches()) {
      return text;
    }
    throw invalid("'hash' must be a SHA-256 in lower-case hex");
  }

  private static String text(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value instanceof String text && !text.isBlank() && text.length() <= MAX_TEXT && text.indexOf(0) < 0) {
      return text;
    }
    throw invalid("'" + field + "' must be a non-empty string of at most " + MAX_TEXT
      + " characters without NUL");
  }

  private static ProblemException invalid(String detail) {
    return ProblemType.INVALID_REQUEST.problem(detail).asException();
  }
}
