package dev.preflight.graph;

import dev.preflight.graph.scc.Components;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The immutable package graph: CSR adjacency in both directions and node attributes stored
 * column-wise (one array per attribute, not one object per node).
 *
 * <p>Memory: about {@code 8 * edges + 60 * nodes} bytes plus the id/name strings; a 40,000-node,
 * 300,000-edge graph with nixpkgs-style store-path ids takes 12-14 MB of heap (measured in {@code
 * io.PackageGraphMemoryTest}).
 *
 * <p>Thread-safety: immutable; the lazily computed strongly connected components are published
 * safely (computed at most a few times under a race, always with the same result).
 */
public final class PackageGraph implements DependencyGraph {
  // CSR forward (inputs) and reverse (dependents); neighbours sorted and distinct per node.
  private final int[] inputOffsets;
  private final int[] inputTargets;
  private final int[] dependentOffsets;
  private final int[] dependentTargets;

  // Columns.
  private final String[] ids;
  private final String[] names;
  private final String[] versions;
  private final String[] systemTable;
  private final short[] systemOf;
  private final double[] buildSeconds;
  private final byte[] status;
  private final long[] sizeBytes;
  private final float[] unchangedProbability;
  private final String[] channelTable;
  private final int[] channelOffsets;
  private final short[] channelValues;
  private final int[] aliasOffsets;
  private final String[] aliasValues;

  private final GraphMetadata metadata;

  // Indexes.
  private final StringIndex idIndex;
  private final StringIndex nameIndex; // first node of each name
  private final int[] nextWithSameName; // chain of further nodes with the same name, -1 ends
  private final StringIndex aliasIndex; // position in aliasValues
  private final int[] aliasOwner; // aliasValues position -> node

  private volatile Components components;

  PackageGraph(
      int[] inputOffsets,
      int[] inputTargets,
      int[] dependentOffsets,
      int[] dependentTargets,
      String[] ids,
      String[] names,
      String[] versions,
      String[] systemTable,
      short[] systemOf,
      double[] buildSeconds,
      byte[] status,
      long[] sizeBytes,
      float[] unchangedProbability,
      String[] channelTable,
      int[] channelOffsets,
      short[] channelValues,
      int[] aliasOffsets,
      String[] aliasValues,
      GraphMetadata metadata) {
    this.inputOffsets = inputOffsets;
    this.inputTargets = inputTargets;
    this.dependentOffsets = dependentOffsets;
    this.dependentTargets = dependentTargets;
    this.ids = ids;
    this.names = names;
    this.versions = versions;
    this.systemTable = systemTable;
    this.systemOf = systemOf;
    this.buildSeconds = buildSeconds;
    this.status = status;
    this.sizeBytes = sizeBytes;
    this.unchangedProbability = unchangedProbability;
    this.channelTable = channelTable;
    this.channelOffsets = channelOffsets;
    this.channelValues = channelValues;
    this.aliasOffsets = aliasOffsets;
    this.aliasValues = aliasValues;
    this.metadata = metadata;
    this.idIndex =
        new StringIndex(
            ids,
            (first, dup) -> {
              throw new InputException(
                  null,
                  "node #" + (dup + 1),
                  "duplicate node id '" + ids[dup] + "' (first at node #" + (first + 1) + ")");
            });
    int n = ids.length;
    this.nextWithSameName = new int[n];
    Arrays.fill(nextWithSameName, -1);
    int[] lastWithName = new int[n];
    for (int i = 0; i < n; i++) {
      lastWithName[i] = i;
    }
    this.nameIndex =
        new StringIndex(
            names,
            (first, dup) -> {
              nextWithSameName[lastWithName[first]] = dup;
              lastWithName[first] = dup;
            });
    this.aliasOwner = new int[aliasValues.length];
    for (int v = 0; v < n; v++) {
      for (int p = aliasOffsets[v]; p < aliasOffsets[v + 1]; p++) {
        aliasOwner[p] = v;
      }
    }
    this.aliasIndex = new StringIndex(aliasValues, (first, dup) -> {});
  }

  /** A new builder. */
  public static PackageGraphBuilder builder() {
    return new PackageGraphBuilder();
  }

  // ---------------------------------------------------------------- DependencyGraph

  @Override
  public int nodeCount() {
    return ids.length;
  }

  @Override
  public int edgeCount() {
    return inputTargets.length;
  }

  @Override
  public int inputsStart(int node) {
    return inputOffsets[node];
  }

  @Override
  public int inputsEnd(int node) {
    return inputOffsets[node + 1];
  }

  @Override
  public int input(int position) {
    return inputTargets[position];
  }

  @Override
  public int dependentsStart(int node) {
    return dependentOffsets[node];
  }

  @Override
  public int dependentsEnd(int node) {
    return dependentOffsets[node + 1];
  }

  @Override
  public int dependent(int position) {
    return dependentTargets[position];
  }

  /** The inputs of {@code node} as a new array (for non-hot code). */
  public int[] inputsOf(int node) {
    return Arrays.copyOfRange(inputTargets, inputOffsets[node], inputOffsets[node + 1]);
  }

