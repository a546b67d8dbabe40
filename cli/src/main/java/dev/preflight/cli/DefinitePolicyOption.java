package dev.preflight.cli;

import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.impact.Policy;
import picocli.CommandLine.Option;

/**
 * {@code -p/--policy} for the commands that schedule or score one definite rebuild set ({@code
 * cost}, {@code risk}, {@code plan}); the refusal of the random {@code cutoff} policy is written
 * here once. {@code impact} and {@code batch} accept {@code cutoff} and declare their own.
 */
final class DefinitePolicyOption {
  @Option(
      names = {"-p", "--policy"},
      paramLabel = "POLICY",
      description =
          "transitive, direct, local, binnmu or static "
              + "(default: the graph's own: binnmu for a Debian graph, transitive otherwise).")
  String policy;

  /** The named policy, else the graph's own; {@code cutoff} fails naming {@code command}. */
  Policy resolve(PackageGraph graph, String command) {
    Policy p = Policy.resolve(policy, graph);
    if (p == Policy.CUTOFF) {
      throw InputException.of(
          "the cutoff policy is random; "
              + command
              + " needs a definite rebuild set: use transitive, direct, local, binnmu or static"
              + " (cutoff's expected size is in 'preflight impact')");
    }
    return p;
  }
}
