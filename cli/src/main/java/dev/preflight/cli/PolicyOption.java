package dev.preflight.cli;

import dev.preflight.impact.Policy;
import picocli.CommandLine.Option;

/**
 * {@code -p/--policy} for the commands that accept every policy, the random {@code cutoff}
 * included: {@code impact} (the policy of the change) and {@code batch} (the policy of rows that
 * name none). The commands that need one definite rebuild set take {@link DefinitePolicyOption}.
 */
final class PolicyOption {
  @Option(
      names = {"-p", "--policy"},
      paramLabel = "POLICY",
      description =
          "transitive, direct, local, cutoff, binnmu or static (default: the graph's own: binnmu"
              + " for a Debian graph, transitive otherwise); batch: for rows that name none.")
  String policy;

  /** The named policy, or null for each graph's own. */
  Policy parsed() {
    return policy == null ? null : Policy.parse(policy);
  }
}
