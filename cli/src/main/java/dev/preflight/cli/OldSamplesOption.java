package dev.preflight.cli;

import dev.preflight.graph.InputException;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * The old spelling {@code --samples} of {@code impact --cutoff-trials} and {@code risk
 * --sample-builds}. {@code --samples} now means one thing, the Monte Carlo duration draws of {@code
 * cost} and {@code plan}; here it is hidden from help and completion but still accepted, with a
 * one-line notice on stderr, so scripts keep working while they move to the new name.
 */
final class OldSamplesOption {
  @Option(names = "--samples", hidden = true, paramLabel = "N")
  Integer value;

  /**
   * The value of {@code newName} on {@code command}: {@code given}, else the old spelling's (with
   * the notice on {@code err}); both at once fail, as two values for one option would.
   */
  Integer or(Integer given, String command, String newName, PrintWriter err) {
    if (value == null) {
      return given;
    }
    if (given != null) {
      throw InputException.of("--samples is the old name of " + newName + ": give only " + newName);
    }
    err.println(
        "preflight: warning: "
            + command
            + " --samples is deprecated, use "
            + newName
            + " (--samples is for the duration draws of cost and plan)");
    return value;
  }
}
