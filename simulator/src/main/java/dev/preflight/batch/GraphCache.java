package dev.preflight.batch;

import dev.preflight.graph.PackageGraph;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The graphs this JVM has decoded, keyed by snapshot content hash, so that an executor decodes each
 * graph once however many tasks it runs (never one graph per task). The driver registers the graphs
 * it already holds, so local-mode executors, which share the driver's JVM, decode nothing.
 *
 * <p>Thread-safety: safe for concurrent use; a graph is decoded at most once per hash while it is
 * cached ({@link ConcurrentHashMap#computeIfAbsent}). Entries live until {@link #release} (the
 * driver calls it at the end of a run; executors end with the application).
 */
public final class GraphCache {
  private static final ConcurrentMap<String, PackageGraph> GRAPHS = new ConcurrentHashMap<>();
  private static final AtomicInteger DECODED = new AtomicInteger();

  private GraphCache() {}

  /** The graph of {@code snapshot}: the cached one, or decoded now and cached. */
  public static PackageGraph get(GraphSnapshot snapshot) {
    return GRAPHS.computeIfAbsent(
        snapshot.hash(),
        h -> {
          DECODED.incrementAndGet();
          return snapshot.decode();
        });
  }

  /** Makes {@code graph}, which {@code snapshot} encodes, available without decoding. */
  static void register(GraphSnapshot snapshot, PackageGraph graph) {
    GRAPHS.putIfAbsent(snapshot.hash(), graph);
  }

  /** Forgets the graph of {@code snapshot} in this JVM. */
  static void release(GraphSnapshot snapshot) {
    GRAPHS.remove(snapshot.hash());
  }

  /** How many snapshots this JVM has decoded so far (tests check "once per JVM"). */
  static int decodedCount() {
    return DECODED.get();
  }
}
