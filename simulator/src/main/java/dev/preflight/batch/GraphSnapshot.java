package dev.preflight.batch;

import dev.preflight.graph.GraphMetadata;
import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * <p>Size: about 12 bytes per node and 4 bytes per edge before compression, plus the strings;
 * encoding and decoding are linear. Immutable and thread-safe.
 */
public final class GraphSnapshot implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int MAGIC = 0x50464753; // "PFGS"
  private static final int VERSION = 1;

  private final byte[] bytes;
  private final String hash;
  private final int nodeCount;

  private GraphSnapshot(byte[] bytes, String hash, int nodeCount) {
    this.bytes = bytes;
    this.hash = hash;
    this.nodeCount = nodeCount;
  }

  /** Encodes {@code graph} (linear time; allocates one record per node while encoding). */
  public static GraphSnapshot of(PackageGraph graph) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 + 16 * graph.nodeCount());
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try (DataOutputStream out =
        new DataOutputStream(new DeflaterOutputStream(buffer, deflater, 1 << 16))) {
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
      List<String> systems = graph.systems();
      writeStrings(out, systems);
      for (int v = 0; v < n; v++) {
        NodeRecord r = graph.record(v);
        writeString(out, r.id());
        // Most names equal the id's name part; still written in full: simple beats clever here.
        writeString(out, r.name());
        writeString(out, r.version());
        out.writeShort(graph.systemIndex(v));
        out.writeDouble(r.buildSeconds());
        out.writeByte(r.lastStatus().ordinal());
        out.writeLong(r.sizeBytes());
        out.writeDouble(r.unchangedProbability());
        writeStrings(out, r.channels());
        writeStrings(out, r.aliases());
      }
      out.writeInt(graph.edgeCount());
      for (int v = 0; v < n; v++) {
        int start = graph.inputsStart(v);
        int end = graph.inputsEnd(v);
        out.writeInt(end - start);
        for (int p = start; p < end; p++) {
          out.writeInt(graph.input(p));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    } finally {
      deflater.end();
    }
    byte[] bytes = buffer.toByteArray();
    return new GraphSnapshot(bytes, sha256(bytes), graph.nodeCount());
  }

  /** The graph these bytes describe, rebuilt (linear time). */
  public PackageGraph decode() {
    try (DataInputStream in =
        new DataInputStream(
            new java.io.BufferedInputStream(
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
      PackageGraphBuilder b =
          PackageGraph.builder()
              .restoreMetadata(
                  new GraphMetadata(source, selfLoops, merged, unresolved, properties));
      int n = in.readInt();
      List<String> systems = readStrings(in);
      NodeStatus[] statuses = NodeStatus.values();
      for (int v = 0; v < n; v++) {
        String id = readString(in);
        String name = readString(in);
        String version = readString(in);
        String system = systems.get(in.readShort());
        double seconds = in.readDouble();
        NodeStatus status = statuses[in.readByte()];
        long size = in.readLong();
        double unchanged = in.readDouble();
        List<String> channels = readStrings(in);
        List<String> aliases = readStrings(in);
        b.addNode(
            new NodeRecord(
                id, name, version, system, seconds, status, channels, aliases, size, unchanged));
      }
      int edges = in.readInt();
      int seen = 0;
      for (int v = 0; v < n; v++) {
        int k = in.readInt();
        for (int i = 0; i < k; i++) {
          b.addEdge(v, in.readInt());
        }
        seen += k;
      }
      if (seen != edges) {
        throw new IllegalStateException("snapshot says " + edges + " edges, holds " + seen);
      }
      PackageGraph g = b.build();
      if (g.nodeCount() != nodeCount || g.edgeCount() != edges) {
        throw new IllegalStateException("decoded graph differs in size from the snapshot");
      }
      return g;
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt graph snapshot " + hash, e);
    }
  }

  /** SHA-256 of the encoded bytes, in hex: equal graphs have equal hashes. */
  public String hash() {
    return hash;
  }

  public int nodeCount() {
    return nodeCount;
  }

  /** Size of the compressed encoding in bytes. */
  public int sizeBytes() {
    return bytes.length;
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
    return "GraphSnapshot[" + nodeCount + " nodes, " + bytes.length + " bytes, " + hash + "]";
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
