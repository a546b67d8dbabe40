package dev.preflight.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.testing.Graphs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The distribution machinery on a local Spark session shared by the whole class. */
final class SparkDistributorTest {
  private static SparkRuntime spark;
  private static Path sparkTemp;

  @BeforeAll
  static void startSpark() {
    spark = SparkRuntime.start(SparkRuntime.Options.defaults().withMaster("local[2]"));
    sparkTemp = spark.tempDir();
  }

  @AfterAll
  static void stopSpark() throws java.io.IOException {
    spark.close();
    try (java.util.stream.Stream<Path> left = Files.list(sparkTemp)) {
      assertEquals(List.of(), left.toList(), "Spark's temporary folder is emptied on close");
    }
  }

  private static Map<String, PackageGraph> graphs() {
    Map<String, PackageGraph> m = new LinkedHashMap<>();
    m.put("dag", Graphs.random(300, 2.5, false, 1));
    m.put("cyclic", Graphs.random(200, 3.0, true, 2));
    return m;
  }

  /** (label, node) pairs: every node of both graphs, interleaved. */
  private static List<String[]> inputs(Map<String, PackageGraph> graphs) {
    List<String[]> in = new ArrayList<>();
    for (int v = 0; v < 300; v++) {
      for (String label : graphs.keySet()) {
        if (v < graphs.get(label).nodeCount()) {
          in.add(new String[] {label, Integer.toString(v)});
        }
      }
    }
    return in;
  }

  /** Per input: label, id and dependent count of the node, read through the graph source. */
  private static final SliceTask<String[], String> DESCRIBE =
      (slice, source) -> {
        List<String> out = new ArrayList<>();
        for (String[] in : slice) {
          PackageGraph g = source.graph(in[0]);
          int v = Integer.parseInt(in[1]);
          out.add(in[0] + ":" + g.id(v) + ":" + g.dependentCount(v));
        }
        return out;
      };

  private static <I> List<List<I>> cut(List<I> inputs, int slices) {
    return Slices.cut(inputs, slices);
  }

  @Test
  void session_uiOffAndDriverOnLocalhost() {
    assertTrue(spark.session().sparkContext().uiWebUrl().isEmpty(), "UI off");
    assertEquals("localhost", spark.session().conf().get("spark.driver.host"));
    assertEquals(
        spark.tempDir().resolve("local").toString(),
        spark.session().sparkContext().getConf().get("spark.local.dir"));
  }

  @Test
  void run_sameAnswersAndOrderAsTheLocalLoop() {
    Map<String, PackageGraph> graphs = graphs();
    List<String[]> inputs = inputs(graphs);
    SparkDistributor sparkEngine = new SparkDistributor(spark.session());
    List<List<String[]>> slices = cut(inputs, sparkEngine.defaultSlices(inputs.size()));
    long[] weights = Slices.sizes(slices);

    List<String> viaSpark =
        sparkEngine.run(
            "describe", graphs, slices, weights, DESCRIBE, dev.preflight.graph.Progress.NONE);
    List<String> viaLoop =
        new LocalDistributor()
            .run("describe", graphs, slices, weights, DESCRIBE, dev.preflight.graph.Progress.NONE);

    assertEquals(inputs.size(), viaSpark.size());
    assertEquals(viaLoop, viaSpark);
    assertEquals("dag:n0:" + graphs.get("dag").dependentCount(0), viaSpark.get(0));
  }

  @Test
  void run_withoutDriverGraphs_decodesEachGraphOncePerJvm() {
    Map<String, PackageGraph> graphs = graphs();
    List<String[]> inputs = inputs(graphs);
    List<List<String[]>> slices = cut(inputs, 16);
    int before = GraphCache.decodedCount();

    List<String> out =
        new SparkDistributor(spark.session(), false)
            .run(
                "describe",
                graphs,
                slices,
                Slices.sizes(slices),
                DESCRIBE,
                dev.preflight.graph.Progress.NONE);

    assertEquals(2, GraphCache.decodedCount() - before, "one decode per graph, not per task");
    assertEquals(
        new LocalDistributor()
            .run(
                "describe",
                graphs,
                slices,
                Slices.sizes(slices),
                DESCRIBE,
                dev.preflight.graph.Progress.NONE),
        out);
  }

  @Test
  void run_progressCountsEveryRowOnce_byTheTimeRunReturns() throws InterruptedException {
    Map<String, PackageGraph> graphs = graphs();
    List<String[]> inputs = inputs(graphs);
    List<List<String[]>> slices = cut(inputs, 10);
    RecordingProgress progress = new RecordingProgress();

    new SparkDistributor(spark.session())
        .run("describe", graphs, slices, Slices.sizes(slices), DESCRIBE, progress);

    // No waiting: task-end events still on Spark's listener bus are settled from the results.
    assertEquals(inputs.size(), progress.total.get());
    assertEquals(inputs.size(), progress.done.get());
    assertEquals(1, progress.starts.get());
    assertEquals(1, progress.finishes.get());
    Thread.sleep(200); // late events, if any, arrive now: they must count nothing
    assertEquals(inputs.size(), progress.done.get());
    assertEquals(0, progress.advancesAfterDone.get());
  }

  @Test
  void run_inputExceptionInATask_reachesTheCallerUnchanged() {
    SliceTask<String, String> failing =
        (slice, source) -> {
          throw new InputException("rows.jsonl", "line 3", "bad row");
        };
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                new SparkDistributor(spark.session())
                    .run(
                        "fail",
                        graphs(),
                        List.of(List.of("x")),
                        new long[] {1},
                        failing,
                        dev.preflight.graph.Progress.NONE));
    assertEquals("rows.jsonl:line 3: bad row", e.getMessage());
  }

  @Test
  void run_bugInATask_rethrownWithItsRootCause() {
    SliceTask<String, String> failing =
        (slice, source) -> {
          throw new IllegalStateException("invariant broken");
        };
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                new SparkDistributor(spark.session())
                    .run(
                        "fail",
                        graphs(),
                        List.of(List.of("x")),
                        new long[] {1},
                        failing,
                        dev.preflight.graph.Progress.NONE));
    assertEquals("invariant broken", e.getMessage());
  }

  /** Spark reads the batch Parquet file's list column as an array of strings. */
  @Test
  void parquetOutput_readBySpark_listColumnIsAnArrayOfStrings(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    java.nio.file.Path f = dir.resolve("out.parquet");
    OutputFormat.PARQUET.write(OutputFormatTest.listTable(), f);
    var df = spark.session().read().parquet(f.toString());
    org.junit.jupiter.api.Assertions.assertEquals(
        org.apache.spark.sql.types.DataTypes.createArrayType(
            org.apache.spark.sql.types.DataTypes.StringType, true),
        df.schema().apply("changed").dataType());
    var rows = df.orderBy("id").collectAsList();
    org.junit.jupiter.api.Assertions.assertEquals(
        java.util.List.of("zlib", "a;b"), rows.get(0).getList(1));
    org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), rows.get(1).getList(1));
    org.junit.jupiter.api.Assertions.assertTrue(rows.get(2).isNullAt(1));
  }
}
