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
 * <p><b>Pins</b> (DESIGN.md §5, {@code --pin}): {@link #withPins} returns the view of this graph
 * without every edge {@code a -> p} into a pinned node {@code p}, sharing the attribute columns and
 * indexes (ids, names, aliases, metadata stay exactly as they are); {@link #pins()} says which
 * nodes a graph is cut at.
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
  private final NodeExtras extras;

  // Indexes.
  private final StringIndex idIndex;
  private final StringIndex nameIndex; // first node of each name
  private final int[] nextWithSameName; // chain of further nodes with the same name, -1 ends
  private final StringIndex aliasIndex; // position in aliasValues
  private final int[] aliasOwner; // aliasValues position -> node

  // Nodes this view is cut at (withPins), ascending; empty for a graph as built or loaded.
  private final int[] pins;

  private volatile Components components;
  private volatile java.util.Map<String, int[]> binaryIndex;
  // Relation and union views, built once per graph (views of a view are not cached).
  private final java.util.concurrent.ConcurrentHashMap<String, PackageGraph> views =
      new java.util.concurrent.ConcurrentHashMap<>();

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
      GraphMetadata metadata,
      NodeExtras extras) {
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
    this.extras = extras == null ? NodeExtras.none() : extras;
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
    this.pins = new int[0];
  }

  /** {@code base} with other adjacency (a pinned view): every column and index is shared. */
  private PackageGraph(
      PackageGraph base,
      int[] inputOffsets,
      int[] inputTargets,
      int[] dependentOffsets,
      int[] dependentTargets,
      int[] pins) {
    this.inputOffsets = inputOffsets;
    this.inputTargets = inputTargets;
    this.dependentOffsets = dependentOffsets;
    this.dependentTargets = dependentTargets;
    this.ids = base.ids;
    this.names = base.names;
    this.versions = base.versions;
    this.systemTable = base.systemTable;
    this.systemOf = base.systemOf;
    this.buildSeconds = base.buildSeconds;
    this.status = base.status;
    this.sizeBytes = base.sizeBytes;
    this.unchangedProbability = base.unchangedProbability;
    this.channelTable = base.channelTable;
    this.channelOffsets = base.channelOffsets;
    this.channelValues = base.channelValues;
    this.aliasOffsets = base.aliasOffsets;
    this.aliasValues = base.aliasValues;
    this.metadata = base.metadata;
    this.extras = base.extras;
    this.binaryIndex = base.binaryIndex;
    this.idIndex = base.idIndex;
    this.nameIndex = base.nameIndex;
    this.nextWithSameName = base.nextWithSameName;
    this.aliasIndex = base.aliasIndex;
    this.aliasOwner = base.aliasOwner;
    this.pins = pins;
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
    if (aliasOffsets[node] == aliasOffsets[node + 1]) {
      return List.of();
    }
    return List.of(Arrays.copyOfRange(aliasValues, aliasOffsets[node], aliasOffsets[node + 1]));
  }

  public GraphMetadata metadata() {
    return metadata;
  }

  /** The columns beyond the common ones (binaries, features, fixed outputs, relations). */
  public NodeExtras extras() {
    return extras;
  }

  /** The binary packages {@code node} builds (Debian graphs); empty elsewhere. */
  public List<String> binaries(int node) {
    return NodeExtras.slice(extras.binaryOffsets(), extras.binaryValues(), node);
  }

  /**
   * The nodes that build the binary package {@code name}, ascending (one per architecture that
   * builds it); empty if none. The index is built on first use.
   */
  public int[] nodesBuildingBinary(String name) {
    java.util.Map<String, int[]> index = binaryIndex;
    if (index == null) {
      index = new java.util.HashMap<>();
      int[] offsets = extras.binaryOffsets();
      if (offsets != null) {
        String[] values = extras.binaryValues();
        for (int v = 0; v < nodeCount(); v++) {
          for (int p = offsets[v]; p < offsets[v + 1]; p++) {
            int node = v;
            index.merge(
                values[p],
                new int[] {v},
                (a, b) -> a[a.length - 1] == node ? a : appendOne(a, node));
          }
        }
      }
      binaryIndex = index;
    }
    int[] nodes = index.get(name);
    return nodes == null ? new int[0] : nodes.clone();
  }

  private static int[] appendOne(int[] a, int v) {
    int[] out = Arrays.copyOf(a, a.length + 1);
    out[a.length] = v;
    return out;
  }

  /** {@code node}'s required system features (Nix {@code requiredSystemFeatures}), sorted. */
  public List<String> requiredFeatures(int node) {
    return NodeExtras.slice(extras.featureOffsets(), extras.featureValues(), node);
  }

  /**
   * Whether some node has required system features: the graph's importer recorded them (Nix
   * derivations JSON, nix-eval-jobs). A graph without any is read as having no feature data (an
   * importer that found none cannot be told apart from one that never looks), so the cost model
   * falls back to guessing {@code big-parallel} from durations.
   */
  public boolean recordsFeatures() {
    String[] values = extras.featureValues();
    return values != null && values.length > 0;
  }

  /**
   * Whether {@code node} is a fixed-output derivation (Nix: its output path is fixed by a declared
   * hash, so a change to its inputs changes no dependent's output path).
   */
  public boolean isFixedOutput(int node) {
    boolean[] f = extras.fixedOutput();
    return f != null && f[node];
  }

  /**
   * This graph with the edges of relation {@code name} added to its build edges: what orders the
   * builds of a round read over that relation ({@code S -> L}: S is rebuilt against the new L, so
   * after it) together with the build-dependencies among them. Same nodes, columns and pins.
   *
   * @throws InputException when the graph has no such relation
   */
  public PackageGraph unionView(String name) {
    PackageGraph cached = views.get("union:" + name);
    if (cached != null) {
      return cached;
    }
    PackageGraph view = buildUnionView(name);
    views.putIfAbsent("union:" + name, view);
    return view;
  }

  private PackageGraph buildUnionView(String name) {
    PackageGraph r = relationView(name);
    int n = nodeCount();
    int[] io = new int[n + 1];
    int[] it = new int[edgeCount() + r.edgeCount()];
    int e = 0;
    for (int v = 0; v < n; v++) {
      io[v] = e;
      int p = inputsStart(v);
      int q = r.inputsStart(v);
      while (p < inputsEnd(v) || q < r.inputsEnd(v)) {
        int a = p < inputsEnd(v) ? input(p) : Integer.MAX_VALUE;
        int b = q < r.inputsEnd(v) ? r.input(q) : Integer.MAX_VALUE;
        it[e++] = Math.min(a, b);
        if (a <= b) {
          p++;
        }
        if (b <= a) {
          q++;
        }
      }
    }
    io[n] = e;
    CsrGraph c = CsrGraph.fromInputs(io, Arrays.copyOf(it, e));
    int[] dOff = new int[n + 1];
    int[] dt = new int[e];
    int d = 0;
    for (int v = 0; v < n; v++) {
      dOff[v] = d;
      for (int k = c.dependentsStart(v); k < c.dependentsEnd(v); k++) {
        dt[d++] = c.dependent(k);
      }
    }
    dOff[n] = d;
    PackageGraph view = new PackageGraph(this, io, Arrays.copyOf(it, e), dOff, dt, new int[0]);
    return pins.length == 0 ? view : view.withPins(pins);
  }

  /** The names of this graph's relations (e.g. {@code binnmu}, {@code static}), sorted. */
  public java.util.Set<String> relationNames() {
    return extras.relations().keySet();
  }

  /**
   * This graph with the edges of relation {@code name} instead of its build edges: the same nodes,
   * columns, indexes and metadata (and the same pins, applied to the relation's edges), so a
   * closure engine answers "one step over the relation" with the {@code direct} rule. {@code
   * O(nodes + relation edges)}.
   *
   * @throws InputException when the graph has no such relation, naming the ones it has
   */
  public PackageGraph relationView(String name) {
    PackageGraph cached = views.get("relation:" + name);
    if (cached != null) {
      return cached;
    }
    PackageGraph view = buildRelationView(name);
    views.putIfAbsent("relation:" + name, view);
    return view;
  }

  private PackageGraph buildRelationView(String name) {
    CsrGraph r = extras.relations().get(name);
    if (r == null) {
      throw new InputException(
          null,
          null,
          "this graph has no '"
              + name
              + "' relation"
              + (relationNames().isEmpty()
                  ? " (it was made by "
                      + (metadata.source().isEmpty() ? "an importer" : metadata.source())
                      + " without relations; re-import it with `preflight import debian`)"
                  : "; it has " + relationNames()));
    }
    int n = nodeCount();
    int[] io = new int[n + 1];
    int[] it = new int[r.edgeCount()];
    int[] dOff = new int[n + 1];
    int[] dt = new int[r.edgeCount()];
    int a = 0;
    int b = 0;
    for (int v = 0; v < n; v++) {
      io[v] = a;
      for (int p = r.inputsStart(v); p < r.inputsEnd(v); p++) {
        it[a++] = r.input(p);
      }
      dOff[v] = b;
      for (int p = r.dependentsStart(v); p < r.dependentsEnd(v); p++) {
        dt[b++] = r.dependent(p);
      }
    }
    io[n] = a;
    dOff[n] = b;
    PackageGraph view = new PackageGraph(this, io, it, dOff, dt, new int[0]);
    return pins.length == 0 ? view : view.withPins(pins);
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
        unchangedProbability[node],
        binaries(node),
        requiredFeatures(node),
        isFixedOutput(node));
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

  // ---------------------------------------------------------------- pins

  /**
   * This graph with {@code nodes} pinned, in addition to the pins it already has: the same nodes
   * (indexes, ids, names, aliases, attributes, metadata) without every edge {@code a -> p} ("a
   * needs p") into a pinned node {@code p}. The pinned nodes keep their own inputs.
   *
   * <p>What that means for a rebuild (DESIGN.md §5, the bootstrap cut distributions make by hand):
   * a pinned node still rebuilds when the change reaches it (when one of its inputs rebuilds, or
   * when it is itself changed), but its dependents are not triggered through it; they keep using
   * the old {@code p}, so the removed edges do not order builds either (cost and risk schedule
   * without them). Every engine reads the view like any other graph, so {@code transitive}, {@code
   * direct}, {@code local}, {@code cutoff}, the depth, the profile, the schedule and the risk model
   * all see the cut. In particular: under {@code direct} a changed pinned node rebuilds alone (its
   * direct dependents lost their edge to it); the strongly connected components are those of the
   * cut graph, so pinning a member of a cycle can break the cycle.
   *
   * <p>{@code O(nodes + edges)} time; new adjacency arrays, every column and index shared. Returns
   * this graph when no new node is pinned. Formats write a view's edges as they are, without its
   * pins: a view is for analysis, not for saving.
   *
   * @param nodes node indexes to pin; repeats are fine
   * @throws IndexOutOfBoundsException if an index is outside the graph
   */
  public PackageGraph withPins(int... nodes) {
    int n = nodeCount();
    boolean[] pinned = new boolean[n];
    for (int p : pins) {
      pinned[p] = true;
    }
    int added = 0;
    long removed = 0;
    for (int p : nodes) {
      if (p < 0 || p >= n) {
        throw new IndexOutOfBoundsException("pin " + p + " outside 0.." + (n - 1));
      }
      if (!pinned[p]) {
        pinned[p] = true;
        added++;
        removed += dependentCount(p);
      }
    }
    if (added == 0) {
      return this;
    }
    int edges = Math.toIntExact(edgeCount() - removed);
    int[] newInputOffsets = new int[n + 1];
    int[] newInputTargets = new int[edges];
    int[] newDependentOffsets = new int[n + 1];
    int[] newDependentTargets = new int[edges];
    int in = 0;
    int out = 0;
    for (int v = 0; v < n; v++) {
      newInputOffsets[v] = in;
      for (int p = inputOffsets[v]; p < inputOffsets[v + 1]; p++) {
        if (!pinned[inputTargets[p]]) {
          newInputTargets[in++] = inputTargets[p];
        }
      }
      newDependentOffsets[v] = out;
      if (!pinned[v]) {
        int from = dependentOffsets[v];
        int count = dependentOffsets[v + 1] - from;
        System.arraycopy(dependentTargets, from, newDependentTargets, out, count);
        out += count;
      }
    }
    newInputOffsets[n] = in;
    newDependentOffsets[n] = out;
    if (in != edges || out != edges) {
      throw new IllegalStateException(
          "pinned view lost count: " + in + " inputs, " + out + " dependents, " + edges + " edges");
    }
    int[] allPins = new int[pins.length + added];
    int k = 0;
    for (int v = 0; v < n; v++) {
      if (pinned[v]) {
        allPins[k++] = v;
      }
    }
    return new PackageGraph(
        this, newInputOffsets, newInputTargets, newDependentOffsets, newDependentTargets, allPins);
  }

  /** The nodes this graph is cut at ({@link #withPins}), ascending; empty when it has no pins. */
  public int[] pins() {
    return pins.clone();
  }

  /** Whether {@code node} is pinned in this view. */
  public boolean isPinned(int node) {
    return Arrays.binarySearch(pins, node) >= 0;
  }

  /** The distinct names of the pinned nodes, sorted (as a change's resolved names are). */
  public List<String> pinNames() {
    if (pins.length == 0) {
      return List.of();
    }
    return Arrays.stream(pins).mapToObj(v -> names[v]).sorted().distinct().toList();
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
    if (extras.binaryValues() != null) {
      b += 4L * extras.binaryOffsets().length + stringBytes(extras.binaryValues());
    }
    if (extras.featureValues() != null) {
      b += 4L * extras.featureOffsets().length + stringBytes(extras.featureValues());
    }
    for (CsrGraph r : extras.relations().values()) {
      b += 8L * (r.nodeCount() + 1) + 8L * r.edgeCount();
    }
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
    return "PackageGraph[nodes="
        + nodeCount()
        + ", edges="
        + edgeCount()
        + (pins.length == 0 ? "" : ", pins=" + pins.length)
        + "]";
  }
}
