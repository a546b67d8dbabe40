package dev.preflight.impact;

import dev.preflight.graph.InputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How far a rebuild spreads from the changed nodes (DESIGN.md §2, after OBS's {@code rebuild=}
 * setting).
 */
public enum Policy {
  /**
   * Nix, Guix, OBS default: every node that reaches a changed node through edges rebuilds. A whole
   * strongly connected component rebuilds when any member does.
   */
  TRANSITIVE,
  /** OBS {@code rebuild=direct}, Debian binNMUs: the changed nodes and their direct dependents. */
  DIRECT,
  /** OBS {@code rebuild=local}, a graft: only the changed nodes. */
  LOCAL,
  /**
   * OBS build-compare, Nix content-addressed derivations: transitive, but a rebuilt node's output
   * is unchanged with probability {@code p} and then propagation stops there (Monte Carlo).
   */
  CUTOFF;

  /** The lower-case name used on the command line and in reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The policy with this name, in any case.
   *
   * @throws InputException naming the word and the known policies
   */
  public static Policy parse(String name) {
    if (name != null) {
      for (Policy p : values()) {
        if (p.name().equalsIgnoreCase(name.trim())) {
          return p;
        }
      }
    }
    throw dev.preflight.graph.Names.unknown(
        "policy", name, Arrays.stream(values()).map(Policy::label).collect(Collectors.toList()));
  }
}
