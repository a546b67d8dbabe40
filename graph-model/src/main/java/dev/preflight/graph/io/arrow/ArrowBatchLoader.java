package dev.preflight.graph.io.arrow;

import static dev.preflight.graph.io.arrow.ArrowSchema.ALIASES;
import static dev.preflight.graph.io.arrow.ArrowSchema.BINARIES;
import static dev.preflight.graph.io.arrow.ArrowSchema.CHANNELS;
import static dev.preflight.graph.io.arrow.ArrowSchema.FEATURES;
import static dev.preflight.graph.io.arrow.ArrowSchema.ID;
import static dev.preflight.graph.io.arrow.ArrowSchema.LAST_STATUS;
import static dev.preflight.graph.io.arrow.ArrowSchema.NAME;
import static dev.preflight.graph.io.arrow.ArrowSchema.RELATION_PREFIX;
import static dev.preflight.graph.io.arrow.ArrowSchema.SYSTEM;
import static dev.preflight.graph.io.arrow.ArrowSchema.VERSION;

import dev.preflight.graph.CsrGraph;
import dev.preflight.graph.GraphMetadata;
import dev.preflight.graph.InputException;
import dev.preflight.graph.NodeColumns;
import dev.preflight.graph.NodeExtras;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accumulates the record batches' columns into the graph's arrays ({@link NodeColumns} and the
 * forward CSR rows): fixed-width buffers are copied in bulk, strings decoded once per value,
 * categorical columns (system, status, channels) mapped to sorted tables at the end. Arrays grow by
 * doubling from the sizing hints; every offset read from a buffer is checked to be monotone and
 * inside the data before it indexes anything.
 */
final class ArrowBatchLoader {
  private final String source;
  private int n;
  private int e;
  private String[] ids;
  private String[] names;
  private String[] versions;
  private int[] systemCodes;
  private double[] seconds;
  private int[] statusCodes;
  private long[] sizes;
  private float[] unchanged;
  private int[] inputOffsets;
  private int[] inputTargets;
  private int[] channelOffsets;
  private int[] channelCodes;
  private int channelCount;
  private int[] aliasOffsets;
  private String[] aliasValues;
  private int aliasCount;
  private final ArrowLists.Categories systems = new ArrowLists.Categories();
  private final ArrowLists.Categories statuses = new ArrowLists.Categories();
  private final ArrowLists.Categories channels = new ArrowLists.Categories();
  private ArrowLists.StringLists binaries;
  private ArrowLists.StringLists features;
  private boolean[] fixedOutput;
  private final Map<String, ArrowLists.IntLists> relations = new TreeMap<>();

  ArrowBatchLoader(String source, int nodeHint, int edgeHint) {
    this.source = source;
    ids = new String[nodeHint];
    names = new String[nodeHint];
    versions = new String[nodeHint];
    systemCodes = new int[nodeHint];
    seconds = new double[nodeHint];
    statusCodes = new int[nodeHint];
    sizes = new long[nodeHint];
    unchanged = new float[nodeHint];
    inputOffsets = new int[nodeHint + 1];
    inputTargets = new int[edgeHint];
    channelOffsets = new int[nodeHint + 1];
    channelCodes = new int[16];
    aliasOffsets = new int[nodeHint + 1];
    aliasValues = new String[16];
  }

  void load(ArrowColumns c, int rows, String where) {
    ensureNodes(n + rows);
    readStrings(c.ids, rows, ids, n, where, ID);
    for (int r = 0; r < rows; r++) {
      if (ids[n + r] == null || ids[n + r].isEmpty()) {
        throw new InputException(source, where + ", row " + (r + 1), "node id is null or empty");
      }
    }
    if (c.names == null) {
      System.arraycopy(ids, n, names, n, rows);
    } else {
      readStrings(c.names, rows, names, n, where, NAME);
      for (int r = n; r < n + rows; r++) {
        if (names[r] == null || names[r].isEmpty()) {
          names[r] = ids[r];
        }
      }
    }
    if (c.versions == null) {
      Arrays.fill(versions, n, n + rows, "");
    } else {
      readStrings(c.versions, rows, versions, n, where, VERSION);
      internVersions(rows);
    }
    readCategories(c.systems, c.systemDictionary, systems, rows, systemCodes, where, SYSTEM);
    readCategories(c.status, c.statusDictionary, statuses, rows, statusCodes, where, LAST_STATUS);
    readDoubles(c.seconds, rows);
    readSizes(c.sizes, rows);
    readUnchanged(c.unchanged, rows);
    readChannels(c.channels, rows, where);
    readAliases(c.aliases, rows, where);
    readInputs(c.inputs, rows, where);
    readExtras(c, rows, where);
    n += rows;
  }

