package dev.preflight.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class JsonProblemsTest {
  private static final String JACKSON_EOF =
      "Unexpected end-of-input: expected close marker for Object (start marker at [Source:"
          + " REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 47,"
          + " column: 68])";

  @Test
  void truncatedDocument_saysWhereTheObjectOpened_withoutJacksonsSourceNoise() {
    assertEquals(
        "Unexpected end-of-input: expected close marker for Object (opened at line 47, column 68)",
        JsonProblems.describe(JACKSON_EOF, true));
  }

  @Test
  void truncatedLine_dropsTheOpeningPosition() {
    assertEquals(
        "Unexpected end-of-input: expected close marker for Object",
        JsonProblems.describe(JACKSON_EOF, false));
  }

  @Test
  void snakeYamlMessage_becomesOneLine() {
    String yaml =
        "while parsing a block collection\n"
            + " in 'reader', line 7, column 3:\n"
            + "      - name: linux\n"
            + "      ^\n"
            + "expected <block end>, but found '<block mapping start>'\n"
            + " in 'reader', line 14, column 4:\n"
            + "       bad: [\n"
            + "       ^\n";
    assertEquals(
        "while parsing a block collection: expected <block end>, but found '<block mapping"
            + " start>'",
        JsonProblems.describe(yaml, true));
  }

  @Test
  void plainMessage_isKept() {
    assertEquals(
        "Unexpected character ('x')", JsonProblems.describe("Unexpected character ('x')", true));
  }
}
