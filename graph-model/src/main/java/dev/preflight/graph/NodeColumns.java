package dev.preflight.graph;

import java.util.Objects;

/**
 * A graph's node attributes stored column-wise: one array per attribute, not one object per node.
 * With a {@link CsrGraph} for the edges it makes a {@link PackageGraph}; native readers ({@code
 * io.arrow}, the batch snapshot) fill it straight from their buffers and hand it to {@link
 * PackageGraphBuilder#fromColumns}.
 *
 * <p>Node {@code v}'s system is {@code systemTable[systemOf[v]]}; its channels index {@code
 * channelTable} through {@code channelValues[channelOffsets[v] .. channelOffsets[v + 1])}; its
 * aliases are {@code aliasValues[aliasOffsets[v] .. aliasOffsets[v + 1])}. Absent numbers are
 * {@code NaN} (doubles, floats) or {@code -1} (sizes); {@code status} holds {@link NodeStatus}
 * ordinals. The arrays are adopted, not copied: the caller hands them over and must not touch them
 * afterwards.
 *
 * <p>Memory per node, strings aside: 8 (buildSeconds) + 8 (sizeBytes) + 4 (unchangedProbability) +
 * 2 (systemOf) + 1 (status) + 4 + 4 (channel and alias offsets) + 3 × 4 (the id, name and version
 * references) = 43 bytes, plus 2 bytes per channel tag and 4 per alias reference.
 *
 * <p>The compact constructor checks shapes (non-null, lengths agree); {@link #check} checks
 * contents.
 */
