package dev.preflight.impact;

import dev.preflight.graph.DependencyGraph;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.scc.Components;
import java.util.Arrays;

/**
 * The single-threaded reverse-closure engine.
 *
 * <p><b>Computes</b> the rebuild set of a change under {@link Policy#TRANSITIVE} (every node that
 * reaches a changed node), {@link Policy#DIRECT} (changed nodes and their direct dependents) or
 * {@link Policy#LOCAL} (changed nodes only), with each member's BFS distance from the nearest
 * changed node. DIRECT and LOCAL never look past one edge, so cycles do not expand; their distances
 * (0 or 1) are part of the result at once.
 *
 * <p><b>TRANSITIVE membership</b> is computed over the strongly connected component condensation
 * ({@link PackageGraph#components()}, cached by the graph; for another {@link DependencyGraph}
 * computed once by this engine on its first TRANSITIVE query): a strongly connected component is
 * claimed in one step. The search runs top-down from the seeds' components over the condensation's
 * dependents while that is cheap; once it has scanned more than {@code condensationEdges / ALPHA}
 * condensation edges it finishes with one ascending sweep over the remaining components: components
 * are numbered dependency-first, so when the sweep reaches a component all its inputs are final and
 * it is claimed as soon as one input is. On Debian's graph, where ~4,900 sources form one cycle
 * that nearly everything needs, a whole-graph change costs one or two input checks per component.
 *
 * <p><b>TRANSITIVE distances</b> are computed on first use ({@link RebuildSet#distanceAt}, {@link
 * RebuildSet#distances()}, {@link RebuildSet#equals} ...), exactly, by a direction-optimizing
 * breadth-first search (Beamer, Asanović, Patterson, SC 2012) restricted to the members: a level
 * with a small frontier expands the frontier's dependents (top-down); a level with a wide frontier
 * lets each member not yet reached look for an input reached at the previous level (bottom-up).
 * Most callers (counts, labels, per-system splits) never ask for distances and do not pay for them.
 *
 * <p><b>Complexity:</b> membership {@code O(c_k + e_k + V/64)} where {@code c_k, e_k} are the
 * condensation components and edges looked at (at most all of them: {@code O(V + E)}) and the
 * {@code V/64} term is the bitmap scan that lists the members in ascending order without sorting;
 * distances {@code O(k + E_k + (V/64) * levels)} with {@code E_k} the edges between members.
 * Iterative, no recursion.
 *
 * <p><b>Memory:</b> scratch queues of {@code int[V]} and {@code int[components]} and a component
 * bitmap allocated once per engine; a query allocates only its result (the member bitmap and the
 * ascending members); the deferred distances allocate {@code int[k]} for the answer and {@code O(k
 * + V/32)} scratch, once per result.
 *
 * <p><b>Thread-safety:</b> {@link #closure} is not thread-safe (the scratch is reused); use one
 * engine per thread. The graph is only read. Results are immutable and thread-safe, including their
 * deferred distances.
 *
 * <p><b>Invariants</b> (checked at the end of each query): every seed is a member; the number of
 * bits set equals the number of members discovered. When distances are computed: every seed is at
 * distance 0 and the breadth-first search reaches exactly the members (a cross-check of the
 * condensation sweep against the plain graph).
 */
public final class ReverseClosure implements ClosureEngine {
  /**
   * Top-down over the condensation until more than {@code condensationEdges / ALPHA} edges were
   * scanned, then one sweep; for the distance search: switch to bottom-up when the frontier's
   * dependents exceed the unreached members' inputs / ALPHA (Beamer et al. use 14; on the Debian
   * graph 4 measured best).
   */
  static final int ALPHA = 4;

  /** Switch back to top-down when the frontier is smaller than nodes / BETA (Beamer). */
  static final int BETA = 24;

  private final DependencyGraph graph;
  private final int alpha;
  private final int beta;
  private final int[] queue;
  private Components components;
  private long[] claimedComponents;
  private int[] componentQueue;

