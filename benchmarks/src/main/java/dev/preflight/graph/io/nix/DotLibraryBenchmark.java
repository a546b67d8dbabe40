package dev.preflight.graph.io.nix;

import dev.preflight.bench.Forked;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jgrapht.nio.dot.DOTEventDrivenImporter;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 15 item 6: Preflight's DOT lexer and parser against jgrapht-io's ANTLR-generated importer
 * ({@link DOTEventDrivenImporter}, the graph-free variant, so neither side builds a JGraphT graph).
 * Input: a {@code nix-store --query --graph} shaped file of 40,000 derivations and ~300,000
 * reference edges, generated in {@code @Setup} with a fixed seed. Both sides collect node ids,
 * {@code label} attributes and edges. The decision and numbers are in docs/benchmarks.md.
 *
 * <p>Run (from the repository root):
 *
 * <pre>
 * ./mvnw -B -q -o -pl benchmarks -am package -DskipTests &amp;&amp; java -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' org.openjdk.jmh.Main DotLibraryBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s
 * </pre>
 *
 * The cold start (class loading and, for jgrapht-io, ANTLR's ATN deserialization) on a 10-node
 * file, one call in each of 10 fresh JVMs: append {@code -p nodes=10 -bm ss -f 10 -wi 0 -i 1}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DotLibraryBenchmark extends Forked {
  static final int MEAN_INPUTS = 7;
  static final long SEED = 20261206L;

  /** Derivations in the file; {@code -p nodes=10 -bm ss -f 10 -wi 0 -i 1} measures a cold start. */
  @Param({"40000"})
  public int nodes;

  String dot;

  @Setup(Level.Trial)
  public void setup() {
    dot = nixStoreDot(nodes, MEAN_INPUTS, SEED);
  }

  /** A DOT text as {@code nix-store --query --graph} prints it (src/nix-store/dotgraph.cc). */
  static String nixStoreDot(int nodes, int meanInputs, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String[] ids = new String[nodes];
    String alphabet = "0123456789abcdfghijklmnpqrsvwxyz";
    for (int v = 0; v < nodes; v++) {
      StringBuilder h = new StringBuilder();
      for (int i = 0; i < 32; i++) {
        h.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      ids[v] = h + "-pkg" + v + "-1." + (v % 13) + ".drv";
    }
    StringBuilder sb = new StringBuilder(nodes * 600).append("digraph G {\n");
    for (int v = 0; v < nodes; v++) {
      sb.append('"')
          .append(ids[v])
          .append("\" [label = \"")
          .append(ids[v], 33, ids[v].length())
          .append("\", shape = box, style = filled, fillcolor = \"#ff0000\"];\n");
      int k = v == 0 ? 0 : r.nextInt(2 * meanInputs + 1);
      for (int e = 0; e < k; e++) {
        int u = r.nextInt(v);
        sb.append('"')
            .append(ids[u])
            .append("\" -> \"")
            .append(ids[v])
            .append("\" [color = \"black\"];\n");
      }
    }
    return sb.append("}\n").toString();
  }

  @Benchmark
  public DotParser.Graph handwritten() throws IOException {
    return new DotParser(new DotLexer(new StringReader(dot))).parse();
  }

  /** What the importer gives: ids in first-appearance order, labels, edges as id pairs. */
  @Benchmark
  public int jgraphtIo() {
    Map<String, Integer> index = new HashMap<>();
    List<String> labels = new ArrayList<>();
    List<int[]> edges = new ArrayList<>();
    DOTEventDrivenImporter importer = new DOTEventDrivenImporter();
    importer.addVertexConsumer(
        id -> {
          if (index.putIfAbsent(id, index.size()) == null) {
            labels.add(null);
          }
        });
    importer.addVertexAttributeConsumer(
        (p, a) -> {
          if (p.getSecond().equals("label")) {
            labels.set(index.get(p.getFirst()), a.getValue());
          }
        });
    importer.addEdgeConsumer(
        e ->
            edges.add(
                new int[] {
                  index.computeIfAbsent(e.getFirst(), k -> index.size()),
                  index.computeIfAbsent(e.getSecond(), k -> index.size())
                }));
    importer.importInput(new StringReader(dot));
    return edges.size() + labels.size();
  }
}
