package dev.preflight.graph.io.nix;

import dev.preflight.graph.PackageGraph;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;

/**
 * Which nodes of an imported Nix graph are <em>jobs</em> (derivations that an evaluated attribute
 * path gives: a nix-eval-jobs line) and under which attribute paths, as opposed to the bootstrap
 * stages, sources and helpers that only appear as inputs in a {@code nix derivation show
 * --recursive} closure.
 *
 * <p>nixpkgs CI counts rebuilds over attribute paths ({@code ci/eval/diff.nix}: {@code rebuilds}
 * are keys of the evaluated attribute set), so only jobs count towards its labels, each under every
 * attribute path that gives it. A job's attribute paths are its aliases plus its name when the name
 * is one of them ({@code hello}), not when the name is the parsed drv name ({@code stdenv-linux},
 * whose attribute is {@code stdenv}). The graph keeps this in one metadata property, {@value
 * #PROPERTY}: {@code nodes:jobs:nameIsAttribute}, two base64 bit sets over node indexes, written by
 * {@link NixImport} whenever eval-jobs lines are imported. Without it every node counts under its
 * name and aliases. A metadata property rather than a node column, so the stored formats stay as
 * they are; it is bound to the node order, which every format keeps, and is ignored when its node
 * count does not match the graph.
 */
public final class NixJobs {
  /** The metadata key of the job mask. */
  public static final String PROPERTY = "nix.jobMask";

  private final BitSet jobs;
  private final BitSet nameIsAttribute;

  private NixJobs(BitSet jobs, BitSet nameIsAttribute) {
    this.jobs = jobs;
    this.nameIsAttribute = nameIsAttribute;
  }

  /** The property value for {@code nodes} nodes. */
  static String encode(BitSet jobs, BitSet nameIsAttribute, int nodes) {
    Base64.Encoder b = Base64.getEncoder();
    return nodes
        + ":"
        + b.encodeToString(jobs.toByteArray())
        + ":"
        + b.encodeToString(nameIsAttribute.toByteArray());
  }

  /**
   * The jobs of {@code graph}, or null when the graph does not say (every node counts under its
   * name and aliases).
   */
  public static NixJobs of(PackageGraph graph) {
    String v = graph.metadata().properties().get(PROPERTY);
    if (v == null) {
      return null;
    }
    String[] parts = v.split(":", -1);
    if (parts.length != 3) {
      return null;
    }
    try {
      if (Integer.parseInt(parts[0]) != graph.nodeCount()) {
        return null;
      }
      Base64.Decoder d = Base64.getDecoder();
      return new NixJobs(BitSet.valueOf(d.decode(parts[1])), BitSet.valueOf(d.decode(parts[2])));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Whether node {@code v} is a job. */
  public boolean isJob(int v) {
    return jobs.get(v);
  }

  /** The attribute paths of node {@code v} in {@code graph}: empty for a node that is no job. */
  public List<String> attributePaths(PackageGraph graph, int v) {
    if (!jobs.get(v)) {
      return List.of();
    }
    List<String> out = new ArrayList<>(1 + graph.aliases(v).size());
    if (nameIsAttribute.get(v)) {
      out.add(graph.name(v));
    }
    out.addAll(graph.aliases(v));
    return out;
  }

  /**
   * The attribute paths nixpkgs CI would count for node {@code v}: those of a job when {@code jobs}
   * is not null, else its name and aliases.
   */
  public static List<String> attributePaths(NixJobs jobs, PackageGraph graph, int v) {
    if (jobs != null) {
      return jobs.attributePaths(graph, v);
    }
    List<String> aliases = graph.aliases(v);
    if (aliases.isEmpty()) {
      return List.of(graph.name(v));
    }
    List<String> out = new ArrayList<>(1 + aliases.size());
    out.add(graph.name(v));
    out.addAll(aliases);
    return out;
  }
}
