package dev.preflight.cost;

import dev.preflight.graph.CsrGraph;
import dev.preflight.graph.DependencyGraph;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.scc.Components;
import dev.preflight.impact.RebuildCondensation;
import java.util.Arrays;

/**
 * The jobs of a rebuild and the DAG their {@link BuildOrder} puts between them. Every rebuilt node
 * is one job. The order starts from the subgraph that the rebuild set induces in the graph it is
 * ordered by (an input outside the set is already built) and drops every edge inside a strongly
 * connected component of that subgraph: the members of a cycle build in parallel against the
 * previous binaries once their inputs outside the cycle are done (DESIGN.md §1). {@link
 * BuildOrder#DEPENDENCIES} and {@link BuildOrder#LEVELS} keep every other edge (levels add a
 * barrier per level on top, see {@link #level}); {@link BuildOrder#INDEPENDENT} keeps none.
 *
 * <p>The graph ordered by is a parameter: a Debian {@code binnmu} or {@code static} round is
 * ordered by the relation its set was computed over (a graph with the same node indexes), while
 * names and systems come from the {@link PackageGraph}. The components are those of the induced
 * subgraph, not the whole graph's: under {@code direct} or {@code local} a set may hold part of a
 * whole-graph cycle, and those members are only a cycle if they form one among themselves.
 *
 * <p>Jobs are numbered <b>dependency-first</b> (components of the induced subgraph in Tarjan's
 * dependency-first order, members ascending within one), so every edge goes from a higher to a
 * lower job and ascending job order is a valid build order. Each job has a <b>queue position</b>
 * (its node's position in the rebuild set: node-index order, the order Hydra's queue would have
 * created the builds) and a <b>level</b>: 0 for a component with no input in the set, else one more
 * than its inputs' highest level (the transition tracker's levels; all members of a cycle share one
 * level).
 *
 * <p><b>Complexity:</b> {@code O(k + e log k)} time and {@code O(k + e)} memory for {@code k}
 * rebuilt nodes with {@code e} edges leaving them (membership by binary search; a set holding at
 * least 1/16 of the graph uses one {@code int[V]} map instead); an iterative Tarjan; each chain
 * pass is {@code O(k + job edges)}. <b>Thread-safety:</b> immutable. <b>Invariants</b> (checked):
 * every rebuilt node is exactly one job; every job edge goes from a higher to a lower job and from
 * a higher to a lower level; no edge joins two members of one cycle; a chain's consecutive jobs are
 * joined in the order's DAG and its length is the sum of its weights.
 */
public final class JobGraph {
  private final PackageGraph graph;
  private final BuildOrder order;
  private final int[] nodes;
  private final int[] jobOfPosition;
  private final int[] positionOfJob;
  private final int[] componentOfJob;
  private final int[] inOffsets;
  private final int[] in;
  private final CsrGraph edges; // in and inOffsets both ways (the one reverse-index builder)
  private final int[] level;
  private final int[] levelOffsets;
  private final int[] levelJobs;
  private final int cycles;
  private final int cycleMembers;

