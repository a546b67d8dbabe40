package dev.preflight.graph.generate;

import dev.preflight.graph.InputException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What to generate: the total node count, the seed and the systems.
 *
 * @param nodes total nodes over all systems (each system gets its share; darwin systems about 10%
 *     fewer than linux ones)
 * @param seed the seed: the same spec always gives the same graph, byte for byte
 * @param systems platforms, each ending in {@code -linux} or {@code -darwin}, no repeats
 */
public record GeneratorSpec(int nodes, long seed, List<String> systems) {
  /** The four platforms nixpkgs' Hydra builds for. */
  public static final List<String> DEFAULT_SYSTEMS =
      List.of("x86_64-linux", "aarch64-linux", "x86_64-darwin", "aarch64-darwin");

  /**
   * Nodes at most. Generating takes about 0.5 GB of heap per million nodes when the graph is
   * written as Arrow and 1 GB as JSON (measured at 1,000,000 nodes), so 20 million fit a 24 GiB
   * machine; far larger counts are typos that would end in an out-of-memory error.
   */
  public static final int MAX_NODES = 20_000_000;

  public GeneratorSpec {
    Objects.requireNonNull(systems, "systems");
    systems = List.copyOf(systems);
    if (nodes < 1) {
      throw InputException.of("--nodes must be positive, got " + nodes);
    }
    if (nodes > MAX_NODES) {
      throw InputException.of(
          String.format(
              "--nodes must be at most %,d (about 0.5 GB of heap per million nodes), got %d",
              MAX_NODES, nodes));
    }
    if (systems.isEmpty()) {
      throw InputException.of("name at least one system");
    }
    HashSet<String> seen = new HashSet<>();
    for (String s : systems) {
      if (!isLinux(s) && !isDarwin(s)) {
        throw InputException.of(
            "unsupported system '"
                + s
                + "': the generator models linux and darwin package sets (e.g. x86_64-linux,"
                + " aarch64-darwin)");
      }
      if (!seen.add(s)) {
        throw InputException.of("system '" + s + "' named twice");
      }
    }
  }

  /** The default systems. */
  public static GeneratorSpec of(int nodes, long seed) {
    return new GeneratorSpec(nodes, seed, DEFAULT_SYSTEMS);
  }

  static boolean isLinux(String system) {
    return system.endsWith("-linux") && system.length() > "-linux".length();
  }

  static boolean isDarwin(String system) {
    return system.endsWith("-darwin") && system.length() > "-darwin".length();
  }
}
