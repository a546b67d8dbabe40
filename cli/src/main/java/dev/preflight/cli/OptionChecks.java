package dev.preflight.cli;

import dev.preflight.graph.InputException;

/**
 * The range check every count option shares ({@code --top}, {@code --threads}, {@code
 * --fail-above}, {@code --samples}, {@code --partitions}): one wording, {@code --top must be >= 0,
 * got -1}, exit 2 through {@link InputException}.
 */
final class OptionChecks {
  private OptionChecks() {}

  /** Fails unless {@code value} is absent or at least {@code min}. */
  static void atLeast(String option, Integer value, int min) {
    if (value != null && value < min) {
      throw InputException.of(option + " must be >= " + min + ", got " + value);
    }
  }
}
