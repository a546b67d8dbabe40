package dev.preflight.risk;

import dev.preflight.graph.GraphMetadata;

/**
 * What a failed build does to the builds that need it (DESIGN.md §4); the graph's distribution
 * decides, and every risk report names the rule it used.
 */
public enum FailurePropagation {
  /**
   * Nix and Hydra: a build whose input failed is not attempted and ends "dependency failed"
   * (Hydra's {@code buildstatus} 2, NixOS/hydra {@code src/lib/Hydra/Schema/Result/Builds.pm}).
   */
  DEPENDENCY_FAILED("dependency-failed", "a failed build fails its dependents (Hydra status 2)"),
  /**
   * Debian (and Fedora mass rebuilds): the archive keeps the previous binary, so a failed binNMU or
   * rebuild leaves the others building against the old one; wanna-build records it as Failed for
   * that package alone (https://release.debian.org/wanna-build.txt).
   */
  NONE("none", "a failed build leaves the old binary; the others build (Debian)");

  private final String label;
  private final String description;

  FailurePropagation(String label, String description) {
    this.label = label;
    this.description = description;
  }

  public String label() {
    return label;
  }

  /** One line for reports. */
  public String description() {
    return description;
  }

  /** {@link #NONE} on a Debian graph, {@link #DEPENDENCY_FAILED} elsewhere. */
  public static FailurePropagation forGraph(GraphMetadata metadata) {
    return "debian".equals(metadata.distribution()) ? NONE : DEPENDENCY_FAILED;
  }
}
