package dev.preflight.graph.io.debian;

import dev.preflight.graph.CsrGraph;
import dev.preflight.graph.scc.Components;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime closure of every binary package of a {@code Packages} index, as the sources it
 * involves: {@link #sourcesOf(int)} is the set of graph nodes (sources) that build some binary
 * reachable from the given binary through {@code Depends} and {@code Pre-Depends}, the binary
 * itself included ({@link BuildEnvironment} defines which alternatives and providers count).
 *
 * <p>Computed once per binary, not once per build: the binary dependency graph (it has cycles, e.g.
 * {@code libc6} and {@code libgcc-s1}) is condensed into strongly connected components by {@link
 * Components} (iterative Tarjan), and each component's closure is the union of its members' own
 * sources and its input components' closures, visited in dependency-first order. A component whose
 * closure adds nothing to its largest input's shares that input's array. Time {@code O(B + D + sum
 * over components of the closure sizes of their inputs)} for B binaries and D resolved dependency
 * edges; memory one sorted {@code int[]} per component (about 5 MB on bookworm).
 *
 * <p>Immutable once built and safe to read from any thread. Invariants, checked at the end of
 * construction: every binary's closure contains the binary's own source (when it is a node), and
 * every closure contains the closures of the binaries it depends on.
 */
final class RuntimeClosure {
  private static final int[] NONE = new int[0];

  /** The binaries of a {@code Packages} index, collected while it is read. */
  static final class Binaries {
    private final List<String> sources = new ArrayList<>(1 << 16);
    private final List<String[][]> clauses = new ArrayList<>(1 << 16);
    private final List<Integer> essential = new ArrayList<>();
    private final Map<String, int[]> byName = new HashMap<>(1 << 17);
    private final Map<String, int[]> byProvided = new HashMap<>(1 << 15);

    /**
     * Adds one stanza.
     *
     * @param dependencies the {@code Pre-Depends} and {@code Depends} clauses, each the names of
     *     its alternatives in order
     */
    void add(
        String name,
        String source,
        boolean isEssential,
        String[][] dependencies,
        List<String> provides) {
      int id = sources.size();
      sources.add(source);
      clauses.add(dependencies);
      if (isEssential) {
        essential.add(id);
      }
      append(byName, name, id);
      for (String p : provides) {
        append(byProvided, p, id);
      }
    }

    int size() {
      return sources.size();
    }

    /** The binaries named {@code name} and then those that provide it; may repeat none. */
    int[] resolve(String name) {
      int[] real = byName.getOrDefault(name, NONE);
      int[] provided = byProvided.getOrDefault(name, NONE);
      if (provided.length == 0) {
        return real;
      }
      if (real.length == 0) {
        return provided;
      }
      int[] all = Arrays.copyOf(real, real.length + provided.length);
      System.arraycopy(provided, 0, all, real.length, provided.length);
      return all;
    }

    private static void append(Map<String, int[]> map, String key, int id) {
      int[] old = map.get(key);
      if (old == null) {
        map.put(key, new int[] {id});
      } else if (old[old.length - 1] != id) {
        int[] grown = Arrays.copyOf(old, old.length + 1);
        grown[old.length] = id;
        map.put(key, grown);
      }
    }
  }

  private final Binaries binaries;
  private final int[] componentOf;
  private final int[][] closures;
  private final int binaryEdges;
  private final int largestCycle;

  private RuntimeClosure(
      Binaries binaries, int[] componentOf, int[][] closures, int binaryEdges, int largestCycle) {
    this.binaries = binaries;
    this.componentOf = componentOf;
    this.closures = closures;
    this.binaryEdges = binaryEdges;
    this.largestCycle = largestCycle;
  }

  /**
   * Computes every binary's closure.
   *
   * @param nodeOf source name to graph node index; binaries of other sources are followed but
   *     involve no node
   */
  static RuntimeClosure of(
      Binaries binaries, Map<String, Integer> nodeOf, BuildEnvironment.Alternatives alternatives) {
    int b = binaries.size();
    int[] nodeOfBinary = new int[b];
    for (int i = 0; i < b; i++) {
      Integer node = nodeOf.get(binaries.sources.get(i));
      nodeOfBinary[i] = node == null ? -1 : node;
    }
    CsrGraph g = binaryGraph(binaries, alternatives);
    Components c = Components.of(g);

    // Dependency-first order: every input component's closure is ready before it is needed.
    int[][] closures = new int[c.count()][];
    int[] mark = new int[nodeOf.size()];
    Arrays.fill(mark, -1);
    int[] acc = new int[Math.max(16, nodeOf.size())];
    for (int k = 0; k < c.count(); k++) {
      int size = 0;
      int[] largest = NONE;
      for (int p = c.inputsStart(k); p < c.inputsEnd(k); p++) {
        int[] in = closures[c.input(p)];
        if (in.length > largest.length) {
          largest = in;
        }
        for (int s : in) {
          if (mark[s] != k) {
            mark[s] = k;
            acc[size++] = s;
          }
        }
      }
      for (int p = c.membersStart(k); p < c.membersEnd(k); p++) {
        int s = nodeOfBinary[c.member(p)];
        if (s >= 0 && mark[s] != k) {
          mark[s] = k;
          acc[size++] = s;
        }
      }
      if (size == largest.length) {
        closures[k] = largest;
      } else {
        int[] mine = Arrays.copyOf(acc, size);
        Arrays.sort(mine);
        closures[k] = mine;
      }
    }

    int[] componentOf = new int[b];
    for (int i = 0; i < b; i++) {
      componentOf[i] = c.componentOf(i);
    }
    RuntimeClosure r =
        new RuntimeClosure(binaries, componentOf, closures, g.edgeCount(), c.largestSize());
    r.check(g, nodeOfBinary);
    return r;
  }

  /** Node indexes (sorted, distinct) of the sources in the closure of {@code binary}. */
  int[] sourcesOf(int binary) {
    return closures[componentOf[binary]];
  }

  /** The binaries named or provided by {@code name} (see {@link Binaries#resolve}). */
  int[] resolve(String name) {
    return binaries.resolve(name);
  }

  /**
   * Node indexes (sorted, distinct) of the sources in the closure of the {@code Essential: yes}
   * binaries and those named {@link BuildEnvironment#BUILD_ESSENTIAL}.
   */
  int[] buildEssential() {
    List<Integer> roots = new ArrayList<>(binaries.essential);
    for (int id : binaries.byName.getOrDefault(BuildEnvironment.BUILD_ESSENTIAL, NONE)) {
      roots.add(id);
    }
    int[] out =
        roots.stream().flatMapToInt(id -> Arrays.stream(sourcesOf(id))).distinct().toArray();
    Arrays.sort(out);
    return out;
  }

  /** Number of distinct binary-to-binary dependency edges followed. */
  int binaryEdges() {
    return binaryEdges;
  }

  /** Size of the largest dependency cycle among binaries (1 when there is none). */
  int largestCycle() {
    return largestCycle;
  }

  private void check(CsrGraph g, int[] nodeOfBinary) {
    for (int i = 0; i < nodeOfBinary.length; i++) {
      int[] mine = sourcesOf(i);
      if (nodeOfBinary[i] >= 0 && Arrays.binarySearch(mine, nodeOfBinary[i]) < 0) {
        throw new IllegalStateException("runtime closure of binary " + i + " misses its source");
      }
      for (int p = g.inputsStart(i); p < g.inputsEnd(i); p++) {
        int[] theirs = sourcesOf(g.input(p));
        if (theirs != mine && !containsAll(mine, theirs)) {
          throw new IllegalStateException(
              "runtime closure of binary " + i + " misses part of binary " + g.input(p) + "'s");
        }
      }
    }
  }

  /** Both sorted. */
  private static boolean containsAll(int[] big, int[] small) {
    int j = 0;
    for (int s : small) {
      while (j < big.length && big[j] < s) {
        j++;
      }
      if (j == big.length || big[j] != s) {
        return false;
      }
    }
    return true;
  }

  /**
   * The binaries as a graph: {@code a -> b} when a clause of {@code a}'s {@code Pre-Depends}/{@code
   * Depends} resolves, under the alternatives rule, to binary {@code b}. Self-loops are dropped (a
   * binary providing a name it depends on); CSR in both directions.
   */
  private static CsrGraph binaryGraph(
      Binaries binaries, BuildEnvironment.Alternatives alternatives) {
    int b = binaries.size();
    int[] offsets = new int[b + 1];
    int[] targets = new int[Math.max(16, 4 * b)];
    int[] mark = new int[b];
    Arrays.fill(mark, -1);
    int write = 0;
    for (int v = 0; v < b; v++) {
      int start = write;
      for (String[] clause : binaries.clauses.get(v)) {
        for (String name : clause) {
          int[] r = binaries.resolve(name);
          if (r.length == 0) {
            continue;
          }
          for (int t : r) {
            if (t != v && mark[t] != v) {
              mark[t] = v;
              if (write == targets.length) {
                targets = Arrays.copyOf(targets, targets.length * 2);
              }
              targets[write++] = t;
            }
          }
          if (alternatives == BuildEnvironment.Alternatives.FIRST) {
            break;
          }
        }
      }
      Arrays.sort(targets, start, write);
      offsets[v + 1] = write;
    }
    int[] inputs = Arrays.copyOf(targets, write);
    return CsrGraph.fromInputs(offsets, inputs);
  }
}