  public ReverseClosure(DependencyGraph graph) {
    this(graph, ALPHA, BETA);
  }

  /**
   * With other switching thresholds; tests force one direction: {@code alpha = 0} is always
   * top-down (no sweep), {@code alpha = beta = Integer.MAX_VALUE} sweeps and runs bottom-up from
   * the first level on.
   */
  ReverseClosure(DependencyGraph graph, int alpha, int beta) {
    this.alpha = alpha;
    this.beta = beta;
    this.graph = graph;
    this.queue = new int[graph.nodeCount()];
  }

  /** The graph this engine reads. */
  public DependencyGraph graph() {
    return graph;
  }

  @Override
  public RebuildSet closure(int[] seeds, Policy policy) {
    if (policy == Policy.CUTOFF || policy.relation() != null) {
      throw rejected(policy);
    }
    int n = graph.nodeCount();
    long[] bits = new long[RebuildSet.words(n)];
    int tail = 0;
    for (int s : seeds) {
      checkNode(s, n);
      long mask = 1L << s;
      if ((bits[s >>> 6] & mask) == 0) {
        bits[s >>> 6] |= mask;
        queue[tail++] = s;
      }
    }
    int seedCount = tail;
    RebuildSet result;
    if (policy == Policy.TRANSITIVE) {
      int count = claimTransitive(bits, seedCount);
      int[] distinctSeeds = Arrays.copyOf(queue, seedCount);
      int[] nodes = members(bits, count);
      DependencyGraph g = graph;
      int a = alpha;
      int b = beta;
      result =
          new RebuildSet(
              n, nodes, bits, seedCount, () -> distances(g, distinctSeeds, bits, nodes, a, b));
    } else {
      if (policy == Policy.DIRECT) {
        for (int i = 0; i < seedCount; i++) {
          int v = queue[i];
          for (int p = graph.dependentsStart(v), end = graph.dependentsEnd(v); p < end; p++) {
            int w = graph.dependent(p);
            long mask = 1L << w;
            if ((bits[w >>> 6] & mask) == 0) {
              bits[w >>> 6] |= mask;
              queue[tail++] = w;
            }
          }
        }
      }
      int[] nodes = members(bits, tail);
      int[] distances = new int[tail];
      if (policy == Policy.DIRECT) {
        // Seeds are at distance 0, everything else claimed is a direct dependent.
        Arrays.fill(distances, 1);
        for (int j = 0; j < seedCount; j++) {
          distances[Arrays.binarySearch(nodes, queue[j])] = 0;
        }
      }
      result = new RebuildSet(n, nodes, distances, bits);
    }
    checkInvariants(result, seeds);
    return result;
  }

  /**
   * Sets in {@code bits} (which holds the distinct seeds, also listed in {@code queue[0,
   * seedCount)}) every node that reaches a seed, claiming whole components; returns the count.
   */
  private int claimTransitive(long[] bits, int seedCount) {
    Components c = components();
    int cc = c.count();
    long[] claimed = claimedComponents;
    Arrays.fill(claimed, 0L);
    int[] q = componentQueue;
    int head = 0;
    int tail = 0;
    int lowest = cc;
    for (int i = 0; i < seedCount; i++) {
      int x = c.componentOf(queue[i]);
      if ((claimed[x >>> 6] & (1L << x)) == 0) {
        claimed[x >>> 6] |= 1L << x;
        q[tail++] = x;
        lowest = Math.min(lowest, x);
      }
    }
    long budget = alpha == 0 ? Long.MAX_VALUE : c.edgeCount() / alpha;
    long scanned = 0;
    while (head < tail) {
      int x = q[head++];
      int from = c.dependentsStart(x);
      int to = c.dependentsEnd(x);
      scanned += to - from;
      if (scanned > budget) {
        // Wide: x's dependents and everything above are left to the sweep.
        sweep(c, claimed, lowest);
        return expandAll(c, claimed, bits, graph.nodeCount());
      }
      for (int p = from; p < to; p++) {
        int y = c.dependent(p);
        if ((claimed[y >>> 6] & (1L << y)) == 0) {
          claimed[y >>> 6] |= 1L << y;
          q[tail++] = y;
        }
      }
    }
    // Narrow: set the members of the claimed components one by one.
    int count = 0;
    for (int i = 0; i < tail; i++) {
      int x = q[i];
      int to = c.membersEnd(x);
      for (int p = c.membersStart(x); p < to; p++) {
        int v = c.member(p);
        bits[v >>> 6] |= 1L << v;
      }
      count += c.size(x);
    }
    return count;
  }

