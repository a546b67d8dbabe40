package dev.preflight.cli;

import dev.preflight.graph.PackageGraph;
import dev.preflight.impact.Policy;
import dev.preflight.report.question.ChangeSpec;
import picocli.CommandLine.Option;

/**
 * {@code -p/--policy} for the commands that schedule or score one definite rebuild set ({@code
 * cost}, {@code risk}, {@code plan}); the refusal of the random {@code cutoff} policy is written
 * here once. {@code impact} and {@code batch} accept {@code cutoff} and declare their own.
 */
final class DefinitePolicyOption {
  @Option(
      names = {"-p", "--policy"},
      completionCandidates = Completions.DefinitePolicies.class,
      paramLabel = "POLICY",
      description =
          "transitive, direct, local, binnmu or static "
              + "(default: the graph's own: binnmu for a Debian graph, transitive otherwise).")
  String policy;

  /** The named policy, else the graph's own; {@code cutoff} fails naming {@code command}. */
  Policy resolve(PackageGraph graph, String command) {
    return ChangeSpec.definitePolicy(policy, graph, command);
  }
}
