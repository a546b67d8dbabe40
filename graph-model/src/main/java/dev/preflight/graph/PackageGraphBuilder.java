package dev.preflight.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects nodes and edges and builds a validated {@link PackageGraph}.
 *
 * <p>Validation: a duplicate node id and an edge naming an unknown node are errors ({@link
 * InputException} naming the record); self-edges are dropped and counted; repeated edges are merged
 * and counted. Node order is insertion order, so the same input always gives the same indexes.
 *
 * <p>Not thread-safe; use one builder per import.
 */
public final class PackageGraphBuilder {
  private final List<NodeRecord> nodes = new ArrayList<>();
  private final Map<String, Integer> indexById = new HashMap<>();
  private final List<String> nodeWhere = new ArrayList<>();

  private int[] from = new int[1024];
  private int[] to = new int[1024];
  private int edgeCount;

  private final List<String[]> pendingEdges = new ArrayList<>();
  private final Map<String, int[][]> relationEdges = new TreeMap<>();
  private final Map<String, Integer> relationCounts = new HashMap<>();

  private String sourceFile;
  private String description = "";
  private long extraSelfLoops;
  private long extraMerged;
  private final List<String> unresolved = new ArrayList<>();
  private final Map<String, String> properties = new TreeMap<>();

  PackageGraphBuilder() {}

  /** The file being read, named in error messages. */
  public PackageGraphBuilder sourceFile(String file) {
    this.sourceFile = file;
    return this;
  }

  /** Free-text description of where the graph came from, kept in its metadata. */
  public PackageGraphBuilder description(String text) {
    this.description = text == null ? "" : text;
    return this;
  }

  /** A metadata property (importer option, generator seed). */
  public PackageGraphBuilder property(String key, String value) {
    properties.put(key, value);
    return this;
  }

  /** Names the importer could not resolve; sorted and de-duplicated into the metadata. */
  public PackageGraphBuilder unresolved(List<String> names) {
    unresolved.addAll(names);
    return this;
  }

  /**
   * Carries over the metadata of a graph being re-read from a native format: its description,
   * counts, unresolved names and properties (counts add to what this build finds).
   */
  public PackageGraphBuilder restoreMetadata(GraphMetadata m) {
    description = m.source();
    extraSelfLoops += m.selfLoopsDropped();
    extraMerged += m.duplicateEdgesMerged();
    unresolved.addAll(m.unresolved());
    properties.putAll(m.properties());
    return this;
  }

  /** Self-loops an importer dropped before they reached the builder (added to the count). */
  public PackageGraphBuilder selfLoopsDroppedEarlier(long count) {
    extraSelfLoops += count;
    return this;
  }

  /**
   * Adds a node.
   *
   * @param where the record or line, for error messages (may be null)
   * @return the node's index
   * @throws InputException on a duplicate id
   */
  public int addNode(NodeRecord node, String where) {
    Integer previous = indexById.putIfAbsent(node.id(), nodes.size());
    if (previous != null) {
      String first = nodeWhere.get(previous);
      throw new InputException(
          sourceFile,
          where,
          "duplicate node id '"
              + node.id()
              + "'"
              + (first == null ? "" : " (first defined at " + first + ")"));
    }
    nodes.add(node);
    nodeWhere.add(where);
    return nodes.size() - 1;
  }

  /** Adds a node. */
  public int addNode(NodeRecord node) {
    return addNode(node, null);
  }

  /** The index of a node added so far, or -1. */
  public int indexOf(String id) {
    Integer i = indexById.get(id);
    return i == null ? -1 : i;
  }

  /** Number of nodes added so far. */
  public int nodeCount() {
    return nodes.size();
  }

  /** The node added at {@code index}. */
  public NodeRecord node(int index) {
    return nodes.get(index);
  }

  /** Replaces the node at {@code index} (same id required), e.g. to add aliases found later. */
  public void replaceNode(int index, NodeRecord node) {
    if (!nodes.get(index).id().equals(node.id())) {
      throw new IllegalArgumentException("replaceNode must keep the id");
    }
    nodes.set(index, node);
  }