  /**
   * Claims every component that needs a claimed one. Dependency-first numbering: only components
   * above the lowest seed component can be reached, and each one's inputs are final when the sweep
   * gets to it.
   */
  private static void sweep(Components c, long[] claimed, int lowest) {
    for (int y = lowest + 1, cc = c.count(); y < cc; y++) {
      if ((claimed[y >>> 6] & (1L << y)) != 0) {
        continue;
      }
      for (int p = c.inputsStart(y), end = c.inputsEnd(y); p < end; p++) {
        int x = c.input(p);
        if ((claimed[x >>> 6] & (1L << x)) != 0) {
          claimed[y >>> 6] |= 1L << y;
          break;
        }
      }
    }
  }

  /**
   * Sets {@code bits} to the members of the claimed components, one bitmap word at a time in node
   * order (sequential reads, one write per word: measured twice as fast as setting the members
   * component by component when most of the graph is claimed); returns the count.
   */
  private static int expandAll(Components c, long[] claimed, long[] bits, int n) {
    int count = 0;
    for (int w = 0, base = 0; base < n; w++, base += 64) {
      long word = 0;
      for (int i = 0, end = Math.min(64, n - base); i < end; i++) {
        int x = c.componentOf(base + i);
        word |= ((claimed[x >>> 6] >>> x) & 1L) << i;
      }
      bits[w] = word;
      count += Long.bitCount(word);
    }
    return count;
  }

  private Components components() {
    Components c = components;
    if (c == null) {
      c = graph instanceof PackageGraph pg ? pg.components() : Components.of(graph);
      components = c;
      claimedComponents = new long[RebuildSet.words(c.count())];
      componentQueue = new int[c.count()];
    }
    return c;
  }

  /** The members of {@code bits}, ascending; checks that there are {@code count} of them. */
  static int[] members(long[] bits, int count) {
    int[] nodes = new int[count];
    int i = 0;
    for (int w = 0; w < bits.length; w++) {
      long word = bits[w];
      int base = w << 6;
      int k = i + Long.bitCount(word);
      if (k > count) {
        i = k;
        break;
      }
      while (word != 0) {
        nodes[i++] = base | Long.numberOfTrailingZeros(word);
        word &= word - 1;
      }
    }
    if (i != count) {
      throw new IllegalStateException("bitmap holds " + i + "+ nodes, search claimed " + count);
    }
    return nodes;
  }

