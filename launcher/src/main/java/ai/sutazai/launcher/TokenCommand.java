package ai.sutazai.launcher;

import ai.sutazai.gateway.auth.Role;
import ai.sutazai.launcher.LauncherArgs.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code token} subcommand: {@code token --subject NAME --role ROLE --ttl DURATION [--conf FILE]}
 * mints a token with the configured key and prints it alone on its line.
 *
 * @param ttl how long the token is valid: {@code 30s}, {@code 15m}, {@code 1h}, {@code 7d}
 */
public record TokenCommand(Optional<Path> confFile, String subject, Role role, Duration ttl) {

  public static final String NAME = "token";
  /** The longest validity a minted token may have. */
  static final Duration MAX_TTL = Duration.ofDays(366);

  private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,8})([smhd])");
  private static final String ROLES = Arrays.stream(Role.values()).map(Role::wireName)
      .collect(Collectors.joining(", "));

  /** Parses the arguments after {@code token}; anything missing, unknown or malformed is a usage error. */
  public static TokenCommand parse(String... args) {
    String subject = null;
    String role = null;
    String ttl = null;
    Optional<Path> conf = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      String value;
      if (name.startsWith("--") && name.contains("=")) {
        value = name.substring(name.indexOf('=') + 1);
        name = name.substring(0, name.indexOf('='));
      } else {
        value = i + 1 < args.length ? args[++i] : null;
      }
      if (value == null || value.isBlank()) {
        throw new UsageException(name + " needs a value");
      }
      switch (name) {
        case "--subject" -> subject = once(subject, name, value);
        case "--role" -> role = once(role, name, value);
        case "--ttl" -> ttl = once(ttl, name, value);
        case "--conf" -> {
          if (conf.isPresent()) {
            throw new UsageException("--conf given twice");
          }
          conf = Optional.of(Path.of(value));
        }
        default -> throw new UsageException("unknown argument to token: " + name);
      }
    }
    if (subject == null || role == null || ttl == null) {
      throw new UsageException("token needs --subject, --role and --ttl");
    }
    String roleName = role;
    Role parsedRole = Role.fromWire(role).orElseThrow(() -> new UsageException("--role must be one of " + ROLES
        + ", got '" + roleName + "'"));
    return new TokenCommand(conf, subject, parsedRole, duration(ttl));
  }

  /** A duration such as {@code 30s}, {@code 15m}, {@code 1h} or {@code 7d}, at most {@link #MAX_TTL}. */
  static Duration duration(String text) {
    Matcher matcher = DURATION.matcher(text);
    if (!matcher.matches()) {
      throw new UsageException("--ttl must be a number and a unit s, m, h or d (30s, 15m, 1h, 7d), got '"
          + text + "'");
    }
    long amount = Long.parseLong(matcher.group(1));
    Duration duration = switch (matcher.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
    if (duration.compareTo(MAX_TTL) > 0) {
      throw new UsageException("--ttl must be at most " + MAX_TTL.toDays() + "d, got '" + text + "'");
    }
    return duration;
  }

  /** The help text of the subcommand. */
  static String usage() {
    return "       java -jar sutazai.jar token --subject NAME --role ROLE --ttl DURATION [--conf FILE]\n"
        + "         prints a token for NAME acting as ROLE (" + ROLES + "), valid for DURATION\n"
        + "         (30s, 15m, 1h, 7d), minted with the configured jwt.secret, jwt.key_file private key\n"
        + "         or data.dir/jwt.secret\n";
  }

  private static String once(String previous, String name, String value) {
    if (previous != null) {
      throw new UsageException(name + " given twice");
    }
    return value;
  }
}