  /** Adds {@code dependent -> input} by node index (both must exist). */
  public PackageGraphBuilder addEdge(int dependent, int input) {
    if (dependent < 0 || dependent >= nodes.size() || input < 0 || input >= nodes.size()) {
      throw new IndexOutOfBoundsException(
          "edge " + dependent + " -> " + input + " outside 0.." + (nodes.size() - 1));
    }
    if (edgeCount == from.length) {
      from = Arrays.copyOf(from, edgeCount * 2);
      to = Arrays.copyOf(to, edgeCount * 2);
    }
    from[edgeCount] = dependent;
    to[edgeCount] = input;
    edgeCount++;
    return this;
  }

  /**
   * Adds {@code dependent -> input} to the relation {@code relation} ({@link NodeExtras}): an edge
   * set over the same nodes that a policy reads instead of the build edges. Self-edges and repeats
   * are dropped without counting (a relation says "is triggered by", not "needs").
   */
  public PackageGraphBuilder addRelationEdge(String relation, int dependent, int input) {
    if (dependent < 0 || dependent >= nodes.size() || input < 0 || input >= nodes.size()) {
      throw new IndexOutOfBoundsException(
          "relation edge " + dependent + " -> " + input + " outside 0.." + (nodes.size() - 1));
    }
    int[][] e =
        relationEdges.computeIfAbsent(relation, k -> new int[][] {new int[256], new int[256]});
    int c = relationCounts.getOrDefault(relation, 0);
    if (c == e[0].length) {
      e[0] = Arrays.copyOf(e[0], c * 2);
      e[1] = Arrays.copyOf(e[1], c * 2);
    }
    e[0][c] = dependent;
    e[1][c] = input;
    relationCounts.put(relation, c + 1);
    return this;
  }

  /** Declares relation {@code relation} even if it gets no edge (a graph that has none). */
  public PackageGraphBuilder declareRelation(String relation) {
    relationEdges.computeIfAbsent(relation, k -> new int[][] {new int[16], new int[16]});
    relationCounts.putIfAbsent(relation, 0);
    return this;
  }

  /**
   * Adds {@code dependent -> input} by id; resolved when the graph is built, so nodes may come
   * later.
   *
   * @param where the record or line, named if an id turns out unknown
   */
  public PackageGraphBuilder addEdge(String dependentId, String inputId, String where) {
    pendingEdges.add(new String[] {dependentId, inputId, where});
    return this;
  }

