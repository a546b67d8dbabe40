package dev.preflight.cost;

import dev.preflight.graph.GraphMetadata;
import dev.preflight.graph.InputException;
import dev.preflight.impact.Policy;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Which builds of a round wait for which (DESIGN.md §1 and §3). Every order starts from the rebuild
 * set's induced subgraph of the graph it is ordered by, with the edges <i>inside</i> a strongly
 * connected component dropped: the members of a cycle build in parallel against the previous
 * binaries once their inputs outside the cycle are done (how distributions bootstrap cycles). No
 * order builds a cycle as one serial job.
 */
public enum BuildOrder {
  /**
   * A build waits for its inputs in the rebuild set (edges inside a cycle dropped): Nix, Hydra,
   * OBS. The critical path is the duration-weighted longest path of that DAG.
   */
  DEPENDENCIES("dependencies"),
  /**
   * Debian's transition tracker (ben): cycles of the rebuild subgraph collapsed, {@code level(v) =
   * 0} for a build with no input in the set, else one more than its inputs' highest level; every
   * build of level {@code k} waits for every build of level {@code k-1} (a barrier per level), and
   * the members of a cycle share one level and build in parallel. The critical path is the sum over
   * levels of each level's longest build.
   */
  LEVELS("levels"),
  /**
   * Builds do not wait on each other at all: a Debian binNMU round. The old binaries stay in the
   * archive, so every build finds its build-dependencies installable; wanna-build only holds a
   * build back for an explicit dep-wait the release team sets ({@code wanna-build --dep-wait}, see
   * https://release.debian.org/wanna-build.txt). The critical path is the longest single build.
   */
  INDEPENDENT("independent");

  private final String label;

  BuildOrder(String label) {
    this.label = label;
  }

  /** The name used on the command line and in reports. */
  public String label() {
    return label;
  }

  /**
   * The order with this name.
   *
   * @throws InputException naming the word and the known orders
   */
  public static BuildOrder byName(String name) {
    if (name != null) {
      for (BuildOrder o : values()) {
        if (o.label.equalsIgnoreCase(name.trim())) {
          return o;
        }
      }
    }
    throw dev.preflight.graph.Names.unknown(
        "build order",
        name,
        Arrays.stream(values()).map(BuildOrder::label).collect(Collectors.toList()));
  }

  /**
   * The order a graph's distribution uses for a policy: {@link #INDEPENDENT} for a Debian round
   * ({@link Policy#isRound()}: {@code binnmu}, {@code static}, {@code direct} on a graph whose
   * {@link GraphMetadata#distribution()} is {@code debian}), else {@link #DEPENDENCIES}.
   *
   * @param policy the propagation policy, or null for a full rebuild ({@code --all})
   */
  public static BuildOrder defaultFor(GraphMetadata metadata, Policy policy) {
    boolean debian = metadata != null && "debian".equalsIgnoreCase(metadata.distribution());
    return debian && policy != null && policy.isRound() ? INDEPENDENT : DEPENDENCIES;
  }
}