  private void readExtras(ArrowColumns c, int rows, String where) {
    if (c.binaries != null) {
      if (binaries == null) {
        binaries = new ArrowLists.StringLists(source, BINARIES);
      }
      binaries.read(c.binaries, n, rows, where);
    }
    if (c.features != null) {
      if (features == null) {
        features = new ArrowLists.StringLists(source, FEATURES);
      }
      features.read(c.features, n, rows, where);
    }
    if (c.fixedOutput != null) {
      if (fixedOutput == null || fixedOutput.length < n + rows) {
        fixedOutput =
            Arrays.copyOf(
                fixedOutput == null ? new boolean[0] : fixedOutput,
                Math.max(n + rows, 2 * (fixedOutput == null ? 0 : fixedOutput.length)));
      }
      for (int r = 0; r < rows; r++) {
        fixedOutput[n + r] = !c.fixedOutput.isNull(r) && c.fixedOutput.bit(r);
      }
    }
    for (Map.Entry<String, IpcColumn> e : c.relations.entrySet()) {
      relations
          .computeIfAbsent(e.getKey(), k -> new ArrowLists.IntLists(source, RELATION_PREFIX + k))
          .read(e.getValue(), n, rows, where);
    }
  }

  private NodeExtras extras() {
    java.util.SortedMap<String, CsrGraph> rel = new TreeMap<>();
    for (Map.Entry<String, ArrowLists.IntLists> e : relations.entrySet()) {
      rel.put(e.getKey(), e.getValue().graph(n));
    }
    return new NodeExtras(
        binaries == null ? null : binaries.offsets(n),
        binaries == null ? null : binaries.values(),
        features == null ? null : features.offsets(n),
        features == null ? null : features.values(),
        fixedOutput == null ? null : Arrays.copyOf(fixedOutput, n),
        rel);
  }

  private void ensureNodes(int capacity) {
    if (capacity <= ids.length) {
      return;
    }
    int size = Math.max(capacity, ids.length * 2);
    ids = Arrays.copyOf(ids, size);
    names = Arrays.copyOf(names, size);
    versions = Arrays.copyOf(versions, size);
    systemCodes = Arrays.copyOf(systemCodes, size);
    seconds = Arrays.copyOf(seconds, size);
    statusCodes = Arrays.copyOf(statusCodes, size);
    sizes = Arrays.copyOf(sizes, size);
    unchanged = Arrays.copyOf(unchanged, size);
    inputOffsets = Arrays.copyOf(inputOffsets, size + 1);
    channelOffsets = Arrays.copyOf(channelOffsets, size + 1);
    aliasOffsets = Arrays.copyOf(aliasOffsets, size + 1);
  }

  // Versions repeat across systems; share one String per distinct version, as the builder does.
  private void internVersions(int rows) {
    Map<String, String> seen = new HashMap<>();
    for (int r = n; r < n + rows; r++) {
      String v = versions[r];
      if (v == null) {
        versions[r] = "";
      } else {
        String first = seen.putIfAbsent(v, v);
        if (first != null) {
          versions[r] = first;
        }
      }
    }
  }

  private void readStrings(
      IpcColumn v, int rows, String[] out, int at, String where, String column) {
    v.strings(rows, out, at, source, where);
  }

