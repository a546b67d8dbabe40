package dev.preflight.batch;

import dev.preflight.graph.ContentHash;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.io.arrow.ArrowGraphFormat;
import java.io.Serializable;
import java.util.Arrays;
import java.util.UUID;

/**
 * A {@link PackageGraph} as one byte array that Spark can broadcast: the graph's Arrow IPC file
 * ({@link ArrowGraphFormat#toBytes}, ZSTD-compressed), keyed by the graph's one content hash
 * ({@link PackageGraph#contentHash}). Decoding reads the bytes back through the same validating
 * reader as a file ({@link ArrowGraphFormat#fromBytes}), which also checks the content hash, and
 * gives an equal graph (same indexes, attributes, edges, extras and metadata); {@link GraphCache}
 * does that once per JVM and hash. One serialisation and one hash for files and snapshots alike.
 *
 * <p>Why not Java serialisation of the graph: {@code PackageGraph} holds derived indexes (hash
 * tables, the reverse CSR) that are cheaper to rebuild than to ship, and it is deliberately not
 * {@code Serializable} so that Spark never ships one per task by accident. A pinned view ships its
 * edges as they are, without the list of pins (as a file would). Encoding and decoding are linear.
 * Immutable and thread-safe.
 */
public final class GraphSnapshot implements Serializable {
  private static final long serialVersionUID = 2L;

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
    return new GraphSnapshot(
        ArrowGraphFormat.toBytes(graph, ArrowGraphFormat.Compression.ZSTD),
        ContentHash.hex(graph.contentHash()),
        graph.nodeCount());
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
    return ArrowGraphFormat.fromBytes(bytes, "graph snapshot " + hash);
  }

  /** The graph's content hash in hex ({@link ContentHash}): equal graphs have equal hashes. */
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
}
