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
    long selfLoops = extraSelfLoops;
    // Count per source, dropping self-loops.
    int[] inputOffsets = new int[n + 1];
    for (int e = 0; e < edgeCount; e++) {
      if (from[e] != to[e]) {
        inputOffsets[from[e] + 1]++;
      }
    }
    for (int v = 0; v < n; v++) {
      inputOffsets[v + 1] += inputOffsets[v];
    }
    int[] fill = Arrays.copyOf(inputOffsets, n);
    int[] targets = new int[inputOffsets[n]];
    for (int e = 0; e < edgeCount; e++) {
      if (from[e] == to[e]) {
        selfLoops++;
      } else {
        targets[fill[from[e]]++] = to[e];
      }
    }
    // Sort and de-duplicate each node's inputs, compacting in place.
    long merged = extraMerged;
    int write = 0;
    int[] compactOffsets = new int[n + 1];
    for (int v = 0; v < n; v++) {
      int start = inputOffsets[v];
      int end = inputOffsets[v + 1];
      Arrays.sort(targets, start, end);
      compactOffsets[v] = write;
      int previous = -1;
      for (int p = start; p < end; p++) {
        if (targets[p] == previous) {
          merged++;
          continue;
        }
        previous = targets[p];
        targets[write++] = previous;
      }
    }
    compactOffsets[n] = write;
    int[] inputTargets = write == targets.length ? targets : Arrays.copyOf(targets, write);

    // Reverse index: counting sort by target; sources arrive in ascending order, so each
    // dependents range is sorted.
    int[] dependentOffsets = new int[n + 1];
    for (int t : inputTargets) {
      dependentOffsets[t + 1]++;
    }
    for (int v = 0; v < n; v++) {
      dependentOffsets[v + 1] += dependentOffsets[v];
    }
    int[] dfill = Arrays.copyOf(dependentOffsets, n);
    int[] dependentTargets = new int[inputTargets.length];
    for (int v = 0; v < n; v++) {
      for (int p = compactOffsets[v]; p < compactOffsets[v + 1]; p++) {
        dependentTargets[dfill[inputTargets[p]]++] = v;
      }
    }

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
    return new PackageGraph(
        compactOffsets,
        inputTargets,
        dependentOffsets,
        dependentTargets,
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
        metadata);
  }
}
