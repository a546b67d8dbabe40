package dev.preflight.cost;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.scc.Components;
import dev.preflight.impact.RebuildCondensation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The jobs of a rebuild: the rebuild set's induced subgraph (edges to nodes outside the set are
 * dropped: those inputs are already built) condensed into its strongly connected components ({@link
 * RebuildCondensation}, which also gives the longest chains through them). Each component is one
 * job (DESIGN.md §1: a cycle in the rebuild set builds as one job whose duration is the sum of its
 * members'). Jobs are numbered <b>dependency-first</b> (a job's inputs have smaller numbers), so
 * ascending job order is a valid build order.
 *
 * <p>The components are those of the induced subgraph, not the whole graph's: under {@code direct}
 * or {@code local} a set may hold part of a whole-graph cycle, and those members are only one job
 * if they form a cycle among themselves.
 *
 * <p>Each job has a <b>queue position</b> (its smallest member's position in the rebuild set, i.e.
 * node-index order: the order Hydra's queue would have created the builds) and a <b>system set</b>
 * (the distinct systems of its members; one system for all but mixed cycles).
 *
 * <p><b>Complexity:</b> that of {@link RebuildCondensation} plus {@code O(k)} for the system sets.
 * Iterative. <b>Thread-safety:</b> immutable. <b>Invariants</b> (checked): every member of the set
 * is in exactly one job; every job edge goes from a higher to a lower job number.
 */
public final class JobGraph {
  private final PackageGraph graph;
  private final RebuildCondensation condensation;
  private final Components components;
  private final int[] jobOfPosition;
  private final int[] systemSetOf;
  private final List<int[]> systemSets;

  private JobGraph(PackageGraph graph, RebuildCondensation condensation) {
    this.graph = graph;
    this.condensation = condensation;
    this.components = condensation.components();
    int jobs = components.count();
    this.jobOfPosition = new int[condensation.size()];
    for (int i = 0; i < jobOfPosition.length; i++) {
      jobOfPosition[i] = components.componentOf(i);
    }
    this.systemSetOf = new int[jobs];
    this.systemSets = new ArrayList<>();
    Map<String, Integer> composite = new HashMap<>();
    int systems = graph.systems().size();
    for (int s = 0; s < systems; s++) {
      systemSets.add(new int[] {s});
    }
    for (int j = 0; j < jobs; j++) {
      int first = graph.systemIndex(member(components.membersStart(j)));
      boolean mixed = false;
      for (int p = components.membersStart(j) + 1; p < components.membersEnd(j); p++) {
        if (graph.systemIndex(member(p)) != first) {
          mixed = true;
          break;
        }
      }
      if (!mixed) {
        systemSetOf[j] = first;
        continue;
      }
      int[] set = Arrays.stream(members(j)).map(graph::systemIndex).sorted().distinct().toArray();
      String key = Arrays.toString(set);
      Integer id = composite.get(key);
      if (id == null) {
        id = systemSets.size();
        systemSets.add(set);
        composite.put(key, id);
      }
      systemSetOf[j] = id;
    }
    checkInvariants();
  }

  /**
   * The jobs of rebuilding {@code rebuildNodes} of {@code graph}.
   *
   * @param rebuildNodes strictly ascending node indexes (e.g. {@code RebuildSet.nodes()})
   */
  public static JobGraph of(PackageGraph graph, int[] rebuildNodes) {
    return new JobGraph(graph, RebuildCondensation.of(graph, rebuildNodes));
  }

  /** All nodes of {@code graph} (a full archive rebuild). */
  public static JobGraph all(PackageGraph graph) {
    int[] nodes = new int[graph.nodeCount()];
    Arrays.setAll(nodes, i -> i);
    return of(graph, nodes);
  }

  private void checkInvariants() {
    int seen = 0;
    for (int j = 0; j < jobCount(); j++) {
      seen += components.size(j);
      for (int p = inputsStart(j); p < inputsEnd(j); p++) {
        if (input(p) >= j) {
          throw new IllegalStateException("job edge " + j + " -> " + input(p) + " is not downward");
        }
      }
    }
    if (seen != buildCount()) {
      throw new IllegalStateException("jobs hold " + seen + " members, the set " + buildCount());
    }
  }

  public PackageGraph graph() {
    return graph;
  }

  /** The rebuild set condensed into these jobs (same job numbers): its longest chains. */
  public RebuildCondensation condensation() {
    return condensation;
  }

  /** Number of nodes that rebuild. */
  public int buildCount() {
    return condensation.size();
  }

  /** The rebuild set's nodes, ascending (a copy). */
  public int[] nodes() {
    int[] out = new int[buildCount()];
    Arrays.setAll(out, condensation::node);
    return out;
  }

  /** Number of jobs. */
  public int jobCount() {
    return components.count();
  }

  /** Number of jobs with more than one member (cycles built as one job). */
  public int cyclicJobCount() {
    return components.nonTrivialCount();
  }

  /** The job of the {@code i}-th rebuild node (position in {@link #nodes()}). */
  public int jobOfPosition(int i) {
    return jobOfPosition[i];
  }

  /** The job of graph node {@code node}, or -1 if it does not rebuild. */
  public int jobOfNode(int node) {
    int i = condensation.positionOf(node);
    return i < 0 ? -1 : jobOfPosition[i];
  }

  public int memberCount(int job) {
    return components.size(job);
  }

  /** First position of {@code job}'s members for {@link #member}. */
  public int membersStart(int job) {
    return components.membersStart(job);
  }

  public int membersEnd(int job) {
    return components.membersEnd(job);
  }

  /** The graph node at member position {@code p}; members of a job are ascending. */
  public int member(int p) {
    return condensation.node(components.member(p));
  }

  /** The graph nodes of {@code job}, ascending. */
  public int[] members(int job) {
    int[] out = new int[memberCount(job)];
    for (int p = membersStart(job); p < membersEnd(job); p++) {
      out[p - membersStart(job)] = member(p);
    }
    return out;
  }

  /** Queue position: {@code job}'s smallest member's position in the rebuild set. */
  public int queuePosition(int job) {
    return components.member(components.membersStart(job));
  }

  public int inputsStart(int job) {
    return components.inputsStart(job);
  }

  public int inputsEnd(int job) {
    return components.inputsEnd(job);
  }

  public int input(int p) {
    return components.input(p);
  }

  public int dependentsStart(int job) {
    return components.dependentsStart(job);
  }

  public int dependentsEnd(int job) {
    return components.dependentsEnd(job);
  }

  public int dependent(int p) {
    return components.dependent(p);
  }

  public int inputCount(int job) {
    return inputsEnd(job) - inputsStart(job);
  }

  public int dependentCount(int job) {
    return dependentsEnd(job) - dependentsStart(job);
  }

  /** The system set of {@code job}: an index for {@link #systemSet}. */
  public int systemSetOf(int job) {
    return systemSetOf[job];
  }

  /** Number of distinct system sets (the graph's systems, then mixed sets). */
  public int systemSetCount() {
    return systemSets.size();
  }

  /** The graph system indexes of system set {@code id}. */
  public int[] systemSet(int id) {
    return systemSets.get(id).clone();
  }

  /** A readable name for {@code job}: its member's name, or the first names of a cycle. */
  public String label(int job) {
    int k = memberCount(job);
    String first = graph.name(member(membersStart(job)));
    return k == 1 ? first : first + " (+" + (k - 1) + " in a cycle)";
  }
}