  private JobGraph(PackageGraph graph, DependencyGraph orderBy, int[] nodes, BuildOrder order) {
    this.graph = graph;
    this.order = order;
    this.nodes = nodes;
    int k = nodes.length;
    CsrGraph induced = induced(orderBy, nodes);
    Components comps = Components.of(induced);
    this.jobOfPosition = new int[k];
    this.positionOfJob = new int[k];
    this.componentOfJob = new int[k];
    int next = 0;
    int cyc = 0;
    int cycMembers = 0;
    for (int c = 0; c < comps.count(); c++) {
      if (comps.size(c) > 1) {
        cyc++;
        cycMembers += comps.size(c);
      }
      for (int p = comps.membersStart(c); p < comps.membersEnd(c); p++) {
        int pos = comps.member(p);
        jobOfPosition[pos] = next;
        positionOfJob[next] = pos;
        componentOfJob[next] = c;
        next++;
      }
    }
    this.cycles = cyc;
    this.cycleMembers = cycMembers;

    // Levels over the condensation: a cycle's members share one.
    int[] compLevel = new int[comps.count()];
    int levels = 0;
    for (int c = 0; c < comps.count(); c++) {
      int l = 0;
      for (int p = comps.inputsStart(c); p < comps.inputsEnd(c); p++) {
        l = Math.max(l, compLevel[comps.input(p)] + 1);
      }
      compLevel[c] = l;
      levels = Math.max(levels, l + 1);
    }
    this.level = new int[k];
    this.levelOffsets = new int[levels + 1];
    for (int j = 0; j < k; j++) {
      level[j] = compLevel[componentOfJob[j]];
      levelOffsets[level[j] + 1]++;
    }
    for (int l = 0; l < levels; l++) {
      levelOffsets[l + 1] += levelOffsets[l];
    }
    this.levelJobs = new int[k];
    int[] fill = Arrays.copyOf(levelOffsets, levels);
    for (int j = 0; j < k; j++) {
      levelJobs[fill[level[j]]++] = j;
    }

    // Job edges: the induced edges between different components (none when independent).
    this.inOffsets = new int[k + 1];
    if (order != BuildOrder.INDEPENDENT) {
      for (int j = 0; j < k; j++) {
        int pos = positionOfJob[j];
        int c = 0;
        for (int p = induced.inputsStart(pos); p < induced.inputsEnd(pos); p++) {
          if (comps.componentOf(induced.input(p)) != componentOfJob[j]) {
            c++;
          }
        }
        inOffsets[j + 1] = inOffsets[j] + c;
      }
    }
    this.in = new int[inOffsets[k]];
    if (order != BuildOrder.INDEPENDENT) {
      for (int j = 0; j < k; j++) {
        int pos = positionOfJob[j];
        int w = inOffsets[j];
        for (int p = induced.inputsStart(pos); p < induced.inputsEnd(pos); p++) {
          int l = induced.input(p);
          if (comps.componentOf(l) != componentOfJob[j]) {
            in[w++] = jobOfPosition[l];
          }
        }
        Arrays.sort(in, inOffsets[j], w);
      }
    }
    this.edges = CsrGraph.fromInputs(inOffsets, in);
    checkInvariants();
  }