  /**
   * Builds the graph.
   *
   * @throws InputException if an edge names an unknown node
   */
  public PackageGraph build() {
    for (String[] e : pendingEdges) {
      int a = indexOf(e[0]);
      int b = indexOf(e[1]);
      if (a < 0 || b < 0) {
        String missing = a < 0 ? e[0] : e[1];
        throw new InputException(
            sourceFile,
            e[2],
            "edge " + e[0] + " -> " + e[1] + " names unknown node '" + missing + "'");
      }
      addEdge(a, b);
    }
    pendingEdges.clear();

    int n = nodes.size();
    Rows rows = rows(n, from, to, edgeCount);
    long selfLoops = extraSelfLoops + rows.selfLoops();
    long merged = extraMerged + rows.merged();
    int[] compactOffsets = rows.offsets();
    int[] inputTargets = rows.targets();

    // Columns.
    String[] ids = new String[n];
    String[] names = new String[n];
    String[] versions = new String[n];
    double[] seconds = new double[n];
    byte[] status = new byte[n];
    long[] sizes = new long[n];
    float[] unchanged = new float[n];
    TreeSet<String> systemSet = new TreeSet<>();
    TreeSet<String> channelSet = new TreeSet<>();
    int channelTotal = 0;
    int aliasTotal = 0;
    for (NodeRecord r : nodes) {
      systemSet.add(r.system());
      channelSet.addAll(r.channels());
      channelTotal += r.channels().size();
      aliasTotal += r.aliases().size();
    }
    if (systemSet.size() > Short.MAX_VALUE || channelSet.size() > Short.MAX_VALUE) {
      throw new InputException(sourceFile, null, "more than 32767 systems or channels");
    }
    String[] systemTable = systemSet.toArray(new String[0]);
    String[] channelTable = channelSet.toArray(new String[0]);
    Map<String, Short> systemIds = new HashMap<>();
    for (short i = 0; i < systemTable.length; i++) {
      systemIds.put(systemTable[i], i);
    }
    Map<String, Short> channelIds = new HashMap<>();
    for (short i = 0; i < channelTable.length; i++) {
      channelIds.put(channelTable[i], i);
    }
    short[] systemOf = new short[n];
    int[] channelOffsets = new int[n + 1];
    short[] channelValues = new short[channelTotal];
    int[] aliasOffsets = new int[n + 1];
    String[] aliasValues = new String[aliasTotal];
    Map<String, String> internedVersions = new HashMap<>();
    int cp = 0;
    int ap = 0;
    for (int v = 0; v < n; v++) {
      NodeRecord r = nodes.get(v);
      ids[v] = r.id();
      names[v] = r.name();
      versions[v] = internedVersions.computeIfAbsent(r.version(), k -> k);
      seconds[v] = r.buildSeconds();
      status[v] = (byte) r.lastStatus().ordinal();
      sizes[v] = r.sizeBytes();
      unchanged[v] = (float) r.unchangedProbability();
      systemOf[v] = systemIds.get(r.system());
      channelOffsets[v] = cp;
      TreeSet<Short> cs = new TreeSet<>();
      for (String c : r.channels()) {
        cs.add(channelIds.get(c));
      }
      for (short c : cs) {
        channelValues[cp++] = c;
      }
      aliasOffsets[v] = ap;
      for (String a : r.aliases()) {
        aliasValues[ap++] = a;
      }
    }
    channelOffsets[n] = cp;
    aliasOffsets[n] = ap;
    channelValues = cp == channelValues.length ? channelValues : Arrays.copyOf(channelValues, cp);

    GraphMetadata metadata =
        new GraphMetadata(
            description, selfLoops, merged, new ArrayList<>(new TreeSet<>(unresolved)), properties);
    NodeExtras extras = extras(n);
    NodeColumns columns =
        new NodeColumns(
            ids,
            names,
            versions,
            systemTable,
            systemOf,
            seconds,
            status,
            sizes,
            unchanged,
            channelTable,
            channelOffsets,
            channelValues,
            aliasOffsets,
            aliasValues,
            metadata,
            extras);
    return new PackageGraph(CsrGraph.fromInputs(compactOffsets, inputTargets), columns);
  }

  /** The extra columns of the nodes added, and the relations built as CSR graphs. */
  private NodeExtras extras(int n) {
    int binaryTotal = 0;
    int featureTotal = 0;
    boolean anyFixed = false;
    for (NodeRecord r : nodes) {
      binaryTotal += r.binaries().size();
      featureTotal += r.features().size();
      anyFixed |= r.fixedOutput();
    }
    int[] binaryOffsets = null;
    String[] binaryValues = null;
    if (binaryTotal > 0) {
      binaryOffsets = new int[n + 1];
      binaryValues = new String[binaryTotal];
      int p = 0;
      for (int v = 0; v < n; v++) {
        binaryOffsets[v] = p;
        for (String b : nodes.get(v).binaries()) {
          binaryValues[p++] = b;
        }
      }
      binaryOffsets[n] = p;
    }
    int[] featureOffsets = null;
    String[] featureValues = null;
    if (featureTotal > 0) {
      featureOffsets = new int[n + 1];
      featureValues = new String[featureTotal];
      Map<String, String> interned = new HashMap<>();
      int p = 0;
      for (int v = 0; v < n; v++) {
        featureOffsets[v] = p;
        for (String f : nodes.get(v).features()) {
          featureValues[p++] = interned.computeIfAbsent(f, k -> k);
        }
      }
      featureOffsets[n] = p;
    }
    boolean[] fixed = null;
    if (anyFixed) {
      fixed = new boolean[n];
      for (int v = 0; v < n; v++) {
        fixed[v] = nodes.get(v).fixedOutput();
      }
    }
    java.util.SortedMap<String, CsrGraph> relations = new TreeMap<>();
    for (Map.Entry<String, int[][]> e : relationEdges.entrySet()) {
      relations.put(
          e.getKey(),
          relation(n, e.getValue()[0], e.getValue()[1], relationCounts.get(e.getKey())));
    }
    return new NodeExtras(
        binaryOffsets, binaryValues, featureOffsets, featureValues, fixed, relations);
  }