  private void readCategories(
      IpcColumn v,
      IpcColumn dictionary,
      ArrowLists.Categories categories,
      int rows,
      int[] codes,
      String where,
      String column) {
    if (v == null) {
      Arrays.fill(codes, n, n + rows, categories.code(""));
      return;
    }
    if (dictionary == null) {
      String[] values = new String[rows];
      readStrings(v, rows, values, 0, where, column);
      for (int r = 0; r < rows; r++) {
        codes[n + r] = categories.code(values[r] == null ? "" : values[r]);
      }
      return;
    }
    int size = dictionary.length;
    String[] words = new String[size];
    readStrings(dictionary, size, words, 0, where, column + " dictionary");
    int[] toCode = new int[size];
    for (int i = 0; i < size; i++) {
      toCode[i] = categories.code(words[i] == null ? "" : words[i]);
    }
    int empty = -1;
    for (int r = 0; r < rows; r++) {
      if (v.isNull(r)) {
        if (empty < 0) {
          empty = categories.code("");
        }
        codes[n + r] = empty;
        continue;
      }
      long i = v.integer(r);
      if (i < 0 || i >= size) {
        throw new InputException(
            source,
            where + ", row " + (r + 1),
            "column '" + column + "': dictionary index " + i + " out of range");
      }
      codes[n + r] = toCode[(int) i];
    }
  }

  private void readDoubles(IpcColumn v, int rows) {
    if (v == null) {
      Arrays.fill(seconds, n, n + rows, Double.NaN);
      return;
    }
    if (rows > 0) {
      v.values().asDoubleBuffer().get(seconds, n, rows);
    }
    if (v.nullCount > 0) {
      for (int r = 0; r < rows; r++) {
        if (v.isNull(r)) {
          seconds[n + r] = Double.NaN;
        }
      }
    }
  }

  private void readSizes(IpcColumn v, int rows) {
    if (v == null) {
      Arrays.fill(sizes, n, n + rows, -1L);
      return;
    }
    if (rows > 0) {
      v.values().asLongBuffer().get(sizes, n, rows);
    }
    if (v.nullCount > 0) {
      for (int r = 0; r < rows; r++) {
        if (v.isNull(r)) {
          sizes[n + r] = -1;
        }
      }
    }
  }

  private void readUnchanged(IpcColumn v, int rows) {
    if (v == null) {
      Arrays.fill(unchanged, n, n + rows, Float.NaN);
      return;
    }
    java.nio.DoubleBuffer values = v.values().asDoubleBuffer();
    for (int r = 0; r < rows; r++) {
      unchanged[n + r] = v.isNull(r) ? Float.NaN : (float) values.get(r);
    }
  }

  private void readChannels(IpcColumn v, int rows, String where) {
    if (v == null || rows == 0) {
      for (int r = 0; r < rows; r++) {
        channelOffsets[n + r + 1] = channelCount;
      }
      return;
    }
    IpcColumn items = v.child;
    int[] o = v.offsets(rows, items.length, source, where);
    int count = o[rows] - o[0];
    String[] values = new String[count];
    if (count > 0) {
      String[] all = new String[o[rows]];
      readStrings(items, o[rows], all, 0, where, CHANNELS);
      System.arraycopy(all, o[0], values, 0, count);
    }
    if (channelCodes.length < channelCount + count) {
      channelCodes =
          Arrays.copyOf(channelCodes, Math.max(channelCount + count, 2 * channelCodes.length));
    }
    boolean nulls = v.nullCount > 0;
    for (int r = 0; r < rows; r++) {
      if (!(nulls && v.isNull(r))) {
        for (int p = o[r]; p < o[r + 1]; p++) {
          String s = values[p - o[0]];
          if (s == null) {
            throw new InputException(
                source, where + ", row " + (r + 1), "column 'channels' holds a null");
          }
          channelCodes[channelCount++] = channels.code(s);
        }
      }
      channelOffsets[n + r + 1] = channelCount;
    }
  }

  private void readAliases(IpcColumn v, int rows, String where) {
    if (v == null || rows == 0) {
      for (int r = 0; r < rows; r++) {
        aliasOffsets[n + r + 1] = aliasCount;
      }
      return;
    }
    IpcColumn items = v.child;
    int[] o = v.offsets(rows, items.length, source, where);
    int count = o[rows] - o[0];
    if (aliasValues.length < aliasCount + count) {
      aliasValues =
          Arrays.copyOf(aliasValues, Math.max(aliasCount + count, 2 * aliasValues.length));
    }
    if (count > 0) {
      String[] all = new String[o[rows]];
      readStrings(items, o[rows], all, 0, where, ALIASES);
      System.arraycopy(all, o[0], aliasValues, aliasCount, count);
    }
    boolean nulls = v.nullCount > 0;
    int write = aliasCount;
    for (int r = 0; r < rows; r++) {
      if (!(nulls && v.isNull(r))) {
        for (int p = o[r]; p < o[r + 1]; p++) {
          String s = aliasValues[aliasCount + p - o[0]];
          if (s == null) {
            throw new InputException(
                source, where + ", row " + (r + 1), "column 'aliases' holds a null");
          }
          aliasValues[write++] = s;
        }
      }
      aliasOffsets[n + r + 1] = write;
    }
    aliasCount = write;
  }

