package dev.preflight.graph.io.debian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

final class BuildProfilesTest {
  private static final List<List<String>> NOT_NOCHECK = List.of(List.of("!nocheck"));
  private static final List<List<String>> STAGE1_CROSS = List.of(List.of("stage1", "cross"));
  // aasvg: nodejs <!nodoc> <!nocheck>
  private static final List<List<String>> NOT_NODOC_OR_NOT_NOCHECK =
      List.of(List.of("!nodoc"), List.of("!nocheck"));

  @Test
  void none_holdsNegatedTermsAndNoPositiveOnes() {
    BuildProfiles none = BuildProfiles.NONE;
    assertTrue(none.satisfies(List.of()));
    assertTrue(none.satisfies(NOT_NOCHECK));
    assertFalse(none.satisfies(List.of(List.of("cross"))));
    assertFalse(none.satisfies(STAGE1_CROSS));
    assertTrue(none.satisfies(NOT_NODOC_OR_NOT_NOCHECK));
  }

  @Test
  void groupIsAConjunction_formulaIsADisjunction() {
    BuildProfiles stage1 = BuildProfiles.of(List.of("stage1"));
    assertFalse(stage1.satisfies(STAGE1_CROSS), "cross is not active");
    BuildProfiles both = BuildProfiles.of(List.of("cross", "stage1"));
    assertTrue(both.satisfies(STAGE1_CROSS));
    assertTrue(both.satisfies(List.of(List.of("cross", "!pkg.linux.nokernel", "!nocheck"))));
    assertFalse(both.satisfies(List.of(List.of("cross", "!stage1"))));
    BuildProfiles nodoc = BuildProfiles.of(List.of("nodoc"));
    assertTrue(nodoc.satisfies(NOT_NODOC_OR_NOT_NOCHECK), "the <!nocheck> group still holds");
    BuildProfiles nodocNocheck = BuildProfiles.of(List.of("nodoc", "nocheck"));
    assertFalse(nodocNocheck.satisfies(NOT_NODOC_OR_NOT_NOCHECK));
    assertFalse(nodocNocheck.satisfies(NOT_NOCHECK));
  }

  @Test
  void of_ignoresBlanksSortsAndRejectsBadNames() {
    assertEquals("nocheck,stage1", BuildProfiles.of(List.of(" stage1", "", "nocheck")).toString());
    assertEquals(BuildProfiles.NONE, BuildProfiles.of(List.of("", " ")));
    InputException e =
        assertThrows(InputException.class, () -> BuildProfiles.of(List.of("!nocheck")));
    assertTrue(e.getMessage().contains("'!nocheck'"), e.getMessage());
    assertThrows(InputException.class, () -> BuildProfiles.of(List.of("no check")));
  }
}