  /** A relation's edges as a CSR graph: self-edges dropped, inputs sorted and distinct. */
  private static CsrGraph relation(int n, int[] from, int[] to, int count) {
    Rows rows = rows(n, from, to, count);
    return CsrGraph.fromInputs(rows.offsets(), rows.targets());
  }

  /** CSR rows of edge pairs: sorted, distinct, without self-edges, with what was dropped. */
  private record Rows(int[] offsets, int[] targets, long selfLoops, long merged) {}

  /**
   * The edges {@code from[e] -> to[e]} ({@code e < count}) as CSR rows: counted per source, self-
   * edges dropped and counted, each row sorted and de-duplicated in place (repeats counted). {@code
   * O(n + count log count)}.
   */
  private static Rows rows(int n, int[] from, int[] to, int count) {
    int[] offsets = new int[n + 1];
    for (int e = 0; e < count; e++) {
      if (from[e] != to[e]) {
        offsets[from[e] + 1]++;
      }
    }
    for (int v = 0; v < n; v++) {
      offsets[v + 1] += offsets[v];
    }
    int[] fill = Arrays.copyOf(offsets, n);
    int[] targets = new int[offsets[n]];
    long selfLoops = 0;
    for (int e = 0; e < count; e++) {
      if (from[e] == to[e]) {
        selfLoops++;
      } else {
        targets[fill[from[e]]++] = to[e];
      }
    }
    long merged = 0;
    int write = 0;
    int[] compact = new int[n + 1];
    for (int v = 0; v < n; v++) {
      Arrays.sort(targets, offsets[v], offsets[v + 1]);
      compact[v] = write;
      int previous = -1;
      for (int p = offsets[v]; p < offsets[v + 1]; p++) {
        if (targets[p] == previous) {
          merged++;
          continue;
        }
        previous = targets[p];
        targets[write++] = previous;
      }
    }
    compact[n] = write;
    return new Rows(
        compact,
        write == targets.length ? targets : Arrays.copyOf(targets, write),
        selfLoops,
        merged);
  }

  /**
   * Builds a graph straight from arrays already in its layout, without sorting or copying: the fast
   * path of native readers (a 40,000-node graph loads in tens of milliseconds instead of the
   * builder's per-node records). The same graph as {@link #build()} would make from the same nodes
   * and edges: node {@code v}'s inputs are {@code inputTargets[inputOffsets[v] .. inputOffsets[v +
   * 1])}; the reverse index is derived by {@link CsrGraph#fromInputs}.
   *
   * <p>Everything {@link #build()} guarantees is checked in one O(nodes + edges) pass, and a
   * violation is an {@link InputException} naming {@code sourceFile} and the node: offsets start at
   * 0, never decrease and end at the array's length; input targets are in range, not the node
   * itself, and strictly ascending (sorted, distinct) per node; ids unique; the columns as {@link
   * NodeColumns#check} says.
   *
   * @param sourceFile named in error messages (may be null)
   */
  public static PackageGraph fromColumns(
      int[] inputOffsets, int[] inputTargets, NodeColumns nodes, String sourceFile) {
    int n = nodes.size();
    if (inputOffsets.length != n + 1) {
      throw new IllegalArgumentException(
          "inputOffsets has length " + inputOffsets.length + ", expected " + (n + 1));
    }
    NodeColumns.checkOffsets(inputOffsets, inputTargets.length, "inputs", sourceFile);
    for (int v = 0; v < n; v++) {
      int previous = -1;
      for (int p = inputOffsets[v]; p < inputOffsets[v + 1]; p++) {
        int t = inputTargets[p];
        if (t < 0 || t >= n) {
          throw NodeColumns.bad(
              sourceFile,
              v,
              "node '" + nodes.ids()[v] + "' has input #" + t + ", outside 0.." + (n - 1));
        }
        if (t == v) {
          throw NodeColumns.bad(
              sourceFile, v, "node '" + nodes.ids()[v] + "' lists itself as an input");
        }
        if (t <= previous) {
          throw NodeColumns.bad(
              sourceFile, v, "inputs of node '" + nodes.ids()[v] + "' are not sorted and distinct");
        }
        previous = t;
      }
    }
    nodes.check(sourceFile);
    try {
      return new PackageGraph(CsrGraph.fromInputs(inputOffsets, inputTargets), nodes);
    } catch (InputException e) {
      throw e.inFile(sourceFile);
    }
  }
}