  private void readInputs(IpcColumn v, int rows, String where) {
    if (rows == 0) {
      return;
    }
    IpcColumn items = v.child;
    int[] o = v.offsets(rows, items.length, source, where);
    int count = o[rows] - o[0];
    if (inputTargets.length < e + count) {
      inputTargets = Arrays.copyOf(inputTargets, Math.max(e + count, 2 * inputTargets.length));
    }
    if (count > 0) {
      items.values().asIntBuffer().get(o[0], inputTargets, e, count);
    }
    if (items.nullCount > 0) {
      throw new InputException(source, where, "column 'inputs' holds a null node index");
    }
    // A null list is a node without inputs; its offsets may still span values, so re-pack.
    boolean nulls = v.nullCount > 0;
    int write = e;
    for (int r = 0; r < rows; r++) {
      if (nulls && v.isNull(r)) {
        inputOffsets[n + r + 1] = write;
        continue;
      }
      if (write != e + o[r] - o[0]) {
        System.arraycopy(inputTargets, e + o[r] - o[0], inputTargets, write, o[r + 1] - o[r]);
      }
      write += o[r + 1] - o[r];
      inputOffsets[n + r + 1] = write;
    }
    e = write;
  }

  /** The graph of the batches loaded, checked by {@link PackageGraphBuilder#fromColumns}. */
  PackageGraph finish(GraphMetadata metadata) {
    String[] systemTable = systems.sortedUsed(systemCodes, n);
    short[] systemOf = systems.remapToShort(systemCodes, n, source, SYSTEM);
    byte[] status = new byte[n];
    NodeStatus[] statusOf = new NodeStatus[statuses.size()];
    for (int v = 0; v < n; v++) {
      int code = statusCodes[v];
      if (statusOf[code] == null) {
        try {
          statusOf[code] = NodeStatus.parse(statuses.word(code));
        } catch (IllegalArgumentException ex) {
          throw new InputException(
              source, "node #" + (v + 1), "column 'lastStatus': " + ex.getMessage());
        }
      }
      status[v] = (byte) statusOf[code].ordinal();
    }
    // Channels: map to sorted table indexes, then sort and de-duplicate within each node.
    int[] used = Arrays.copyOf(channelCodes, channelCount);
    String[] channelTable = channels.sortedUsed(used, used.length);
    short[] mapped = channels.remapToShort(used, used.length, source, CHANNELS);
    short[] channelValues = new short[channelCount];
    int[] compactOffsets = new int[n + 1];
    int write = 0;
    for (int v = 0; v < n; v++) {
      int from = channelOffsets[v];
      int to = channelOffsets[v + 1];
      Arrays.sort(mapped, from, to);
      compactOffsets[v] = write;
      int previous = -1;
      for (int p = from; p < to; p++) {
        if (mapped[p] != previous) {
          previous = mapped[p];
          channelValues[write++] = mapped[p];
        }
      }
    }
    compactOffsets[n] = write;
    NodeColumns columns =
        new NodeColumns(
            trim(ids),
            trim(names),
            trim(versions),
            systemTable,
            systemOf,
            seconds.length == n ? seconds : Arrays.copyOf(seconds, n),
            status,
            sizes.length == n ? sizes : Arrays.copyOf(sizes, n),
            unchanged.length == n ? unchanged : Arrays.copyOf(unchanged, n),
            channelTable,
            compactOffsets,
            write == channelValues.length ? channelValues : Arrays.copyOf(channelValues, write),
            Arrays.copyOf(aliasOffsets, n + 1),
            Arrays.copyOf(aliasValues, aliasCount),
            metadata,
            extras());
    return PackageGraphBuilder.fromColumns(
        Arrays.copyOf(inputOffsets, n + 1),
        e == inputTargets.length ? inputTargets : Arrays.copyOf(inputTargets, e),
        columns,
        source);
  }

  private String[] trim(String[] a) {
    return a.length == n ? a : Arrays.copyOf(a, n);
  }
}
