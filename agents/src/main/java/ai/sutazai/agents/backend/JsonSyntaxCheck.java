package ai.sutazai.agents.backend;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Checks JSON as RFC 8259 defines it: no comments, no single quotes, no trailing commas, exactly
 * one value, and no key twice in one object (which lenient readers silently resolve).
 */
final class JsonSyntaxCheck implements SyntaxCheck {

  private static final JsonFactory STRICT = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  @Override
  public Optional<SyntaxError> firstError(String code) {
    try (JsonParser parser = STRICT.createParser(code)) {
      try {
        if (parser.nextToken() == null) {
          return Optional.of(new SyntaxError(1, 1, "no JSON value: the text is empty"));
        }
        parser.skipChildren();
        JsonToken extra = parser.nextToken();
        if (extra != null) {
          return Optional.of(at(parser.currentTokenLocation(), "more content after the JSON value"));
        }
        return Optional.empty();
      } catch (JsonProcessingException e) {
        return Optional.of(at(e.getLocation(), e.getOriginalMessage()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading JSON from a string failed", e);
    }
  }

  private static SyntaxError at(JsonLocation location, String message) {
    return new SyntaxError(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()), message);
  }
}
