package dev.preflight.graph;

import java.util.Map;

/**
 * The one content hash of a {@link PackageGraph}: 64 bits over everything it holds (metadata,
 * nodes, attributes, edges, extras), in node order. The Arrow file stores it in its schema metadata
 * and checks it on reading (Arrow IPC has no checksum of its own, and a flipped byte inside a
 * string or number buffer still loads); the batch snapshot ({@code batch.GraphSnapshot}) is keyed
 * by it, so the same graph has the same key however it was loaded.
 *
 * <p>Each value is mixed by MurmurHash3's 64-bit finalizer {@code fmix64} (the shifts by 33 and the
 * two multipliers of aappleby/smhasher, {@code src/MurmurHash3.cpp}) and folded into the state with
 * a rotation and a multiply by the golden-ratio constant (SplitMix64's gamma, {@code
 * java.util.SplittableRandom}); a string enters as its length and {@link String#hashCode}, which
 * the graph's indexes compute anyway. (Earlier comments called the mixer SplitMix64's finalizer;
 * the constants are fmix64's. The values are unchanged, so files keep their hashes.) Not
 * cryptographic: it detects corruption and tells graphs apart, it does not resist an adversary.
 * O(nodes + edges). Stateless and thread-safe.
 */
public final class ContentHash {
  private long state = 0x9E3779B97F4A7C15L;

  private ContentHash() {}

  /** The content hash of {@code g}; {@link PackageGraph#contentHash()} caches it. */
  static long of(PackageGraph g) {
    ContentHash h = new ContentHash();
    GraphMetadata m = g.metadata();
    h.add(m.source()).add(m.selfLoopsDropped()).add(m.duplicateEdgesMerged());
    h.add(m.unresolved().size());
    for (String u : m.unresolved()) {
      h.add(u);
    }
    h.add(m.properties().size());
    for (Map.Entry<String, String> e : m.properties().entrySet()) {
      h.add(e.getKey()).add(e.getValue());
    }
    h.add(g.nodeCount());
    // The lists are hashed from the columns' arrays, in the order and with the values the
    // accessors (channels, aliases, binaries, requiredFeatures) return, without making a list per
    // node: the hash is checked on every graph read, on a short command's critical path.
    NodeColumns c = g.columns();
    int[] channelOffsets = c.channelOffsets();
    short[] channelValues = c.channelValues();
    String[] channelTable = c.channelTable();
    int[] aliasOffsets = c.aliasOffsets();
    String[] aliasValues = c.aliasValues();
    for (int v = 0; v < g.nodeCount(); v++) {
      h.add(g.id(v)).add(g.name(v)).add(g.version(v)).add(g.system(v));
      h.add(Double.doubleToLongBits(g.buildSeconds(v)));
      h.add(g.lastStatus(v).ordinal());
      h.add(g.sizeBytes(v));
      h.add(Float.floatToIntBits((float) g.unchangedProbability(v)));
      h.add(channelOffsets[v + 1] - channelOffsets[v]);
      for (int p = channelOffsets[v]; p < channelOffsets[v + 1]; p++) {
        h.add(channelTable[channelValues[p]]);
      }
      h.addSlice(aliasOffsets, aliasValues, v);
      h.addRow(g, v);
    }
    // The extras only when present, so that a graph without them hashes as in format version 1.
    NodeExtras x = g.extras();
    if (!x.isEmpty()) {
      for (int v = 0; v < g.nodeCount(); v++) {
        h.addSlice(x.binaryOffsets(), x.binaryValues(), v);
        h.addSlice(x.featureOffsets(), x.featureValues(), v);
        h.add(g.isFixedOutput(v) ? 1 : 0);
      }
      for (Map.Entry<String, CsrGraph> e : x.relations().entrySet()) {
        h.add(e.getKey());
        CsrGraph r = e.getValue();
        for (int v = 0; v < r.nodeCount(); v++) {
          h.addRow(r, v);
        }
      }
    }
    return h.state;
  }

  /** {@code hash} as 16 lower-case hex digits, as files and reports show it. */
  public static String hex(long hash) {
    return String.format(java.util.Locale.ROOT, "%016x", hash);
  }

  private ContentHash add(long x) {
    long z = x + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    state = Long.rotateLeft(state ^ z ^ (z >>> 33), 29) * 0x9E3779B97F4A7C15L;
    return this;
  }

  private ContentHash add(String s) {
    return add(((long) s.length() << 32) | (s.hashCode() & 0xFFFFFFFFL));
  }

  /**
   * Values {@code offsets[v]} to {@code offsets[v + 1]}, as {@link NodeExtras#slice} lists them.
   */
  private void addSlice(int[] offsets, String[] values, int v) {
    if (offsets == null) {
      add(0);
      return;
    }
    add(offsets[v + 1] - offsets[v]);
    for (int p = offsets[v]; p < offsets[v + 1]; p++) {
      add(values[p]);
    }
  }

  private void addRow(DependencyGraph g, int v) {
    add(g.inputsEnd(v) - g.inputsStart(v));
    for (int p = g.inputsStart(v); p < g.inputsEnd(v); p++) {
      add(g.input(p));
    }
  }
}