  /**
   * The exact BFS distances of the members {@code nodes} (ascending, also set in {@code members})
   * from {@code seeds} (distinct), parallel to {@code nodes}: a direction-optimizing search
   * restricted to the members. Checks that it reaches exactly the members.
   */
  static int[] distances(
      DependencyGraph g, int[] seeds, long[] members, int[] nodes, int alpha, int beta) {
    int k = nodes.length;
    int words = members.length;
    // rank(v) = position of v in nodes = members below v: a prefix count per bitmap word.
    int[] rankBase = new int[words];
    for (int w = 1; w < words; w++) {
      rankBase[w] = rankBase[w - 1] + Long.bitCount(members[w - 1]);
    }
    int[] distance = new int[k];
    long[] reached = new long[words];
    long[] before = new long[words];
    int[] queue = new int[k];
    int tail = 0;
    long unreachedInputs = 0;
    for (int v : nodes) {
      unreachedInputs += g.inputCount(v);
    }
    long frontierDependents = 0;
    for (int s : seeds) {
      if ((members[s >>> 6] & (1L << s)) == 0) {
        throw new IllegalStateException("seed " + s + " is not a member of its closure");
      }
      reached[s >>> 6] |= 1L << s;
      queue[tail++] = s;
      unreachedInputs -= g.inputCount(s);
      frontierDependents += g.dependentCount(s);
    }
    int levelStart = 0;
    boolean bottomUp = false;
    for (int level = 1; levelStart < tail; level++) {
      int levelEnd = tail;
      int frontier = levelEnd - levelStart;
      if (!bottomUp && alpha > 0 && frontierDependents > unreachedInputs / alpha) {
        bottomUp = true;
      } else if (bottomUp && frontier < g.nodeCount() / beta) {
        bottomUp = false;
      }
      long nextDependents = 0;
      if (bottomUp) {
        // A member not yet reached can only have inputs reached at the previous level (else it
        // would have been reached earlier), so the reached set before this level is the frontier.
        System.arraycopy(reached, 0, before, 0, words);
        for (int w = 0; w < words; w++) {
          long open = members[w] & ~before[w];
          while (open != 0) {
            int u = (w << 6) | Long.numberOfTrailingZeros(open);
            open &= open - 1;
            for (int p = g.inputsStart(u), end = g.inputsEnd(u); p < end; p++) {
              int x = g.input(p);
              if ((before[x >>> 6] & (1L << x)) != 0) {
                reached[w] |= 1L << u;
                queue[tail++] = u;
                distance[rankBase[w] + Long.bitCount(members[w] & ((1L << u) - 1))] = level;
                unreachedInputs -= g.inputCount(u);
                nextDependents += g.dependentCount(u);
                break;
              }
            }
          }
        }
      } else {
        for (int head = levelStart; head < levelEnd; head++) {
          int v = queue[head];
          for (int p = g.dependentsStart(v), end = g.dependentsEnd(v); p < end; p++) {
            int w = g.dependent(p);
            int word = w >>> 6;
            long mask = 1L << w;
            if ((reached[word] & mask) == 0) {
              if ((members[word] & mask) == 0 || tail == k) {
                throw new IllegalStateException("distance search reached non-member " + w);
              }
              reached[word] |= mask;
              queue[tail++] = w;
              distance[rankBase[word] + Long.bitCount(members[word] & (mask - 1))] = level;
              unreachedInputs -= g.inputCount(w);
              nextDependents += g.dependentCount(w);
            }
          }
        }
      }
      levelStart = levelEnd;
      frontierDependents = nextDependents;
    }
    if (tail != k) {
      throw new IllegalStateException(
          "distance search reached " + tail + " of " + k + " members of the closure");
    }
    return distance;
  }

  /** Lists the members of {@code bits} in ascending order with their distances. */
  static RebuildSet collect(int n, long[] bits, int count, int[] distance) {
    int[] nodes = members(bits, count);
    int[] distances = new int[count];
    for (int i = 0; i < count; i++) {
      distances[i] = distance[nodes[i]];
    }
    return new RebuildSet(n, nodes, distances, bits);
  }

  static void checkNode(int node, int n) {
    if (node < 0 || node >= n) {
      throw new IllegalArgumentException("node " + node + " outside 0.." + (n - 1));
    }
  }

  static IllegalArgumentException rejected(Policy policy) {
    return new IllegalArgumentException(
        policy == Policy.CUTOFF
            ? "the cutoff policy is random: answer it with CutoffSimulation, not a closure engine"
            : "the "
                + policy.label()
                + " policy reads a graph relation: run "
                + policy.closureRule().label()
                + " on the relation's view (ImpactAnalysis does)");
  }

  /** Every seed is a member (distances, when computed, check distance 0 themselves). */
  static void checkInvariants(RebuildSet result, int[] seeds) {
    for (int s : seeds) {
      if (!result.contains(s)) {
        throw new IllegalStateException("seed " + s + " is not in the rebuild set");
      }
    }
  }
}
