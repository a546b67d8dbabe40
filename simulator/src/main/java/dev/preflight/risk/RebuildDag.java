package dev.preflight.risk;

import dev.preflight.graph.DependencyGraph;
import dev.preflight.graph.scc.Components;
import java.util.Arrays;

/**
 * The rebuild set as its own small DAG: rebuilt nodes get dense <i>local</i> indexes (their order
 * in {@link RebuildScope#nodes}), and are grouped into <i>build groups</i> — the rebuilt members of
 * one strongly connected component, built as one job (DESIGN.md §1). Groups are numbered in
 * dependency-first order (every input group has a smaller number), so one upward pass is a
 * topological pass. Only edges between rebuilt nodes are kept.
 *
 * <p>Construction is {@code O(R log R + E_R)} for {@code R} rebuilt nodes and the {@code E_R} edges
 * leaving them, plus one {@code int} per graph node for the reverse index. Immutable and
 * thread-safe. Invariants (checked on construction): every local node is in exactly one group;
 * every group edge goes from a higher to a lower group number, without duplicates.
 */
final class RebuildDag {
  final int size;
  final int[] node;
  final int[] localOf;
  final int groupCount;
  final int[] groupOf;
  final int[] memberStart;
  final int[] members;
  final int[] inputStart;
  final int[] inputs;
  final int[] dependentStart;
  final int[] dependents;
  final int largestGroup;

  RebuildDag(DependencyGraph graph, Components components, int[] nodes) {
    this.size = nodes.length;
    this.node = nodes;
    this.localOf = new int[graph.nodeCount()];
    Arrays.fill(localOf, -1);
    for (int i = 0; i < size; i++) {
      localOf[nodes[i]] = i;
    }
    long[] keys = new long[size];
    for (int i = 0; i < size; i++) {
      keys[i] = ((long) components.componentOf(nodes[i]) << 32) | i;
    }
    Arrays.sort(keys);
    this.groupOf = new int[size];
    this.members = new int[size];
    int[] starts = new int[size + 1];
    int g = -1;
    long previousComponent = -1;
    for (int p = 0; p < size; p++) {
      long c = keys[p] >>> 32;
      int i = (int) keys[p];
      if (c != previousComponent) {
        g++;
        starts[g] = p;
        previousComponent = c;
      }
      members[p] = i;
      groupOf[i] = g;
    }
    this.groupCount = g + 1;
    starts[groupCount] = size;
    this.memberStart = Arrays.copyOf(starts, groupCount + 1);

    // Group inputs, deduplicated per group with a mark array.
    int[] mark = new int[groupCount];
    Arrays.fill(mark, -1);
    int[] in = new int[16];
    int write = 0;
    this.inputStart = new int[groupCount + 1];
    int largest = 0;
    for (int grp = 0; grp < groupCount; grp++) {
      inputStart[grp] = write;
      largest = Math.max(largest, memberStart[grp + 1] - memberStart[grp]);
      for (int m = memberStart[grp]; m < memberStart[grp + 1]; m++) {
        int v = nodes[members[m]];
        for (int p = graph.inputsStart(v); p < graph.inputsEnd(v); p++) {
          int u = localOf[graph.input(p)];
          if (u < 0) {
            continue;
          }
          int h = groupOf[u];
          if (h != grp && mark[h] != grp) {
            mark[h] = grp;
            if (write == in.length) {
              in = Arrays.copyOf(in, in.length * 2);
            }
            in[write++] = h;
          }
        }
      }
      Arrays.sort(in, inputStart[grp], write);
    }
    inputStart[groupCount] = write;
    this.inputs = Arrays.copyOf(in, write);
    this.largestGroup = largest;

    this.dependentStart = new int[groupCount + 1];
    for (int h : inputs) {
      dependentStart[h + 1]++;
    }
    for (int grp = 0; grp < groupCount; grp++) {
      dependentStart[grp + 1] += dependentStart[grp];
    }
    int[] fill = Arrays.copyOf(dependentStart, groupCount);
    this.dependents = new int[write];
    for (int grp = 0; grp < groupCount; grp++) {
      for (int p = inputStart[grp]; p < inputStart[grp + 1]; p++) {
        dependents[fill[inputs[p]]++] = grp;
      }
    }
    checkInvariants();
  }

  private void checkInvariants() {
    for (int grp = 0; grp < groupCount; grp++) {
      if (memberStart[grp + 1] <= memberStart[grp]) {
        throw new IllegalStateException("empty build group " + grp);
      }
      for (int p = inputStart[grp]; p < inputStart[grp + 1]; p++) {
        if (inputs[p] >= grp || (p > inputStart[grp] && inputs[p] <= inputs[p - 1])) {
          throw new IllegalStateException("build group " + grp + " breaks dependency order");
        }
      }
    }
  }

  /** Group and group-edge visits of one pass; the simulation's work unit. */
  long passWork() {
    return (long) groupCount + inputs.length;
  }

  int groupSize(int g) {
    return memberStart[g + 1] - memberStart[g];
  }

  /** Build hours of each group: the sum of its members' durations. */
  double[] groupHours(BuildDurations durations) {
    double[] h = new double[groupCount];
    for (int g = 0; g < groupCount; g++) {
      for (int m = memberStart[g]; m < memberStart[g + 1]; m++) {
        h[g] += durations.seconds(node[members[m]]) / 3600.0;
      }
    }
    return h;
  }

  /**
   * Marks, in {@code built}, the groups that building local node {@code local} needs (its group and
   * every rebuilt input group, transitively) and returns the hours of the groups newly marked.
   * {@code stack} must have room for {@link #groupCount} entries. {@code O(new groups + their
   * edges)}.
   */
  double build(int local, boolean[] built, double[] groupHours, int[] stack) {
    int g0 = groupOf[local];
    if (built[g0]) {
      return 0;
    }
    double hours = 0;
    int sp = 0;
    stack[sp++] = g0;
    built[g0] = true;
    while (sp > 0) {
      int g = stack[--sp];
      hours += groupHours[g];
      for (int p = inputStart[g]; p < inputStart[g + 1]; p++) {
        int h = inputs[p];
        if (!built[h]) {
          built[h] = true;
          stack[sp++] = h;
        }
      }
    }
    return hours;
  }

  /**
   * The groups building {@code local} would add to those already {@code built}, in dependency-first
   * order, written to {@code out}; returns their number. Marks nothing. {@code seen} (all -1
   * initially, one entry per group) and {@code stack} are scratch, {@code query} a number distinct
   * from earlier queries'.
   */
  int collect(int local, boolean[] built, int[] seen, int query, int[] stack, int[] out) {
    int g0 = groupOf[local];
    if (built[g0]) {
      return 0;
    }
    int count = 0;
    int sp = 0;
    stack[sp++] = g0;
    seen[g0] = query;
    while (sp > 0) {
      int g = stack[--sp];
      out[count++] = g;
      for (int p = inputStart[g]; p < inputStart[g + 1]; p++) {
        int h = inputs[p];
        if (!built[h] && seen[h] != query) {
          seen[h] = query;
          stack[sp++] = h;
        }
      }
    }
    Arrays.sort(out, 0, count);
    return count;
  }
}
