package dev.preflight.impact;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.io.nix.NixJobs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

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
 * @param attrCount the bots' count per kernel: distinct attribute paths rebuilt on the kernel's
 *     platforms, as nixpkgs CI counts them ({@code ci/eval/diff.nix} keys {@code rebuilds} by
 *     attribute path, so two attribute paths of one derivation count twice; {@code
 *     ci/eval/compare/utils.nix} {@code groupByKernel} unites a kernel's platforms). A node's
 *     attribute paths are its name and aliases; in a graph with nix-eval-jobs data only jobs count,
 *     under their attributes ({@link NixJobs}). Same keys as {@code byKernel}
 * @param labels the bots' labels for the {@code attrCount} counts, with the {@code -stdenv} labels
 * @param depth build jobs on the longest chain of rebuilds ({@link RebuildDepth})
 * @param rebuilds every rebuilt node as {@code name.system} (nixpkgs' {@code packagePlatformPath};
 *     the name alone when the node has no system), sorted; aliases are never listed
 * @param attrsBySystem per system with rebuilds, the rebuilt attribute paths (as {@code attrCount}
 *     counts them), sorted
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
    Map<String, Integer> attrCount,
    List<String> labels,
    int depth,
    List<String> rebuilds,
    Map<String, List<String>> attrsBySystem,
    RebuildSet set,
    CutoffStats cutoff) {

  public ImpactReport {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(set, "set");
    changed = List.copyOf(changed);
    pins = pins == null ? List.of() : List.copyOf(pins);
    bySystem = Collections.unmodifiableMap(new LinkedHashMap<>(bySystem));
    byKernel = Collections.unmodifiableMap(new LinkedHashMap<>(byKernel));
    attrCount = Collections.unmodifiableMap(new LinkedHashMap<>(attrCount));
    labels = List.copyOf(labels);
    rebuilds = List.copyOf(rebuilds);
    Map<String, List<String>> attrs = new TreeMap<>();
    attrsBySystem.forEach((k, v) -> attrs.put(k, List.copyOf(v)));
    attrsBySystem = Collections.unmodifiableMap(attrs);
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
    Map<String, Set<String>> attrsByKernel = new TreeMap<>();
    Map<String, Set<String>> attrsBySystem = new TreeMap<>();
    NixJobs jobs = NixJobs.of(graph);
    List<String> names = new ArrayList<>(set.size());
    for (int i = 0; i < set.size(); i++) {
      int v = set.node(i);
      int s = graph.systemIndex(v);
      perSystem[s]++;
      String name = graph.name(v);
      String system = systems.get(s);
      names.add(system.isEmpty() ? name : name + "." + system);
      namesByKernel.computeIfAbsent(kernelOfSystem[s], k -> new HashSet<>()).add(name);
      if (jobs == null && graph.aliases(v).isEmpty()) {
        // The common case (no eval-jobs data, no aliases): the name is the one attribute path.
        attrsByKernel.computeIfAbsent(kernelOfSystem[s], k -> new HashSet<>()).add(name);
        attrsBySystem.computeIfAbsent(system, k -> new HashSet<>()).add(name);
      } else {
        List<String> attrs = NixJobs.attributePaths(jobs, graph, v);
        if (!attrs.isEmpty()) {
          attrsByKernel.computeIfAbsent(kernelOfSystem[s], k -> new HashSet<>()).addAll(attrs);
          attrsBySystem.computeIfAbsent(system, k -> new HashSet<>()).addAll(attrs);
        }
      }
    }
    Collections.sort(names);
    Map<String, Integer> bySystem = new TreeMap<>();
    for (int s = 0; s < systems.size(); s++) {
      bySystem.merge(systems.get(s), perSystem[s], Integer::sum);
    }
    Map<String, Integer> byKernel = new LinkedHashMap<>();
    byKernel.put(Kernels.LINUX, namesByKernel.remove(Kernels.LINUX).size());
    byKernel.put(Kernels.DARWIN, namesByKernel.remove(Kernels.DARWIN).size());
    namesByKernel.forEach((k, v) -> byKernel.put(k, v.size()));
    Map<String, Integer> attrCount = new LinkedHashMap<>();
    Set<String> stdenvKernels = new HashSet<>();
    for (String kernel : byKernel.keySet()) {
      Set<String> attrs = attrsByKernel.getOrDefault(kernel, Set.of());
      attrCount.put(kernel, attrs.size());
      if (attrs.contains(OfborgLabels.STDENV)) {
        stdenvKernels.add(kernel);
      }
    }
    Map<String, List<String>> attrLists = new TreeMap<>();
    // Hash sets while counting, one sort at the end (a TreeSet per insert cost ~10% of a whole
    // `impact` run on a 34,000-node rebuild).
    attrsBySystem.forEach(
        (k, v) -> {
          List<String> sorted = new ArrayList<>(v);
          Collections.sort(sorted);
          attrLists.put(k, sorted);
        });
    return new ImpactReport(
        policy,
        changes.resolvedNames(),
        graph.pinNames(),
        set.size(),
        bySystem,
        byKernel,
        attrCount,
        labels.labels(attrCount, stdenvKernels),
        policy == Policy.TRANSITIVE
            ? RebuildDepth.ofTransitive(graph, set)
            : RebuildDepth.of(graph, set),
        names,
        attrLists,
        set,
        cutoff);
  }
}
