package ai.sutazai.launcher;

import ai.sutazai.launcher.config.SettingsReference;
import java.nio.file.Path;
import java.util.Optional;

/** The command line: {@code [--conf FILE] [--help]}. */
public record LauncherArgs(Optional<Path> confFile, boolean help) {

  /** Parses the arguments; anything unknown, repeated or incomplete is a {@link UsageException}. */
  public static LauncherArgs parse(String... args) {
    Optional<Path> conf = Optional.empty();
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        help = true;
      } else if (arg.equals("--conf") || arg.startsWith("--conf=")) {
        if (conf.isPresent()) {
          throw new UsageException("--conf given twice");
        }
        String file = arg.startsWith("--conf=") ? arg.substring("--conf=".length())
            : i + 1 < args.length ? args[++i] : "";
        if (file.isBlank()) {
          throw new UsageException("--conf needs a file name");
        }
        conf = Optional.of(Path.of(file));
      } else {
        throw new UsageException("unknown argument: " + arg);
      }
    }
    return new LauncherArgs(conf, help);
  }

  /** The help text: how to call the launcher and every setting it reads. */
  public static String usage() {
    return "Usage: java -jar sutazai.jar [--conf FILE] [--help]\n"
        + TokenCommand.usage()
        + "\n"
        + "  --conf FILE  read settings from FILE (JSON nested by section, e.g. {\"http\":{\"port\":10005}})\n"
        + "  --help       print this text and exit\n"
        + "\n"
        + "Settings, lowest precedence first: built-in defaults < conf/sutazai.json (if present)\n"
        + "< --conf FILE < environment variables < system properties (-Dsutazai.<json key>).\n"
        + "\n"
        + SettingsReference.plainList();
  }

  /** A command line that cannot be used; its message says why. */
  public static final class UsageException extends RuntimeException {

    public UsageException(String message) {
      super(message, null, false, false);
    }
  }
}
