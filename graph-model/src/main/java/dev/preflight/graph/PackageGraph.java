package dev.preflight.graph;

import dev.preflight.graph.scc.Components;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The immutable package graph: a {@link CsrGraph} (the edges, both directions) plus {@link
 * NodeColumns} (the node attributes, one array per attribute), plus lookup indexes built from the
 * columns (id, name, alias). Nothing is stored twice: views ({@link #withPins}, {@link
 * #relationView}, {@link #unionView}) share the columns and indexes and differ only in their {@code
 * CsrGraph}.
 *
 * <p>Memory (docs/formats.md, "Storage in memory"): the edges take {@code 8 * edges + 8 * nodes}
 * bytes (forward and reverse rows), the columns 43 bytes per node, the indexes about 20 bytes per
 * node ({@link StringIndex} open addressing for ids, names and aliases, the same-name chain), plus
 * the id, name and version strings; a 40,000-node, 300,000-edge graph with nixpkgs-style store-path
 * ids takes 12-14 MB of heap (measured in {@code io.PackageGraphMemoryTest}).
 *
 * <p><b>Pins</b> (DESIGN.md §5, {@code --pin}): {@link #withPins} returns the view of this graph
 * without every edge {@code a -> p} into a pinned node {@code p}, sharing the attribute columns and
 * indexes (ids, names, aliases, metadata stay exactly as they are); {@link #pins()} says which
 * nodes a graph is cut at.
 *
 * <p>Thread-safety: immutable; the lazily computed strongly connected components, binary index and
 * content hash are published safely (computed at most a few times under a race, always with the
 * same result).
 */
public final class PackageGraph implements DependencyGraph {
  private final CsrGraph edges;
  private final NodeColumns columns;
  private final Lookup lookup;

  // Nodes this view is cut at (withPins), ascending; empty for a graph as built or loaded.
  private final int[] pins;

  private volatile Components components;
  private volatile java.util.Map<String, int[]> binaryIndex;
  private volatile Long contentHash;
  // Relation and union views, built once per graph (views of a view are not cached).
  private final java.util.concurrent.ConcurrentHashMap<String, PackageGraph> views =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The indexes over the columns, shared by every view: id and name lookup (names repeat once per
   * system, chained through {@code nextWithSameName}), alias lookup.
   */
  private record Lookup(
      StringIndex idIndex,
      StringIndex nameIndex,
      int[] nextWithSameName,
      StringIndex aliasIndex,
      int[] aliasOwner) {

    static Lookup of(NodeColumns c) {
      String[] ids = c.ids();
      StringIndex idIndex =
          new StringIndex(
              ids,
              (first, dup) -> {
                throw new InputException(
                    null,
                    "node #" + (dup + 1),
                    "duplicate node id '" + ids[dup] + "' (first at node #" + (first + 1) + ")");
              });
      int n = ids.length;
      int[] nextWithSameName = new int[n];
      Arrays.fill(nextWithSameName, -1);
      int[] lastWithName = new int[n];
      for (int i = 0; i < n; i++) {
        lastWithName[i] = i;
      }
      StringIndex nameIndex =
          new StringIndex(
              c.names(),
              (first, dup) -> {
                nextWithSameName[lastWithName[first]] = dup;
                lastWithName[first] = dup;
              });
      int[] aliasOffsets = c.aliasOffsets();
      int[] aliasOwner = new int[c.aliasValues().length];
      for (int v = 0; v < n; v++) {
        for (int p = aliasOffsets[v]; p < aliasOffsets[v + 1]; p++) {
          aliasOwner[p] = v;
        }
      }
      StringIndex aliasIndex = new StringIndex(c.aliasValues(), (first, dup) -> {});
      return new Lookup(idIndex, nameIndex, nextWithSameName, aliasIndex, aliasOwner);
    }

    long retainedBytes() {
      return 4L * nextWithSameName.length
          + 4L * aliasOwner.length
          + idIndex.retainedBytes()
          + nameIndex.retainedBytes()
          + aliasIndex.retainedBytes();
    }
  }

  /**
   * The graph of {@code edges} over the nodes of {@code columns}, which must have the same node
   * count; builds the lookup indexes.
   *
   * @throws InputException on a duplicate node id
   */
  PackageGraph(CsrGraph edges, NodeColumns columns) {
    if (edges.nodeCount() != columns.size()) {
      throw new IllegalArgumentException(
          "edges over " + edges.nodeCount() + " nodes, columns of " + columns.size());
    }
    this.edges = edges;
    this.columns = columns;
    this.lookup = Lookup.of(columns);
    this.pins = new int[0];
  }

  /** {@code base} with other edges (a view): the columns and indexes are shared. */
  private PackageGraph(PackageGraph base, CsrGraph edges, int[] pins) {
    this.edges = edges;
    this.columns = base.columns;
    this.lookup = base.lookup;
    this.binaryIndex = base.binaryIndex;
    this.pins = pins;
  }

  /** A new builder. */
  public static PackageGraphBuilder builder() {
    return new PackageGraphBuilder();
  }

  // ---------------------------------------------------------------- DependencyGraph

  @Override
  public int nodeCount() {
    return edges.nodeCount();
  }

  @Override
  public int edgeCount() {
    return edges.edgeCount();
  }

  @Override
  public int inputsStart(int node) {
    return edges.inputsStart(node);
  }

  @Override
  public int inputsEnd(int node) {
    return edges.inputsEnd(node);
  }

  @Override
  public int input(int position) {
    return edges.input(position);
  }

  @Override
  public int dependentsStart(int node) {
    return edges.dependentsStart(node);
  }

  @Override
  public int dependentsEnd(int node) {
    return edges.dependentsEnd(node);
  }

  @Override
  public int dependent(int position) {
    return edges.dependent(position);
  }

  /** The inputs of {@code node} as a new array (for non-hot code). */
  public int[] inputsOf(int node) {
    return edges.inputsOf(node);
  }

  /** The dependents of {@code node} as a new array (for non-hot code). */
  public int[] dependentsOf(int node) {
    return edges.dependentsOf(node);
  }

  /** This graph's edges (both directions), without its columns. */
  public CsrGraph edges() {
    return edges;
  }

  /** This graph's node attributes, without its edges. The arrays are shared: do not change them. */
  public NodeColumns columns() {
    return columns;
  }

  // ---------------------------------------------------------------- attributes

  public String id(int node) {
    return columns.ids()[node];
  }

  public String name(int node) {
    return columns.names()[node];
  }

  public String version(int node) {
    return columns.versions()[node];
  }

  public String system(int node) {
    return columns.systemTable()[columns.systemOf()[node]];
  }

  /** Index of {@code node}'s system in {@link #systems()}. */
  public int systemIndex(int node) {
    return columns.systemOf()[node];
  }

  /** Distinct systems, sorted. */
  public List<String> systems() {
    return List.of(columns.systemTable());
  }

  /** Observed or estimated build seconds, {@code NaN} if unknown. */
  public double buildSeconds(int node) {
    return columns.buildSeconds()[node];
  }

  public NodeStatus lastStatus(int node) {
    return NodeStatus.ofOrdinal(columns.status()[node]);
  }

  /** Size proxy in bytes for the duration model, -1 if unknown. */
  public long sizeBytes(int node) {
    return columns.sizeBytes()[node];
  }

  /** Per-node probability that a rebuild leaves the output unchanged, {@code NaN} for default. */
  public double unchangedProbability(int node) {
    return columns.unchangedProbability()[node];
  }

  public List<String> channels(int node) {
    int[] offsets = columns.channelOffsets();
    int from = offsets[node];
    int to = offsets[node + 1];
    if (from == to) {
      return List.of();
    }
    List<String> out = new ArrayList<>(to - from);
    for (int p = from; p < to; p++) {
      out.add(columns.channelTable()[columns.channelValues()[p]]);
    }
    return Collections.unmodifiableList(out);
  }

  /** All channel names, sorted. */
  public List<String> channelNames() {
    return List.of(columns.channelTable());
  }

  /**
   * Whether {@code node} carries the channel with index {@code channel} in {@link #channelNames}.
   */
  public boolean inChannel(int node, int channel) {
    int[] offsets = columns.channelOffsets();
    short[] values = columns.channelValues();
    for (int p = offsets[node]; p < offsets[node + 1]; p++) {
      if (values[p] == channel) {
        return true;
      }
    }
    return false;
  }

  public List<String> aliases(int node) {
    int[] offsets = columns.aliasOffsets();
    if (offsets[node] == offsets[node + 1]) {
      return List.of();
    }
    return List.of(Arrays.copyOfRange(columns.aliasValues(), offsets[node], offsets[node + 1]));
  }

  public GraphMetadata metadata() {
    return columns.metadata();
  }

  /** The columns beyond the common ones (binaries, features, fixed outputs, relations). */
  public NodeExtras extras() {
    return columns.extras();
  }

  /** The binary packages {@code node} builds (Debian graphs); empty elsewhere. */
  public List<String> binaries(int node) {
    return NodeExtras.slice(
        columns.extras().binaryOffsets(), columns.extras().binaryValues(), node);
  }

  /**
   * The nodes that build the binary package {@code name}, ascending (one per architecture that
   * builds it); empty if none. The index is built on first use.
   */
  public int[] nodesBuildingBinary(String name) {
    java.util.Map<String, int[]> index = binaryIndex;
    if (index == null) {
      index = new java.util.HashMap<>();
      int[] offsets = columns.extras().binaryOffsets();
      if (offsets != null) {
        String[] values = columns.extras().binaryValues();
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
    return NodeExtras.slice(
        columns.extras().featureOffsets(), columns.extras().featureValues(), node);
  }

  /**
   * Whether some node has required system features: the graph's importer recorded them (Nix
   * derivations JSON, nix-eval-jobs). A graph without any is read as having no feature data (an
   * importer that found none cannot be told apart from one that never looks), so the cost model
   * falls back to guessing {@code big-parallel} from durations.
   */
  public boolean recordsFeatures() {
    String[] values = columns.extras().featureValues();
    return values != null && values.length > 0;
  }

  /**
   * Whether {@code node} is a fixed-output derivation (Nix: its output path is fixed by a declared
   * hash, so a change to its inputs changes no dependent's output path).
   */
  public boolean isFixedOutput(int node) {
    boolean[] f = columns.extras().fixedOutput();
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
    PackageGraph view =
        new PackageGraph(this, CsrGraph.union(edges, relationView(name).edges), new int[0]);
    return pins.length == 0 ? view : view.withPins(pins);
  }

  /** The names of this graph's relations (e.g. {@code binnmu}, {@code static}), sorted. */
  public java.util.Set<String> relationNames() {
    return columns.extras().relations().keySet();
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
    CsrGraph r = columns.extras().relations().get(name);
    if (r == null) {
      throw new InputException(
          null,
          null,
          "this graph has no '"
              + name
              + "' relation"
              + (relationNames().isEmpty()
                  ? " (it was made by "
                      + (metadata().source().isEmpty() ? "an importer" : metadata().source())
                      + " without relations; re-import it with `preflight import debian`)"
                  : "; it has " + relationNames()));
    }
    // The relation's CsrGraph is the view's adjacency as it is: no copy.
    PackageGraph view = new PackageGraph(this, r, new int[0]);
    return pins.length == 0 ? view : view.withPins(pins);
  }

  /** The node record for {@code node} (allocates; for formats and tests). */
  public NodeRecord record(int node) {
    return new NodeRecord(
        id(node),
        name(node),
        version(node),
        system(node),
        buildSeconds(node),
        lastStatus(node),
        channels(node),
        aliases(node),
        sizeBytes(node),
        unchangedProbability(node),
        binaries(node),
        requiredFeatures(node),
        isFixedOutput(node));
  }

  // ---------------------------------------------------------------- lookup

  /** The node with this exact id, or -1. */
  public int indexOfId(String id) {
    return lookup.idIndex().get(id);
  }

  /** All nodes with this name (one per system), in index order; empty if none. */
  public int[] nodesNamed(String name) {
    int first = lookup.nameIndex().get(name);
    if (first < 0) {
      return new int[0];
    }
    int count = 0;
    for (int v = first; v >= 0; v = lookup.nextWithSameName()[v]) {
      count++;
    }
    int[] out = new int[count];
    int i = 0;
    for (int v = first; v >= 0; v = lookup.nextWithSameName()[v]) {
      out[i++] = v;
    }
    return out;
  }

  /** The node that has {@code alias} as an alias, or -1. */
  public int indexOfAlias(String alias) {
    int p = lookup.aliasIndex().get(alias);
    return p < 0 ? -1 : lookup.aliasOwner()[p];
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
    int[] allPins = new int[pins.length + added];
    int k = 0;
    for (int v = 0; v < n; v++) {
      if (pinned[v]) {
        allPins[k++] = v;
      }
    }
    return new PackageGraph(this, edges.withoutEdgesInto(pinned, removed), allPins);
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
    return Arrays.stream(pins).mapToObj(this::name).sorted().distinct().toList();
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

  /**
   * A rough count of the heap this graph retains, in bytes: edges, columns (arrays and distinct
   * strings) and lookup indexes.
   */
  public long retainedBytes() {
    return edges.retainedBytes() + columns.retainedBytes() + lookup.retainedBytes();
  }

  /**
   * The graph's one content hash ({@link ContentHash}): 64 bits over everything it holds, computed
   * once. The Arrow file stores it, the batch snapshot is keyed by it.
   */
  public long contentHash() {
    Long h = contentHash;
    if (h == null) {
      h = ContentHash.of(this);
      contentHash = h;
    }
    return h;
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