  /** The dependents of {@code node} as a new array (for non-hot code). */
  public int[] dependentsOf(int node) {
    return Arrays.copyOfRange(dependentTargets, dependentOffsets[node], dependentOffsets[node + 1]);
  }

  // ---------------------------------------------------------------- attributes

  public String id(int node) {
    return ids[node];
  }

  public String name(int node) {
    return names[node];
  }

  public String version(int node) {
    return versions[node];
  }

  public String system(int node) {
    return systemTable[systemOf[node]];
  }

  /** Index of {@code node}'s system in {@link #systems()}. */
  public int systemIndex(int node) {
    return systemOf[node];
  }

  /** Distinct systems, sorted. */
  public List<String> systems() {
    return List.of(systemTable);
  }

  /** Observed or estimated build seconds, {@code NaN} if unknown. */
  public double buildSeconds(int node) {
    return buildSeconds[node];
  }

  public NodeStatus lastStatus(int node) {
    return NodeStatus.ofOrdinal(status[node]);
  }

  /** Size proxy in bytes for the duration model, -1 if unknown. */
  public long sizeBytes(int node) {
    return sizeBytes[node];
  }

  /** Per-node probability that a rebuild leaves the output unchanged, {@code NaN} for default. */
  public double unchangedProbability(int node) {
    return unchangedProbability[node];
  }

  public List<String> channels(int node) {
    int from = channelOffsets[node];
    int to = channelOffsets[node + 1];
    if (from == to) {
      return List.of();
    }
    List<String> out = new ArrayList<>(to - from);
    for (int p = from; p < to; p++) {
      out.add(channelTable[channelValues[p]]);
    }
    return Collections.unmodifiableList(out);
  }

  /** All channel names, sorted. */
  public List<String> channelNames() {
    return List.of(channelTable);
  }

  /**
   * Whether {@code node} carries the channel with index {@code channel} in {@link #channelNames}.
   */
  public boolean inChannel(int node, int channel) {
    for (int p = channelOffsets[node]; p < channelOffsets[node + 1]; p++) {
      if (channelValues[p] == channel) {
        return true;
      }
    }
    return false;
  }

  public List<String> aliases(int node) {
    return List.of(Arrays.copyOfRange(aliasValues, aliasOffsets[node], aliasOffsets[node + 1]));
  }

  public GraphMetadata metadata() {
    return metadata;
  }

  /** The node record for {@code node} (allocates; for formats and tests). */
  public NodeRecord record(int node) {
    return new NodeRecord(
        ids[node],
        names[node],
        versions[node],
        system(node),
        buildSeconds[node],
        lastStatus(node),
        channels(node),
        aliases(node),
        sizeBytes[node],
        unchangedProbability[node]);
  }

  // ---------------------------------------------------------------- lookup

  /** The node with this exact id, or -1. */
  public int indexOfId(String id) {
    return idIndex.get(id);
  }

  /** All nodes with this name (one per system), in index order; empty if none. */
  public int[] nodesNamed(String name) {
    int first = nameIndex.get(name);
    if (first < 0) {
      return new int[0];
    }
    int count = 0;
    for (int v = first; v >= 0; v = nextWithSameName[v]) {
      count++;
    }
    int[] out = new int[count];
    int i = 0;
    for (int v = first; v >= 0; v = nextWithSameName[v]) {
      out[i++] = v;
    }
    return out;
  }

  /** The node that has {@code alias} as an alias, or -1. */
  public int indexOfAlias(String alias) {
    int p = aliasIndex.get(alias);
    return p < 0 ? -1 : aliasOwner[p];
  }

  // ---------------------------------------------------------------- structure

  /** The strongly connected components, computed once (iteratively) and cached. */
  public Components components() {
    Components c = components;
    if (c == null) {
      c = Components.of(this);
      components = c;
    }
    return c;
  }

  /** A rough count of the heap this graph retains, in bytes (arrays and strings). */
  public long retainedBytes() {
    long b = 0;
    b += 4L * (inputOffsets.length + inputTargets.length);
    b += 4L * (dependentOffsets.length + dependentTargets.length);
    b += 8L * buildSeconds.length + status.length + 8L * sizeBytes.length;
    b += 4L * unchangedProbability.length + 2L * systemOf.length;
    b += 4L * channelOffsets.length + 2L * channelValues.length + 4L * aliasOffsets.length;
    b += 4L * nextWithSameName.length + 4L * aliasOwner.length;
    b += idIndex.retainedBytes() + nameIndex.retainedBytes() + aliasIndex.retainedBytes();
    b += stringBytes(ids) + stringBytes(names) + stringBytes(versions) + stringBytes(aliasValues);
    return b;
  }

  private static long stringBytes(String[] strings) {
    long b = 16L + 4L * strings.length;
    String previous = null;
    for (String s : strings) {
      if (s != null && s != previous) {
        b += 40L + s.length();
      }
      previous = s;
    }
    return b;
  }

  @Override
  public String toString() {
    return "PackageGraph[nodes=" + nodeCount() + ", edges=" + edgeCount() + "]";
  }
}
