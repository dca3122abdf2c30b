package ai.sutazai.gateway.auth;

/**
 * Why a request's credentials were not accepted: a short {@code reason} for the audit log
 * ({@code expired}, {@code bad_signature}, ...) and a {@code detail} for the 401 answer. Neither ever
 * holds the credential itself.
 */
public final class AuthFailure extends RuntimeException {

  private final String reason;

  public AuthFailure(String reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }

  public String detail() {
    return getMessage();
  }
}
