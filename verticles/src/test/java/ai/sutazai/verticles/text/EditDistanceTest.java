package ai.sutazai.verticles.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EditDistanceTest {

  /** Verifies the edit distance on a few known pairs. */
  @Test
  void editDistance() {
    assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
    assertThat(EditDistance.between("", "abc")).isEqualTo(3);
    assertThat(EditDistance.between("same", "same")).isZero();
  }
}
