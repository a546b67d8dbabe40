package dev.preflight.cost;

/**
 * Where the system features that place builds on pools come from. A graph that records features
 * ({@link dev.preflight.graph.PackageGraph#recordsFeatures}: some node has one) is placed by its
 * data alone; a graph without any, by the duration guess alone. The two never mix: on a graph with
 * feature data, a node with none requires none, however long it takes (nixpkgs leaves many long
 * builds off {@code big-parallel}).
 */
public enum PlacementRule {
  /**
   * Each build requires its node's Nix {@code requiredSystemFeatures} and runs only on pools that
   * support all of them and whose mandatory features it requires (Nix's {@code allSupported} and
   * {@code mandatoryMet}, see {@link Pool}); a build no pool takes is an input error.
   */
  GRAPH_FEATURES("requiredSystemFeatures"),
  /**
   * No feature data: a build expected to take at least {@code cost.bigParallelSeconds} requires
   * {@code big-parallel}, for systems that some pool builds with the feature (elsewhere the guess
   * is dropped rather than making the build impossible).
   */
  DURATION_GUESS("durationGuess");

  private final String label;

  PlacementRule(String label) {
    this.label = label;
  }

  /** The name in JSON reports. */
  public String label() {
    return label;
  }
}
