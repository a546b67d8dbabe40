package dev.preflight.impact;

import dev.preflight.graph.PackageGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The answer to "which builds does this change trigger" (DESIGN.md §2, §6), computed once;
 * renderers only format it.
 *
 * @param policy the propagation policy
 * @param changed the changed nodes' names, sorted and distinct
 * @param pins the names of the nodes the graph is pinned at ({@link PackageGraph#pinNames}), sorted
 *     and distinct; empty without {@code --pin}
 * @param rebuildCount nodes that rebuild, the changed nodes included; a node with aliases counts
 *     once. Under {@code cutoff}: every node that rebuilds in at least one outcome (the
 *     distribution is in {@code cutoff})
 * @param bySystem rebuilt nodes per system, every system of the graph listed (sorted), zeros too
 * @param byKernel distinct package names rebuilt per kernel, as nixpkgs' {@code
 *     rebuildCountByKernel} counts them (a package rebuilt on x86_64-linux and aarch64-linux counts
 *     once for linux): {@code linux} and {@code darwin} always, then other kernels present, sorted
 * @param labels ofborg labels for the {@code byKernel} counts
 * @param depth build jobs on the longest chain of rebuilds ({@link RebuildDepth})
 * @param rebuilds the distinct names of the rebuilt nodes, sorted (a package rebuilt on two systems
 *     is listed once; aliases are never listed)
 * @param set the rebuild set itself, with distances
 * @param cutoff the Monte Carlo distribution under {@code cutoff}, else null
 */
public record ImpactReport(
    Policy policy,
    List<String> changed,
    List<String> pins,
    int rebuildCount,
    Map<String, Integer> bySystem,
    Map<String, Integer> byKernel,
    List<String> labels,
    int depth,
    List<String> rebuilds,
    RebuildSet set,
    CutoffStats cutoff) {

  public ImpactReport {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(set, "set");
    changed = List.copyOf(changed);
    pins = pins == null ? List.of() : List.copyOf(pins);
    bySystem = Collections.unmodifiableMap(new LinkedHashMap<>(bySystem));
    byKernel = Collections.unmodifiableMap(new LinkedHashMap<>(byKernel));
    labels = List.copyOf(labels);
    rebuilds = List.copyOf(rebuilds);
    if (rebuildCount != set.size()) {
      throw new IllegalArgumentException("rebuildCount differs from the rebuild set's size");
    }
    int sum = bySystem.values().stream().mapToInt(Integer::intValue).sum();
    if (sum != rebuildCount) {
      throw new IllegalArgumentException("bySystem sums to " + sum + ", not " + rebuildCount);
    }
    if (depth < 0 || depth > rebuildCount || (rebuildCount > 0 && depth == 0)) {
      throw new IllegalArgumentException("depth " + depth + " impossible for " + rebuildCount);
    }
    if ((policy == Policy.CUTOFF) != (cutoff != null)) {
      throw new IllegalArgumentException("cutoff statistics belong to the cutoff policy only");
    }
  }

  /**
   * Builds the report of {@code set}, the rebuild set of {@code changes} under {@code policy} on
   * {@code graph} (a pinned view reports its pins).
   */
  public static ImpactReport of(
      PackageGraph graph,
      Changes changes,
      Policy policy,
      RebuildSet set,
      OfborgLabels labels,
      CutoffStats cutoff) {
    List<String> systems = graph.systems();
    int[] perSystem = new int[systems.size()];
    String[] kernelOfSystem = new String[systems.size()];
    for (int s = 0; s < systems.size(); s++) {
      kernelOfSystem[s] = Kernels.of(systems.get(s));
    }
    Map<String, Set<String>> namesByKernel = new TreeMap<>();
    namesByKernel.put(Kernels.LINUX, new HashSet<>());
    namesByKernel.put(Kernels.DARWIN, new HashSet<>());
    TreeSet<String> names = new TreeSet<>();
    for (int i = 0; i < set.size(); i++) {
      int v = set.node(i);
      int s = graph.systemIndex(v);
      perSystem[s]++;
      String name = graph.name(v);
      names.add(name);
      namesByKernel.computeIfAbsent(kernelOfSystem[s], k -> new HashSet<>()).add(name);
    }
    Map<String, Integer> bySystem = new TreeMap<>();
    for (int s = 0; s < systems.size(); s++) {
      bySystem.merge(systems.get(s), perSystem[s], Integer::sum);
    }
    Map<String, Integer> byKernel = new LinkedHashMap<>();
    byKernel.put(Kernels.LINUX, namesByKernel.remove(Kernels.LINUX).size());
    byKernel.put(Kernels.DARWIN, namesByKernel.remove(Kernels.DARWIN).size());
    namesByKernel.forEach((k, v) -> byKernel.put(k, v.size()));
    return new ImpactReport(
        policy,
        changes.resolvedNames(),
        graph.pinNames(),
        set.size(),
        bySystem,
        byKernel,
        labels.labels(byKernel),
        RebuildDepth.of(graph, set),
        new ArrayList<>(names),
        set,
        cutoff);
  }
}