  /**
   * The jobs of rebuilding {@code rebuildNodes} of {@code graph}, ordered by {@code orderBy}.
   *
   * @param graph names, systems and channels of the nodes
   * @param rebuildNodes strictly ascending node indexes (e.g. {@code RebuildSet.nodes()}); copied
   * @param order which builds wait for which
   * @param orderBy the edges to order by: {@code graph} itself, or a relation view with the same
   *     node indexes (the {@code binnmu} or {@code static} relation a round's set was computed
   *     over)
   */
  public static JobGraph of(
      PackageGraph graph, int[] rebuildNodes, BuildOrder order, DependencyGraph orderBy) {
    if (orderBy.nodeCount() != graph.nodeCount()) {
      throw new IllegalArgumentException("the graph to order by has other nodes");
    }
    int[] copy = rebuildNodes.clone();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] < 0 || copy[i] >= graph.nodeCount() || (i > 0 && copy[i] <= copy[i - 1])) {
        throw new IllegalArgumentException(
            "rebuild nodes must be strictly ascending and in [0, " + graph.nodeCount() + ")");
      }
    }
    return new JobGraph(graph, orderBy, copy, order);
  }

  /** The jobs of rebuilding {@code rebuildNodes}, ordered by {@code graph}'s own edges. */
  public static JobGraph of(PackageGraph graph, int[] rebuildNodes, BuildOrder order) {
    return of(graph, rebuildNodes, order, graph);
  }

  /** The jobs of rebuilding {@code rebuildNodes} in {@link BuildOrder#DEPENDENCIES} order. */
  public static JobGraph of(PackageGraph graph, int[] rebuildNodes) {
    return of(graph, rebuildNodes, BuildOrder.DEPENDENCIES, graph);
  }

  /** All nodes of {@code graph} (a full archive rebuild). */
  public static JobGraph all(PackageGraph graph, BuildOrder order) {
    int[] nodes = new int[graph.nodeCount()];
    Arrays.setAll(nodes, i -> i);
    return of(graph, nodes, order, graph);
  }

  /** All nodes of {@code graph} in {@link BuildOrder#DEPENDENCIES} order. */
  public static JobGraph all(PackageGraph graph) {
    return all(graph, BuildOrder.DEPENDENCIES);
  }

  private void checkInvariants() {
    for (int j = 0; j < jobCount(); j++) {
      for (int p = inputsStart(j); p < inputsEnd(j); p++) {
        int i = input(p);
        if (i >= j || level[i] >= level[j]) {
          throw new IllegalStateException("job edge " + j + " -> " + i + " is not downward");
        }
        if (componentOfJob[i] == componentOfJob[j]) {
          throw new IllegalStateException("job edge " + j + " -> " + i + " inside a cycle");
        }
      }
    }
    int[] seen = new int[nodes.length];
    for (int j = 0; j < jobCount(); j++) {
      seen[positionOfJob[j]]++;
    }
    for (int s : seen) {
      if (s != 1) {
        throw new IllegalStateException("a rebuilt node is not exactly one job");
      }
    }
  }

  public PackageGraph graph() {
    return graph;
  }

  /** Which builds wait for which. */
  public BuildOrder order() {
    return order;
  }

  /** Number of nodes that rebuild. */
  public int buildCount() {
    return nodes.length;
  }

  /** The rebuild set's nodes, ascending (a copy). */
  public int[] nodes() {
    return nodes.clone();
  }

  /** Number of jobs: one per rebuilt node. */
  public int jobCount() {
    return nodes.length;
  }

  /**
   * Number of cycles among the rebuilds (strongly connected components of the induced subgraph with
   * more than one member); their members build in parallel.
   */
  public int cycleCount() {
    return cycles;
  }

  /** Number of rebuilt nodes that lie on a cycle among the rebuilds. */
  public int cycleMemberCount() {
    return cycleMembers;
  }

  /** The job of the {@code i}-th rebuild node (position in {@link #nodes()}). */
  public int jobOfPosition(int i) {
    return jobOfPosition[i];
  }

  /** The job of graph node {@code node}, or -1 if it does not rebuild. */
  public int jobOfNode(int node) {
    int i = Arrays.binarySearch(nodes, node);
    return i < 0 ? -1 : jobOfPosition[i];
  }

  /** The graph node {@code job} builds. */
  public int node(int job) {
    return nodes[positionOfJob[job]];
  }

  /** Members of a job: always 1 (a cycle is no longer one job; kept for member loops). */
  public int memberCount(int job) {
    return 1;
  }

  /** First position of {@code job}'s members for {@link #member}. */
  public int membersStart(int job) {
    return job;
  }

  public int membersEnd(int job) {
    return job + 1;
  }

  /** The graph node at member position {@code p} (the node of job {@code p}). */
  public int member(int p) {
    return node(p);
  }

  /** Queue position: {@code job}'s node's position in the rebuild set. */
  public int queuePosition(int job) {
    return positionOfJob[job];
  }

  /** Whether jobs {@code a} and {@code b} lie on one cycle among the rebuilds. */
  public boolean sameCycle(int a, int b) {
    return componentOfJob[a] == componentOfJob[b];
  }

  public int inputsStart(int job) {
    return inOffsets[job];
  }

  public int inputsEnd(int job) {
    return inOffsets[job + 1];
  }

  public int input(int p) {
    return in[p];
  }

  public int dependentsStart(int job) {
    return edges.dependentsStart(job);
  }

  public int dependentsEnd(int job) {
    return edges.dependentsEnd(job);
  }

  public int dependent(int p) {
    return edges.dependent(p);
  }

  public int inputCount(int job) {
    return inputsEnd(job) - inputsStart(job);
  }

  public int dependentCount(int job) {
    return dependentsEnd(job) - dependentsStart(job);
  }

  /** {@code job}'s level (see the class comment); every input has a lower one. */
  public int level(int job) {
    return level[job];
  }

  /** Number of levels (0 without jobs). */
  public int levelCount() {
    return levelOffsets.length - 1;
  }

  /** First position of level {@code l}'s jobs for {@link #levelJob}. */
  public int levelStart(int l) {
    return levelOffsets[l];
  }

  public int levelEnd(int l) {
    return levelOffsets[l + 1];
  }

  /** The job at level position {@code p}; a level's jobs are ascending. */
  public int levelJob(int p) {
    return levelJobs[p];
  }

  /** The system set of {@code job}: its node's system index. */
  public int systemSetOf(int job) {
    return graph.systemIndex(node(job));
  }

  /** Number of distinct system sets (the graph's systems). */
  public int systemSetCount() {
    return graph.systems().size();
  }

  /** The graph system indexes of system set {@code id}. */
  public int[] systemSet(int id) {
    return new int[] {id};
  }

  /** A readable name for {@code job}: its node's name. */
  public String label(int job) {
    return graph.name(node(job));
  }

  // ------------------------------------------------------------------ chains

  /**
   * Each job's top level in this order: its weight plus the heaviest chain before it (the earliest
   * finish of the job with unlimited builders). Under {@link BuildOrder#LEVELS} what comes before
   * is the whole previous level.
   *
   * @param weight per job, finite and {@code >= 0}
   */
  public double[] topLevels(double[] weight) {
    checkWeights(weight);
    double[] top = new double[weight.length];
    if (order == BuildOrder.LEVELS) {
      double before = 0;
      for (int l = 0; l < levelCount(); l++) {
        double max = 0;
        for (int p = levelStart(l); p < levelEnd(l); p++) {
          int j = levelJobs[p];
          top[j] = before + weight[j];
          max = Math.max(max, top[j]);
        }
        before = max;
      }
      return top;
    }
    for (int j = 0; j < top.length; j++) {
      double before = 0;
      for (int p = inputsStart(j); p < inputsEnd(j); p++) {
        before = Math.max(before, top[in[p]]);
      }
      top[j] = before + weight[j];
    }
    return top;
  }

  /**
   * Each job's bottom level in this order: its weight plus the heaviest chain after it (what still
   * has to run from the job's start to the end of the rebuild).
   *
   * @param weight per job, finite and {@code >= 0}
   */
  public double[] bottomLevels(double[] weight) {
    checkWeights(weight);
    double[] bottom = new double[weight.length];
    if (order == BuildOrder.LEVELS) {
      double after = 0;
      for (int l = levelCount() - 1; l >= 0; l--) {
        double max = 0;
        for (int p = levelStart(l); p < levelEnd(l); p++) {
          int j = levelJobs[p];
          bottom[j] = weight[j] + after;
          max = Math.max(max, bottom[j]);
        }
        after = max;
      }
      return bottom;
    }
    for (int j = bottom.length - 1; j >= 0; j--) {
      double after = 0;
      for (int p = dependentsStart(j); p < dependentsEnd(j); p++) {
        after = Math.max(after, bottom[edges.dependent(p)]);
      }
      bottom[j] = weight[j] + after;
    }
    return bottom;
  }

  /** A heaviest chain of jobs in the order's DAG: its jobs, first to last, and their weight. */
  public record Chain(double length, int[] jobs) {
    public Chain {
      jobs = jobs.clone();
    }

    @Override
    public int[] jobs() {
      return jobs.clone();
    }
  }

  /**
   * A heaviest chain of jobs in this order's DAG; its first job has no predecessor there (no input
   * in the set, or level 0). Ties go to the lowest-numbered last job and from each job back to the
   * lowest-numbered heaviest predecessor. Empty with length 0 when there are no jobs.
   *
   * @param weight per job, finite and {@code >= 0}
   */
  public Chain longestChain(double[] weight) {
    double[] top = topLevels(weight);
    int[] chain = RebuildCondensation.heaviestChain(top, j -> heaviestPredecessor(j, top));
    if (chain.length == 0) {
      return new Chain(0, chain);
    }
    double length = top[chain[chain.length - 1]];
    checkChain(chain, weight, length);
    return new Chain(length, chain);
  }

  private int heaviestPredecessor(int job, double[] top) {
    int from = -1;
    if (order == BuildOrder.LEVELS) {
      int l = level[job];
      if (l == 0) {
        return -1;
      }
      for (int p = levelStart(l - 1); p < levelEnd(l - 1); p++) {
        int i = levelJobs[p];
        if (from < 0 || top[i] > top[from]) {
          from = i;
        }
      }
      return from;
    }
    for (int p = inputsStart(job); p < inputsEnd(job); p++) {
      int i = in[p];
      if (from < 0 || top[i] > top[from]) {
        from = i;
      }
    }
    return from;
  }

  /** Whether {@code before} must finish before {@code job} starts in this order. */
  public boolean precedes(int before, int job) {
    if (order == BuildOrder.LEVELS) {
      return level[before] == level[job] - 1 || isInput(job, before);
    }
    return isInput(job, before);
  }

  private boolean isInput(int job, int input) {
    return Arrays.binarySearch(in, inputsStart(job), inputsEnd(job), input) >= 0;
  }

  private void checkWeights(double[] weight) {
    if (weight.length != jobCount()) {
      throw new IllegalArgumentException(
          "weights for " + weight.length + " jobs, the rebuild has " + jobCount());
    }
    for (double w : weight) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("job weights must be finite and >= 0, got " + w);
      }
    }
  }

  private void checkChain(int[] chain, double[] weight, double length) {
    double sum = 0;
    for (int i = 0; i < chain.length; i++) {
      sum += weight[chain[i]];
      if (i > 0 && !precedes(chain[i - 1], chain[i])) {
        throw new IllegalStateException("chain step " + chain[i - 1] + " -> " + chain[i]);
      }
    }
    if (chain.length > 0 && heaviestPredecessor(chain[0], new double[jobCount()]) >= 0) {
      throw new IllegalStateException("chain starts at job " + chain[0] + ", which has inputs");
    }
    if (Math.abs(sum - length) > 1e-9 * Math.max(1, length)) {
      throw new IllegalStateException("chain length " + sum + " is not its top level " + length);
    }
  }

  /** The subgraph induced by ascending {@code nodes}, renumbered to positions. */
  private static CsrGraph induced(DependencyGraph g, int[] nodes) {
    int k = nodes.length;
    // A dense set pays for one int[V] map; a sparse one is searched instead.
    int[] local = null;
    if ((long) k * 16 >= g.nodeCount()) {
      local = new int[g.nodeCount()];
      Arrays.fill(local, -1);
      for (int i = 0; i < k; i++) {
        local[nodes[i]] = i;
      }
    }
    int[] inOffsets = new int[k + 1];
    for (int i = 0; i < k; i++) {
      int v = nodes[i];
      int c = 0;
      for (int p = g.inputsStart(v); p < g.inputsEnd(v); p++) {
        if (position(local, nodes, g.input(p)) >= 0) {
          c++;
        }
      }
      inOffsets[i + 1] = inOffsets[i] + c;
    }
    int[] in = new int[inOffsets[k]];
    for (int i = 0; i < k; i++) {
      int v = nodes[i];
      int w = inOffsets[i];
      for (int p = g.inputsStart(v); p < g.inputsEnd(v); p++) {
        int l = position(local, nodes, g.input(p));
        if (l >= 0) {
          in[w++] = l;
        }
      }
      // A relation view need not keep its inputs sorted.
      Arrays.sort(in, inOffsets[i], w);
    }
    return CsrGraph.fromInputs(inOffsets, in);
  }

  private static int position(int[] local, int[] nodes, int node) {
    if (local != null) {
      return local[node];
    }
    int i = Arrays.binarySearch(nodes, node);
    return i < 0 ? -1 : i;
  }
}
