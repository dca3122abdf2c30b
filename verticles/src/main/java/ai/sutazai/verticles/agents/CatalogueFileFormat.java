package ai.sutazai.verticles.agents;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The text of a catalogue as {@code conf/agents.json} is laid out: two-space indentation, each array
 * element and object member on its own line, {@code "key": value}, and a final newline.
 */
public final class CatalogueFileFormat {

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final DefaultIndenter INDENTER = new DefaultIndenter("  ", "\n");

  private CatalogueFileFormat() {
  }

  public static String format(AgentCatalogue catalogue) {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(text)) {
      generator.setPrettyPrinter(new DefaultPrettyPrinter()
          .withSeparators(Separators.createDefaultInstance()
              .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
              .withObjectEmptySeparator("")
              .withArrayEmptySeparator(""))
          .withObjectIndenter(INDENTER)
          .withArrayIndenter(INDENTER));
      JacksonCodec.encodeJson(catalogue.toJson(), generator);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to a string failed", e);
    }
    return text + "\n";
  }
}
