package ai.sutazai.storage.apikey;

/** Every SQL statement of the API key aggregate, in one place. No statement returns the hash. */
final class ApiKeySql {

  static final String COLUMNS = "id, name, prefix, owner, role, created_at, last_used_at, revoked_at";

  static final String INSERT = "INSERT INTO api_keys (id, name, prefix, hash, owner, role)"
    + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS;

  static final String LIST = "SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at DESC, id DESC";

  static final String REVOKE = "UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL";

  static final String BY_HASH = "SELECT " + COLUMNS + " FROM api_keys WHERE hash = $1";

  /** Notes a use unless one was noted within the last minute, so that a busy key does not write on every request. */
  static final String NOTE_USE = "UPDATE api_keys SET last_used_at = now() WHERE id = $1"
    + " AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')";

  private ApiKeySql() {
  }
}