public record NodeColumns(
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

  public NodeColumns {
    Objects.requireNonNull(metadata, "metadata");
    extras = extras == null ? NodeExtras.none() : extras;
    int n = Objects.requireNonNull(ids, "ids").length;
    requireLength("names", Objects.requireNonNull(names, "names").length, n);
    requireLength("versions", Objects.requireNonNull(versions, "versions").length, n);
    Objects.requireNonNull(systemTable, "systemTable");
    requireLength("systemOf", Objects.requireNonNull(systemOf, "systemOf").length, n);
    requireLength("buildSeconds", Objects.requireNonNull(buildSeconds).length, n);
    requireLength("status", Objects.requireNonNull(status, "status").length, n);
    requireLength("sizeBytes", Objects.requireNonNull(sizeBytes, "sizeBytes").length, n);
    requireLength("unchangedProbability", Objects.requireNonNull(unchangedProbability).length, n);
    Objects.requireNonNull(channelTable, "channelTable");
    requireLength("channelOffsets", Objects.requireNonNull(channelOffsets).length, n + 1);
    Objects.requireNonNull(channelValues, "channelValues");
    requireLength("aliasOffsets", Objects.requireNonNull(aliasOffsets).length, n + 1);
    Objects.requireNonNull(aliasValues, "aliasValues");
  }

  /** Number of nodes. */
  public int size() {
    return ids.length;
  }

  /** These columns with other metadata (same arrays). */
  public NodeColumns withMetadata(GraphMetadata other) {
    return new NodeColumns(
        ids,
        names,
        versions,
        systemTable,
        systemOf,
        buildSeconds,
        status,
        sizeBytes,
        unchangedProbability,
        channelTable,
        channelOffsets,
        channelValues,
        aliasOffsets,
        aliasValues,
        other,
        extras);
  }

  private static void requireLength(String what, int actual, int expected) {
    if (actual != expected) {
      throw new IllegalArgumentException(what + " has length " + actual + ", expected " + expected);
    }
  }

  /**
   * Checks in one {@code O(nodes)} pass what {@link PackageGraphBuilder#build()} guarantees of the
   * columns: ids non-empty, names non-empty, versions non-null; the system and channel tables
   * sorted and distinct, every reference into them in range (channels strictly ascending per node)
   * and every entry used; statuses {@link NodeStatus} ordinals; numbers in the ranges {@link
   * NodeRecord} allows; the extras' shapes. Unique ids are checked when the id index is built.
   *
   * @throws InputException naming {@code sourceFile} and the node
   */
  void check(String sourceFile) {
    int n = size();
    checkOffsets(channelOffsets, channelValues.length, "channels", sourceFile);
    checkOffsets(aliasOffsets, aliasValues.length, "aliases", sourceFile);
    checkSortedDistinct(systemTable, "system", sourceFile);
    checkSortedDistinct(channelTable, "channel", sourceFile);
    for (int v = 0; v < n; v++) {
      String id = ids[v];
      if (id == null || id.isEmpty()) {
        throw bad(sourceFile, v, "node id is empty");
      }
      if (names[v] == null || names[v].isEmpty()) {
        throw bad(sourceFile, v, "node '" + id + "' has an empty name");
      }
      if (versions[v] == null) {
        throw bad(sourceFile, v, "node '" + id + "' has a null version");
      }
      int system = systemOf[v];
      if (system < 0 || system >= systemTable.length) {
        throw bad(sourceFile, v, "node '" + id + "' has system #" + system + ", out of range");
      }
      int previousChannel = -1;
      for (int p = channelOffsets[v]; p < channelOffsets[v + 1]; p++) {
        int ch = channelValues[p];
        if (ch <= previousChannel || ch >= channelTable.length) {
          throw bad(
              sourceFile,
              v,
              "channels of node '" + id + "' are out of range, unsorted or repeated");
        }
        previousChannel = ch;
      }
      for (int p = aliasOffsets[v]; p < aliasOffsets[v + 1]; p++) {
        if (aliasValues[p] == null) {
          throw bad(sourceFile, v, "node '" + id + "' has a null alias");
        }
      }
      if (status[v] < 0 || status[v] >= NodeStatus.values().length) {
        throw bad(sourceFile, v, "node '" + id + "' has status #" + status[v]);
      }
      double s = buildSeconds[v];
      if (!Double.isNaN(s) && (s < 0 || Double.isInfinite(s))) {
        throw bad(sourceFile, v, "node '" + id + "': buildSeconds must be >= 0, got " + s);
      }
      float u = unchangedProbability[v];
      if (!Float.isNaN(u) && (u < 0 || u > 1)) {
        throw bad(sourceFile, v, "node '" + id + "': unchangedProbability not in [0, 1]: " + u);
      }
      if (sizeBytes[v] < -1) {
        throw bad(sourceFile, v, "node '" + id + "': sizeBytes must be >= 0 or absent");
      }
    }
    checkAllUsed(systemTable, systemOf, "system", sourceFile);
    checkAllUsed(channelTable, channelValues, "channel", sourceFile);
    extras.check(n, sourceFile);
  }

  /**
   * Checks CSR offsets: they start at 0, never decrease and end at {@code length}.
   *
   * @throws InputException naming {@code sourceFile} (and the node where they decrease)
   */
  static void checkOffsets(int[] offsets, int length, String what, String sourceFile) {
    if (offsets[0] != 0 || offsets[offsets.length - 1] != length) {
      throw new InputException(
          sourceFile,
          null,
          what
              + " offsets must run from 0 to "
              + length
              + ", found "
              + offsets[0]
              + " to "
              + offsets[offsets.length - 1]);
    }
    for (int v = 0; v + 1 < offsets.length; v++) {
      if (offsets[v + 1] < offsets[v]) {
        throw bad(sourceFile, v, what + " offsets decrease");
      }
    }
  }

  private static void checkSortedDistinct(String[] table, String what, String sourceFile) {
    for (int i = 0; i < table.length; i++) {
      if (table[i] == null || (i > 0 && table[i - 1].compareTo(table[i]) >= 0)) {
        throw new InputException(
            sourceFile, null, what + " table is not sorted and distinct at entry " + i);
      }
    }
  }

  private static void checkAllUsed(String[] table, short[] refs, String what, String sourceFile) {
    boolean[] used = new boolean[table.length];
    int count = 0;
    for (short r : refs) {
      if (!used[r]) {
        used[r] = true;
        count++;
      }
    }
    if (count != table.length) {
      for (int i = 0; i < table.length; i++) {
        if (!used[i]) {
          throw new InputException(
              sourceFile, null, what + " '" + table[i] + "' is listed but no node has it");
        }
      }
    }
  }

  static InputException bad(String sourceFile, int node, String problem) {
    return new InputException(sourceFile, "node #" + (node + 1), problem);
  }

  /** A rough count of the heap these columns retain, in bytes (arrays and distinct strings). */
  long retainedBytes() {
    long b = 8L * buildSeconds.length + status.length + 8L * sizeBytes.length;
    b += 4L * unchangedProbability.length + 2L * systemOf.length;
    b += 4L * channelOffsets.length + 2L * channelValues.length + 4L * aliasOffsets.length;
    b += stringBytes(ids) + stringBytes(names) + stringBytes(versions) + stringBytes(aliasValues);
    if (extras.binaryValues() != null) {
      b += 4L * extras.binaryOffsets().length + stringBytes(extras.binaryValues());
    }
    if (extras.featureValues() != null) {
      b += 4L * extras.featureOffsets().length + stringBytes(extras.featureValues());
    }
    for (CsrGraph r : extras.relations().values()) {
      b += r.retainedBytes();
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
}
