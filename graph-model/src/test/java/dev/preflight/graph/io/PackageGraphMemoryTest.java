package dev.preflight.graph.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.arrow.ArrowGraphFormat;
import java.lang.ref.Reference;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md §1's budget: a 40,000-node / 300,000-edge graph in well under 100 MB of heap. Measured
 * on a graph loaded from the native Arrow format (what every command does), once by the graph's own
 * count of its arrays and strings and once by the JVM's used heap around the load, after full
 * collections. Measured: 40,000 nodes / 298,996 edges with nixpkgs-like store-path ids take 13.8 MB
 * by {@code retainedBytes} and 12.4 MB of heap.
 */
final class PackageGraphMemoryTest {
  private static final long BUDGET = 100L * 1024 * 1024;

  @TempDir Path dir;

  @Test
  void arrowLoaded40kNodeGraph_retainsWellUnder100MB() throws InterruptedException {
    Path f = dir.resolve("big.arrow");
    PackageGraph built = SampleGraphs.nixLike(40_000, 7.5, 2026);
    assertTrue(
        built.edgeCount() > 280_000 && built.edgeCount() < 320_000, "edges " + built.edgeCount());
    ArrowGraphFormat.write(built, f, ArrowGraphFormat.Compression.ZSTD);
    built = null;

    ArrowGraphFormat.read(f, Progress.NONE); // warm up class loading and Arrow's allocator
    long before = usedHeapAfterGc();
    PackageGraph g = ArrowGraphFormat.read(f, Progress.NONE);
    long after = usedHeapAfterGc();
    Reference.reachabilityFence(g);
    long measured = after - before;

    String numbers =
        String.format(
            "nodes %d, edges %d: retainedBytes %.1f MB, heap delta %.1f MB",
            g.nodeCount(), g.edgeCount(), g.retainedBytes() / 1e6, measured / 1e6);
    assertTrue(g.retainedBytes() < BUDGET / 4, numbers);
    assertTrue(measured < BUDGET / 2, numbers);
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(40);
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
