package dev.preflight.bench;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import dev.preflight.graph.io.arrow.ArrowGraphFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading a 40,000-node / ~300,000-edge nixpkgs-like graph from each native format, file to
 * validated {@link PackageGraph} (goal: Arrow under 150 ms warm). The graph is generated in
 * {@code @Setup} with a fixed seed (store-path ids, names, versions, four systems, build times,
 * channels, aliases) and written to a temporary file or directory that is deleted afterwards.
 *
 * <p>{@code arrow} is uncompressed Arrow IPC, {@code arrow-zstd} the ZSTD-compressed file {@code
 * preflight} writes by default, {@code json} the JSON document, {@code tsv} a directory with {@code
 * nodes.tsv} and {@code edges.tsv}.
 *
 * <p>Run (from the repository root):
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests &amp;&amp; java -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' org.openjdk.jmh.Main GraphLoadBenchmark
 * </pre>
 *
 * A smoke run on a shared machine: append {@code -f 1 -wi 2 -i 3 -w 1s -r 1s}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class GraphLoadBenchmark extends Forked {
  static final int NODES = 40_000;
  static final double MEAN_INPUTS = 7.5;
  static final long SEED = 20261122L;

  @Param({"arrow", "arrow-zstd", "json", "tsv"})
  public String format;

  private Path dir;
  private Path input;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    PackageGraph g = BenchGraphs.nixLike(NODES, MEAN_INPUTS, SEED);
    dir = Files.createTempDirectory("preflight-bench-");
    switch (format) {
      case "arrow" -> {
        input = dir.resolve("g.arrow");
        ArrowGraphFormat.write(g, input, ArrowGraphFormat.Compression.NONE);
      }
      case "arrow-zstd" -> {
        input = dir.resolve("g.arrow");
        ArrowGraphFormat.write(g, input, ArrowGraphFormat.Compression.ZSTD);
      }
      case "json" -> {
        input = dir.resolve("g.json");
        GraphFormat.JSON.write(g, input);
      }
      case "tsv" -> {
        input = dir.resolve("g");
        GraphFormat.TSV.write(g, input);
      }
      default -> throw new IllegalArgumentException("unknown format " + format);
    }
    PackageGraph back = load();
    if (back.nodeCount() != g.nodeCount() || back.edgeCount() != g.edgeCount()) {
      throw new IllegalStateException("round trip changed the graph: " + back + " vs " + g);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Benchmark
  public PackageGraph load() {
    return GraphFormat.load(input, null, Progress.NONE);
  }
}
