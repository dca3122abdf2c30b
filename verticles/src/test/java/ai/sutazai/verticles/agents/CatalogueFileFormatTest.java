package ai.sutazai.verticles.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The layout of a written catalogue. */
class CatalogueFileFormatTest {

  /** Verifies that the shipped catalogue, written out, is the repository's conf/agents.json to the byte. */
  @Test
  void shippedCatalogueIsWrittenAsTheRepositoryFile() throws IOException {
    String repositoryFile = Files.readString(Path.of("..", "conf", "agents.json"));

    String written = CatalogueFileFormat.format(AgentCatalogueLoader.shipped());

    assertThat(written).isEqualTo(repositoryFile);
    assertThat(AgentCatalogueLoader.parse(written).catalogue().agents())
        .isEqualTo(AgentCatalogueLoader.shipped().agents());
  }
}
