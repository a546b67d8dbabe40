package dev.preflight.batch;

import dev.preflight.graph.CsrGraph;
import dev.preflight.graph.GraphMetadata;
import dev.preflight.graph.NodeExtras;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * A {@link PackageGraph} as one compressed byte array that Spark can broadcast: every node's
 * attributes in index order, each node's inputs (the forward CSR rows), and the metadata. Decoding
 * rebuilds an equal graph (same indexes, attributes, edges and metadata) through {@link
 * PackageGraphBuilder}; {@link GraphCache} does that once per JVM and content hash.
 *
 * <p>Why not Java serialisation of the graph: {@code PackageGraph} holds derived indexes (hash
 * tables, reverse CSR) that are cheaper to rebuild than to ship, and it is deliberately not {@code
 * Serializable} so that Spark never ships one per task by accident.
 *
 * <p>Layout: the metadata, the system and channel tables, then per node its strings, its numbers
 * and its inputs (the forward CSR row); decoding fills {@link PackageGraphBuilder.Columns} and
 * builds through the validating fast path {@link PackageGraphBuilder#fromColumns}. About 35 bytes
 * per node and 4 per edge before compression, plus the strings; encoding and decoding are linear.
 * Immutable and thread-safe.
 */
public final class GraphSnapshot implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int MAGIC = 0x50464753; // "PFGS"
  private static final int VERSION = 2;

  private final byte[] bytes;
  private final String hash;
  private final int nodeCount;

  private GraphSnapshot(byte[] bytes, String hash, int nodeCount) {
    this.bytes = bytes;
    this.hash = hash;
    this.nodeCount = nodeCount;
  }

  /** Encodes {@code graph} (linear time, no per-node objects). */
  public static GraphSnapshot of(PackageGraph graph) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 + 16 * graph.nodeCount());
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try (DataOutputStream out =
        new DataOutputStream(
            new BufferedOutputStream(
                new DeflaterOutputStream(buffer, deflater, 1 << 16), 1 << 16))) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      GraphMetadata m = graph.metadata();
      writeString(out, m.source());
      out.writeLong(m.selfLoopsDropped());
      out.writeLong(m.duplicateEdgesMerged());
      writeStrings(out, m.unresolved());
      out.writeInt(m.properties().size());
      for (Map.Entry<String, String> e : m.properties().entrySet()) {
        writeString(out, e.getKey());
        writeString(out, e.getValue());
      }
      int n = graph.nodeCount();
      out.writeInt(n);
      out.writeInt(graph.edgeCount());
      writeStrings(out, graph.systems());
      List<String> channelTable = graph.channelNames();
      writeStrings(out, channelTable);
      Map<String, Integer> channelIndex = new HashMap<>();
      for (int i = 0; i < channelTable.size(); i++) {
        channelIndex.put(channelTable.get(i), i);
      }
      for (int v = 0; v < n; v++) {
        writeString(out, graph.id(v));
        writeString(out, graph.name(v));
        writeString(out, graph.version(v));
        out.writeShort(graph.systemIndex(v));
        out.writeDouble(graph.buildSeconds(v));
        out.writeByte(graph.lastStatus(v).ordinal());
        out.writeLong(graph.sizeBytes(v));
        out.writeFloat((float) graph.unchangedProbability(v));
        List<String> channels = graph.channels(v);
        out.writeShort(channels.size());
        for (String c : channels) {
          out.writeShort(channelIndex.get(c));
        }
        writeStrings(out, graph.aliases(v));
        int start = graph.inputsStart(v);
        int end = graph.inputsEnd(v);
        out.writeInt(end - start);
        for (int p = start; p < end; p++) {
          out.writeInt(graph.input(p));
        }
      }
      writeExtras(out, graph);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    } finally {
      deflater.end();
    }
    byte[] bytes = buffer.toByteArray();
    return new GraphSnapshot(bytes, sha256(bytes), graph.nodeCount());
  }

  /**
   * A snapshot that never leaves this JVM: no bytes, a unique key, and {@code graph} registered
   * under it in {@link GraphCache}. Spark's local mode runs executors in the driver's JVM, where
   * encoding (seconds for a million nodes) would buy nothing.
   */
  static GraphSnapshot local(PackageGraph graph) {
    GraphSnapshot s = new GraphSnapshot(null, "jvm-local-" + UUID.randomUUID(), graph.nodeCount());
    GraphCache.register(s, graph);
    return s;
  }

  /** The graph these bytes describe, rebuilt (linear time). */
  public PackageGraph decode() {
    if (bytes == null) {
      throw new IllegalStateException(
          "graph snapshot " + hash + " was made for one JVM and is not cached here");
    }
    try (DataInputStream in =
        new DataInputStream(
            new BufferedInputStream(
                new InflaterInputStream(new ByteArrayInputStream(bytes)), 1 << 16))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        throw new IllegalStateException("not a graph snapshot of version " + VERSION);
      }
      String source = readString(in);
      long selfLoops = in.readLong();
      long merged = in.readLong();
      List<String> unresolved = readStrings(in);
      int propertyCount = in.readInt();
      Map<String, String> properties = new TreeMap<>();
      for (int i = 0; i < propertyCount; i++) {
        properties.put(readString(in), readString(in));
      }
      int n = in.readInt();
      int edges = in.readInt();
      String[] systemTable = readStrings(in).toArray(new String[0]);
      String[] channelTable = readStrings(in).toArray(new String[0]);
      String[] ids = new String[n];
      String[] names = new String[n];
      String[] versions = new String[n];
      short[] systemOf = new short[n];
      double[] seconds = new double[n];
      byte[] status = new byte[n];
      long[] sizes = new long[n];
      float[] unchanged = new float[n];
      int[] channelOffsets = new int[n + 1];
      short[] channelValues = new short[16];
      int[] aliasOffsets = new int[n + 1];
      List<String> aliasValues = new ArrayList<>();
      int[] inputOffsets = new int[n + 1];
      int[] inputTargets = new int[edges];
      Map<String, String> interned = new HashMap<>();
      int cp = 0;
      int ep = 0;
      for (int v = 0; v < n; v++) {
        ids[v] = readString(in);
        names[v] = readString(in);
        versions[v] = interned.computeIfAbsent(readString(in), k -> k);
        systemOf[v] = in.readShort();
        seconds[v] = in.readDouble();
        status[v] = in.readByte();
        sizes[v] = in.readLong();
        unchanged[v] = in.readFloat();
        int channels = in.readShort();
        if (cp + channels > channelValues.length) {
          channelValues = Arrays.copyOf(channelValues, Math.max(cp + channels, cp * 2));
        }
        for (int i = 0; i < channels; i++) {
          channelValues[cp++] = in.readShort();
        }
        channelOffsets[v + 1] = cp;
        aliasValues.addAll(readStrings(in));
        aliasOffsets[v + 1] = aliasValues.size();
        int k = in.readInt();
        if (ep + k > edges) {
          throw new IllegalStateException("snapshot holds more than its " + edges + " edges");
        }
        for (int i = 0; i < k; i++) {
          inputTargets[ep++] = in.readInt();
        }
        inputOffsets[v + 1] = ep;
      }
      if (ep != edges) {
        throw new IllegalStateException("snapshot says " + edges + " edges, holds " + ep);
      }
      GraphMetadata metadata = new GraphMetadata(source, selfLoops, merged, unresolved, properties);
      NodeExtras extras = readExtras(in, n);
      return PackageGraphBuilder.fromColumns(
          new PackageGraphBuilder.Columns(
              inputOffsets,
              inputTargets,
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
              Arrays.copyOf(channelValues, cp),
              aliasOffsets,
              aliasValues.toArray(new String[0]),
              metadata,
              extras),
          "graph snapshot " + hash);
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt graph snapshot " + hash, e);
    }
  }

  /** Version 2: binaries, features, fixed outputs and relations ({@link NodeExtras}). */
  private static void writeExtras(DataOutputStream out, PackageGraph g) throws IOException {
    NodeExtras x = g.extras();
    writeList(out, x.binaryOffsets(), x.binaryValues());
    writeList(out, x.featureOffsets(), x.featureValues());
    boolean[] fixed = x.fixedOutput();
    out.writeBoolean(fixed != null);
    if (fixed != null) {
      for (boolean f : fixed) {
        out.writeBoolean(f);
      }
    }
    out.writeInt(x.relations().size());
    for (Map.Entry<String, CsrGraph> e : x.relations().entrySet()) {
      writeString(out, e.getKey());
      CsrGraph r = e.getValue();
      out.writeInt(r.edgeCount());
      for (int v = 0; v < r.nodeCount(); v++) {
        out.writeInt(r.inputsEnd(v) - r.inputsStart(v));
        for (int p = r.inputsStart(v); p < r.inputsEnd(v); p++) {
          out.writeInt(r.input(p));
        }
      }
    }
  }

  private static void writeList(DataOutputStream out, int[] offsets, String[] values)
      throws IOException {
    out.writeBoolean(offsets != null);
    if (offsets != null) {
      for (int v = 0; v + 1 < offsets.length; v++) {
        writeStrings(out, Arrays.asList(values).subList(offsets[v], offsets[v + 1]));
      }
    }
  }

  private static NodeExtras readExtras(DataInputStream in, int n) throws IOException {
    StringColumn binaries = readList(in, n);
    StringColumn features = readList(in, n);
    boolean[] fixed = null;
    if (in.readBoolean()) {
      fixed = new boolean[n];
      for (int v = 0; v < n; v++) {
        fixed[v] = in.readBoolean();
      }
    }
    int relationCount = in.readInt();
    java.util.SortedMap<String, CsrGraph> relations = new TreeMap<>();
    for (int i = 0; i < relationCount; i++) {
      String name = readString(in);
      int edges = in.readInt();
      int[] offsets = new int[n + 1];
      int[] targets = new int[edges];
      int ep = 0;
      for (int v = 0; v < n; v++) {
        int k = in.readInt();
        if (ep + k > edges) {
          throw new IllegalStateException("snapshot relation " + name + " overflows");
        }
        for (int j = 0; j < k; j++) {
          targets[ep++] = in.readInt();
        }
        offsets[v + 1] = ep;
      }
      relations.put(name, CsrGraph.fromInputs(offsets, targets));
    }
    return new NodeExtras(
        binaries == null ? null : binaries.offsets(),
        binaries == null ? null : binaries.values(),
        features == null ? null : features.offsets(),
        features == null ? null : features.values(),
        fixed,
        relations);
  }

  private record StringColumn(int[] offsets, String[] values) {}

  private static StringColumn readList(DataInputStream in, int n) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    int[] offsets = new int[n + 1];
    List<String> values = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      values.addAll(readStrings(in));
      offsets[v + 1] = values.size();
    }
    return new StringColumn(offsets, values.toArray(new String[0]));
  }

  /** SHA-256 of the encoded bytes, in hex: equal graphs have equal hashes. */
  public String hash() {
    return hash;
  }

  public int nodeCount() {
    return nodeCount;
  }

  /** Size of the compressed encoding in bytes (0 for a JVM-local snapshot). */
  public int sizeBytes() {
    return bytes == null ? 0 : bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GraphSnapshot s && s.hash.equals(hash) && Arrays.equals(s.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "GraphSnapshot[" + nodeCount + " nodes, " + sizeBytes() + " bytes, " + hash + "]";
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void writeStrings(DataOutputStream out, List<String> list) throws IOException {
    out.writeInt(list.size());
    for (String s : list) {
      writeString(out, s);
    }
  }

  private static List<String> readStrings(DataInputStream in) throws IOException {
    int k = in.readInt();
    if (k == 0) {
      return List.of();
    }
    List<String> out = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      out.add(readString(in));
    }
    return out;
  }
}
