package dev.preflight.bench;

import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.ArrowGraphFormat;
import dev.preflight.graph.io.GraphFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
      "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
      "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
      "-Dio.netty.tryReflectionSetAccessible=true"
    })
public class GraphLoadBenchmark {
  static final int NODES = 40_000;
  static final double MEAN_INPUTS = 7.5;
  static final long SEED = 20261122L;

  private static final String[] SYSTEMS = {
    "aarch64-darwin", "aarch64-linux", "x86_64-darwin", "x86_64-linux"
  };
  private static final String[] CHANNELS = {"nixos-small", "nixos-unstable", "release-blocking"};
  private static final String[] SYLLABLES = {
    "lib", "py", "gtk", "qt", "x", "z", "curl", "ssl", "perl", "rust", "go", "node", "font", "gnu",
    "sql", "ml", "cpp", "dev", "util", "core", "io", "net", "tk", "kit", "pkg", "bz", "xml", "json"
  };
  private static final String BASE32 = "0123456789abcdfghijklmnpqrsvwxyz";

  @Param({"arrow", "arrow-zstd", "json", "tsv"})
  public String format;

  private Path dir;
  private Path input;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    PackageGraph g = nixLike(NODES, MEAN_INPUTS, SEED);
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

  /**
   * A nixpkgs-like graph: {@code /nix/store/<hash>-<name>-<version>.drv} ids, four systems,
   * log-normal build times, a few channels and aliases; each node needs about {@code meanInputs}
   * distinct lower-numbered nodes, skewed towards the first ones (the popular libraries).
   */
  static PackageGraph nixLike(int n, double meanInputs, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    PackageGraphBuilder b = PackageGraph.builder().description("synthetic nixpkgs-like graph");
    b.property("seed", Long.toString(seed));
    char[] hash = new char[32];
    for (int v = 0; v < n; v++) {
      String name =
          SYLLABLES[r.nextInt(SYLLABLES.length)]
              + SYLLABLES[r.nextInt(SYLLABLES.length)]
              + (r.nextInt(3) == 0 ? "-" + SYLLABLES[r.nextInt(SYLLABLES.length)] : "")
              + (v % 7 == 0 ? "" : Integer.toString(v % 1000));
      String version = r.nextInt(10) + "." + r.nextInt(30) + "." + r.nextInt(12);
      for (int i = 0; i < hash.length; i++) {
        hash[i] = BASE32.charAt(r.nextInt(32));
      }
      NodeStatus status =
          r.nextInt(20) == 0
              ? NodeStatus.RED
              : r.nextInt(10) == 0 ? NodeStatus.UNKNOWN : NodeStatus.GREEN;
      b.addNode(
          new NodeRecord(
              "/nix/store/" + new String(hash) + "-" + name + "-" + version + ".drv",
              name,
              version,
              SYSTEMS[r.nextInt(SYSTEMS.length)],
              r.nextInt(20) == 0 ? Double.NaN : Math.exp(3.3 + 1.5 * gaussian(r)),
              status,
              r.nextInt(10) == 0 ? List.of(CHANNELS[r.nextInt(CHANNELS.length)]) : List.of(),
              r.nextInt(30) == 0 ? List.of(name + "Packages." + name) : List.of(),
              r.nextInt(4) == 0 ? -1 : (long) Math.exp(10 + 2 * gaussian(r)),
              r.nextInt(50) == 0 ? 0.5 : Double.NaN));
    }
    int[] chosen = new int[(int) (2 * meanInputs) + 2];
    for (int v = 1; v < n; v++) {
      int degree = Math.min(v, (int) Math.round(meanInputs * 2 * r.nextDouble()));
      int k = 0;
      while (k < degree) {
        double u = r.nextDouble();
        int t = (int) (v * u * u * u);
        boolean repeated = false;
        for (int i = 0; i < k; i++) {
          repeated |= chosen[i] == t;
        }
        if (!repeated) {
          chosen[k++] = t;
        }
      }
      Arrays.sort(chosen, 0, k);
      for (int i = 0; i < k; i++) {
        b.addEdge(v, chosen[i]);
      }
    }
    return b.build();
  }

  private static double gaussian(SplittableRandom r) {
    // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
    double u = 1 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
