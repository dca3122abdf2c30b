package ai.sutazai.verticles.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClosestNameTest {

  /** Verifies that a typo or a change of word order finds the name meant, and a far name finds nothing. */
  @Test
  void findsOnlyCloseNames() {
    List<String> known = List.of("code_review", "api_design", "unit_tests");

    assertThat(ClosestName.to("code_reveiw", known)).contains("code_review");
    assertThat(ClosestName.to("review_code", known)).contains("code_review");
    assertThat(ClosestName.to("astrology", known)).isEmpty();
    assertThat(ClosestName.to("anything", List.of())).isEmpty();
  }
}
