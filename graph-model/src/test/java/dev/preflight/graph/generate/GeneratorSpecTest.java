package dev.preflight.graph.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.preflight.graph.InputException;
import org.junit.jupiter.api.Test;

final class GeneratorSpecTest {
  @Test
  void nodes_aboveTheLimit_isAnInputErrorNamingOptionValueAndLimit() {
    // Regression: --nodes 2000000000 ran out of memory (exit 3) instead of being bad input.
    InputException e = assertThrows(InputException.class, () -> GeneratorSpec.of(2_000_000_000, 1));
    assertEquals(
        "--nodes must be at most 20,000,000 (about 0.5 GB of heap per million nodes), got"
            + " 2000000000",
        e.getMessage());
    assertEquals(GeneratorSpec.MAX_NODES, GeneratorSpec.of(GeneratorSpec.MAX_NODES, 1).nodes());
  }
}
