package ai.sutazai.agents.backend;

import com.github.javaparser.JavaParser;
import com.github.javaparser.JavaToken;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParseStart;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.Problem;
import com.github.javaparser.Providers;
import com.github.javaparser.TokenRange;
import com.github.javaparser.ast.Node;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks Java syntax with JavaParser (language level Java 21). Code sent for review is often not a
 * whole file, so it is accepted when it parses as a compilation unit, as the members of a class,
 * or as the statements of a method body; when none of these parse, the error reported is the one
 * of the reading that got furthest into the code.
 */
final class JavaSyntaxCheck implements SyntaxCheck {

  private static final ParserConfiguration CONFIGURATION =
      new ParserConfiguration().setLanguageLevel(LanguageLevel.JAVA_21);
  private static final int MAX_MESSAGE = 300;
  private static final Pattern FOUND = Pattern.compile("Found \"(.+?)\",");
  private static final int TOKENS_SEARCHED = 64;
  private static final Comparator<SyntaxError> POSITION_ORDER =
      Comparator.comparingInt(SyntaxError::line).thenComparingInt(SyntaxError::column);

  /** One way to read the code: text put around it on lines of their own, and what to parse it as. */
  private record Reading(String before, String after, ParseStart<? extends Node> start) {

    int linesBefore() {
      return (int) before.chars().filter(c -> c == '\n').count();
    }
  }

  private static final List<Reading> READINGS = List.of(
      new Reading("", "", ParseStart.COMPILATION_UNIT),
      new Reading("class ReviewedSnippet {\n", "\n}", ParseStart.COMPILATION_UNIT),
      new Reading("{\n", "\n}", ParseStart.BLOCK));

  @Override
  public Optional<SyntaxError> firstError(String code) {
    SyntaxError furthest = null;
    for (Reading reading : READINGS) {
      Optional<SyntaxError> error = parse(code, reading);
      if (error.isEmpty()) {
        return Optional.empty();
      }
      if (furthest == null || POSITION_ORDER.compare(error.get(), furthest) > 0) {
        furthest = error.get();
      }
    }
    return Optional.of(furthest);
  }

  private static Optional<SyntaxError> parse(String code, Reading reading) {
    // a parser keeps state between runs, so each check gets its own
    ParseResult<?> result = new JavaParser(CONFIGURATION)
        .parse(reading.start(), Providers.provider(reading.before() + code + reading.after()));
    if (result.isSuccessful()) {
      return Optional.empty();
    }
    Problem problem = result.getProblems().stream().min(Problem.PROBLEM_BY_BEGIN_POSITION).orElseThrow();
    Position begin = problem.getLocation().map(range -> unexpectedToken(range, problem.getMessage()))
        .flatMap(JavaToken::getRange).map(range -> range.begin)
        .orElse(new Position(reading.linesBefore() + 1, 1));
    return Optional.of(inCode(code, begin.line - reading.linesBefore(), begin.column,
        shortMessage(problem.getMessage())));
  }

  /** The error at a position of the code; one found in the text around it moves to the code's start or end. */
  private static SyntaxError inCode(String code, int line, int column, String message) {
    List<String> lines = code.lines().toList();
    if (line < 1 || lines.isEmpty()) {
      return new SyntaxError(1, 1, message);
    }
    if (line > lines.size()) {
      return new SyntaxError(lines.size(), lines.get(lines.size() - 1).length() + 1, message);
    }
    return new SyntaxError(line, Math.max(1, column), message);
  }

  /**
   * The token the parser did not expect. A problem's range starts at the last good token or at the
   * bad one, depending on the rule that failed; its message names the bad one ({@code Found "}"}).
   */
  private static JavaToken unexpectedToken(TokenRange range, String message) {
    Matcher found = FOUND.matcher(message);
    if (found.find()) {
      Optional<JavaToken> token = Optional.of(range.getBegin());
      for (int step = 0; step < TOKENS_SEARCHED && token.isPresent(); step++) {
        if (token.get().getText().equals(found.group(1))) {
          return token.get();
        }
        token = token.get().getNextToken();
      }
    }
    return range.getBegin();
  }

  /** JavaParser lists every token it expected; the first line and a bounded length say enough. */
  private static String shortMessage(String message) {
    String first = message.lines().findFirst().orElse(message).strip();
    return first.length() <= MAX_MESSAGE ? first : first.substring(0, MAX_MESSAGE) + " ...";
  }
}
