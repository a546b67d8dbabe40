package dev.preflight.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.preflight.graph.InputException;
import org.junit.jupiter.api.Test;

final class PolicyTest {
  @Test
  void parse_anyCase_findsThePolicy() {
    assertEquals(Policy.TRANSITIVE, Policy.parse("transitive"));
    assertEquals(Policy.DIRECT, Policy.parse("Direct"));
    assertEquals(Policy.LOCAL, Policy.parse(" LOCAL "));
    assertEquals(Policy.CUTOFF, Policy.parse("cutoff"));
    assertEquals("cutoff", Policy.CUTOFF.label());
  }

  @Test
  void parse_unknown_suggestsTheClosestAndListsTheKnownNames() {
    InputException e = assertThrows(InputException.class, () -> Policy.parse("transitve"));
    assertEquals(
        "unknown policy 'transitve': did you mean 'transitive'? (known: transitive, direct,"
            + " local, cutoff, binnmu, static)",
        e.getMessage());
  }
}
