package dev.preflight.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.cost.BuildOrder;
import dev.preflight.cost.Cluster;
import dev.preflight.cost.CostAnalysis;
import dev.preflight.cost.CostReport;
import dev.preflight.cost.DurationModel;
import dev.preflight.cost.Durations;
import dev.preflight.cost.FailureModel;
import dev.preflight.cost.JobGraph;
import dev.preflight.cost.Scheduler;
import dev.preflight.cost.Workload;
import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import dev.preflight.graph.testing.Graphs;
import dev.preflight.history.History;
import dev.preflight.history.HistoryFile;
import dev.preflight.impact.ChangeResolver;
import dev.preflight.impact.Changes;
import dev.preflight.impact.ImpactAnalysis;
import dev.preflight.impact.ImpactProfile;
import dev.preflight.impact.ImpactReport;
import dev.preflight.impact.Policy;
import dev.preflight.impact.ProfileEngines;
import dev.preflight.impact.RebuildSet;
import dev.preflight.impact.ReverseClosure;
import dev.preflight.risk.RebuildScope;
import dev.preflight.risk.RiskAnalysis;
import dev.preflight.risk.SamplingPlan;
import dev.preflight.settings.CostSettings;
import dev.preflight.settings.RiskSettings;
import dev.preflight.settings.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code preflight batch} against the single-change engines, row for row, on one local Spark
 * session shared by the class.
 */
final class BatchJobTest {
  private static SparkRuntime spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    spark = SparkRuntime.start(SparkRuntime.Options.defaults().withMaster("local[2]"));
  }

  @AfterAll
  static void stopSpark() {
    spark.close();
  }

  static PackageGraph sample() {
    Path repo = Path.of(System.getProperty("preflight.repo", "."));
    return GraphFormat.load(
        repo.resolve("fixtures/sample/nixpkgs-sample.json"), null, Progress.NONE);
  }

  private static BatchGraphs graphs() {
    Map<String, PackageGraph> m = new LinkedHashMap<>();
    m.put("sample", sample());
    m.put("random", Graphs.random(400, 2.5, true, 5));
    return new BatchGraphs(m);
  }

  private List<BatchRow> rows(BatchGraphs graphs) throws IOException {
    StringBuilder sb = new StringBuilder();
    // Every sample package once (with stale names and mixed policies), then random-graph rows.
    for (String line : SampleChanges.jsonLines(graphs.get("sample"), 60, 7).split("\n")) {
      sb.append(line).append('\n');
    }
    for (String line : SampleChanges.jsonLines(graphs.get("random"), 200, 8).split("\n")) {
      sb.append(
              line.replace("{\"id\":\"c", "{\"graph\":\"random\",\"id\":\"r")
                  .replace("\"local\"", "\"cutoff\""))
          .append('\n');
    }
    Path f = dir.resolve("changes.jsonl");
    Files.writeString(f, sb);
    return ChangesInput.read(f, graphs, "transitive", p -> Policy.parse(p).label());
  }

  /** Few cutoff trials, so that cutoff rows stay cheap. */
  private static final Settings SETTINGS =
      Settings.withOverrides("{\"impact\": {\"cutoffSamples\": 40}}");

  private static final Cluster CLUSTER = Cluster.shorthand(3, 2, SETTINGS.cost());

  /** The context of most tests here: few cutoff trials, a small cluster, no history. */
  private static final BatchContext CONTEXT = BatchContext.of(SETTINGS, CLUSTER, null);

  /**
   * What {@code preflight impact} and {@code preflight cost} (and with a history {@code preflight
   * risk}) compute for one row, as {@code preflight plan} chains them.
   */
  private static BatchResult single(BatchGraphs graphs, BatchRow row, History history) {
    PackageGraph g = graphs.get(row.graph());
    Changes changes;
    try {
      changes = new ChangeResolver(g).resolve(row.changes());
    } catch (InputException e) {
      return BatchResult.failed(row, e.problem());
    }
    Policy policy = Policy.parse(row.policy());
    ImpactReport report =
        new ImpactAnalysis(g, SETTINGS.impact(), null, 1).analyze(changes, policy);
    BatchResult.Cost cost = null;
    Double risk = null;
    if (policy != Policy.CUTOFF) {
      RebuildSet set = new ReverseClosure(g).closure(changes, policy);
      CostSettings cs = SETTINGS.cost();
      Durations durations = DurationModel.estimate(g, history, cs);
      CostReport c =
          CostAnalysis.analyze(
              new CostAnalysis.Request(
                  // As `preflight cost` orders them: the changed packages start the round.
                  Workload.of(
                      JobGraph.of(
                          g,
                          set.nodes(),
                          BuildOrder.defaultFor(g.metadata(), policy),
                          policy.orderGraph(g, changes.nodes(), set.nodes())),
                      durations,
                      cs),
                  CLUSTER,
                  Scheduler.byName(cs.scheduler()),
                  Set.of(),
                  FailureModel.none(),
                  List.of(),
                  0,
                  cs.seed(),
                  true),
              cs,
              null,
              Progress.NONE);
      cost = new BatchResult.Cost(c.makespanSeconds(), c.cpuHours(), c.cost());
      if (history != null) {
        RiskSettings rs = SETTINGS.risk();
        risk =
            RiskAnalysis.run(
                    new RiskAnalysis.Input(
                        g,
                        new RebuildScope(changes.nodes(), set.nodes(), set.distances()),
                        history,
                        durations::point,
                        new SamplingPlan.Request(
                            rs.defaultConfidence(), rs.defaultMargin(), -1, Double.NaN),
                        rs.topN(),
                        null),
                    rs,
                    Progress.NONE)
                .expectedNewFailures();
      }
    }
    return new BatchResult(
        row.seq(),
        row.id(),
        row.graph(),
        row.policy(),
        BatchResult.Impact.of(report),
        cost,
        risk,
        null);
  }

  @Test
  void batch_onSpark_equalsTheSingleChangeEnginesRowForRow() throws IOException {
    BatchGraphs graphs = graphs();
    List<BatchRow> rows = rows(graphs);

    List<BatchResult> results =
        BatchJob.run(
            graphs, rows, CONTEXT, new SparkDistributor(spark.session()), 0, Progress.NONE);

    assertEquals(rows.size(), results.size());
    int errors = 0;
    for (int i = 0; i < rows.size(); i++) {
      BatchResult expected = single(graphs, rows.get(i), null);
      BatchResult actual = results.get(i);
      if (expected.ok()) {
        assertEquals(expected, actual, "row " + rows.get(i));
      } else {
        errors++;
        assertFalse(actual.ok(), "row " + rows.get(i));
        // The batch lists every unknown name; the single command stops at the first.
        assertTrue(actual.error().startsWith(expected.error()), actual.error());
        assertNull(actual.impact());
      }
    }
    assertTrue(errors > 0, "the fixture exercises stale names");
    assertTrue(errors < rows.size() / 10, "and mostly resolvable ones");
    assertTrue(
        results.stream().anyMatch(r -> r.ok() && r.impact().cutoff() != null),
        "and the cutoff policy");
  }

  @Test
  void batch_withHistory_costAndRiskEqualTheSingleChangeEngines() throws IOException {
    Path repo = Path.of(System.getProperty("preflight.repo", "."));
    Path historyFile = repo.resolve("fixtures/history/nixpkgs-sample-history.csv");
    BatchContext context = BatchContext.of(SETTINGS, CLUSTER, historyFile);
    BatchGraphs graphs = BatchGraphs.of("sample", sample());
    Path f = dir.resolve("c.jsonl");
    Files.writeString(f, SampleChanges.jsonLines(graphs.get("sample"), 40, 3));
    List<BatchRow> rows = ChangesInput.read(f, graphs, "transitive", p -> Policy.parse(p).label());

    List<BatchResult> results =
        BatchJob.run(
            graphs, rows, context, new SparkDistributor(spark.session(), false), 0, Progress.NONE);

    History history = HistoryFile.read(historyFile);
    int withRisk = 0;
    for (int i = 0; i < rows.size(); i++) {
      BatchResult expected = single(graphs, rows.get(i), history);
      if (expected.ok()) {
        assertEquals(expected, results.get(i), "row " + rows.get(i));
        withRisk += expected.expectedNewFailures() == null ? 0 : 1;
      }
    }
    assertTrue(withRisk > 30, "risk on most rows");
    assertTrue(
        results.stream().anyMatch(r -> r.ok() && r.expectedNewFailures() > 0),
        "some rows risk new failures");
  }

  @Test
  void context_settingsAndClusterSurviveTheTripToAnExecutor() throws Exception {
    Cluster cluster =
        dev.preflight.cost.ClusterFormat.load(
            Path.of(System.getProperty("preflight.repo", "."))
                .resolve("fixtures/clusters/hydra-like.json"),
            null,
            SETTINGS.cost());
    BatchContext c = BatchContext.of(SETTINGS, cluster, null);
    java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(buffer)) {
      out.writeObject(c);
    }
    BatchContext back;
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(buffer.toByteArray()))) {
      back = (BatchContext) in.readObject();
    }
    assertEquals(cluster, back.cluster());
    assertEquals(SETTINGS, back.settings());
    assertFalse(back.hasHistory());
  }

  @Test
  void batch_sparkAndLocalLoop_giveIdenticalTables() throws IOException {
    BatchGraphs graphs = graphs();
    List<BatchRow> rows = rows(graphs);
    List<BatchResult> viaSpark =
        BatchJob.run(
            graphs, rows, CONTEXT, new SparkDistributor(spark.session(), false), 7, Progress.NONE);
    List<BatchResult> viaLoop =
        BatchJob.run(graphs, rows, CONTEXT, new LocalDistributor(), 0, Progress.NONE);
    assertEquals(viaLoop, viaSpark);
    Path a = dir.resolve("spark.csv");
    Path b = dir.resolve("local.csv");
    OutputFormat.CSV.write(BatchTable.of(viaSpark, false), a);
    OutputFormat.CSV.write(BatchTable.of(viaLoop, false), b);
    assertEquals(Files.readString(b), Files.readString(a));
  }

  @Test
  void batch_withPins_equalsImpactAndCostPinned_locallyAndOnSpark() throws IOException {
    List<String> pins = List.of("stdenv", "python3");
    PackageGraph plain = sample();
    // What impact/cost --pin run on: the graph cut at the resolved pins (PinOptions.apply).
    PackageGraph cut = plain.withPins(new ChangeResolver(plain).resolve(pins).nodes());
    BatchGraphs pinned = BatchGraphs.of("sample", plain).withPins(pins);
    assertEquals(Map.of("sample", List.of("python3", "stdenv")), pinned.pinNames());
    Path f = dir.resolve("c.jsonl");
    Files.writeString(f, SampleChanges.jsonLines(plain, 40, 5));
    List<BatchRow> rows = ChangesInput.read(f, pinned, "transitive", p -> Policy.parse(p).label());

    List<BatchResult> local =
        BatchJob.run(pinned, rows, CONTEXT, new LocalDistributor(), 0, Progress.NONE);
    BatchGraphs expectedGraphs = BatchGraphs.of("sample", cut);
    BatchGraphs unpinned = BatchGraphs.of("sample", plain);
    int changedByPins = 0;
    for (int i = 0; i < rows.size(); i++) {
      BatchRow row = rows.get(i);
      assertEquals(single(expectedGraphs, row, null), local.get(i), "row " + row);
      if (!local.get(i).equals(single(unpinned, row, null))) {
        changedByPins++;
      }
    }
    assertTrue(changedByPins > 0, "the pins change some rows");

    // One small case on Spark, executors decoding the pinned graph's snapshot.
    List<BatchRow> few = rows.subList(0, 12);
    List<BatchResult> viaSpark =
        BatchJob.run(
            pinned, few, CONTEXT, new SparkDistributor(spark.session(), false), 3, Progress.NONE);
    assertEquals(local.subList(0, 12), viaSpark);

    ResultTable table = BatchTable.of(local, false, pinned.pinNames());
    assertEquals("pins", table.columns().get(3).name());
    assertEquals(ResultTable.Type.STRING_LIST, table.columns().get(3).type());
    assertEquals(List.of("python3", "stdenv"), table.rows().get(0)[3]);
    assertFalse(
        BatchTable.of(local, false).columns().stream().anyMatch(c -> c.name().equals("pins")),
        "no pins column without pins");
  }

  @Test
  void withPins_nameUnknownInOneGraph_namesThatGraph() {
    InputException e = assertThrows(InputException.class, () -> graphs().withPins(List.of("zlib")));
    assertTrue(
        e.getMessage().startsWith("--pin (graph 'random'): unknown package 'zlib'"),
        e.getMessage());
  }

  @Test
  void requireNoErrors_namesTheFirstBadRowsLine() throws IOException {
    BatchGraphs graphs = BatchGraphs.of("g", Graphs.graph("a->b"));
    Path f = dir.resolve("c.jsonl");
    Files.writeString(
        f,
        "{\"id\":\"1\",\"changes\":[\"a\"]}\n{\"id\":\"2\",\"changes\":[\"bb\"]}\n"
            + "{\"id\":\"3\",\"changes\":[\"zz\"]}\n");
    List<BatchRow> rows = ChangesInput.read(f, graphs, "transitive", p -> p);
    List<BatchResult> results =
        BatchJob.run(graphs, rows, CONTEXT, new LocalDistributor(), 0, Progress.NONE);
    InputException e =
        assertThrows(
            InputException.class, () -> BatchJob.requireNoErrors(rows, results, f.toString()));
    assertEquals(
        f + ":line 2: unknown package 'bb' (closest: b) (and 1 more rows with errors)",
        e.getMessage());
  }

  /** Nodes that reach {@code v} (itself included), by JGraphT on the reversed view. */
  private static int oracleCount(
      org.jgrapht.Graph<Integer, org.jgrapht.graph.DefaultEdge> reversed, int v) {
    int n = 0;
    for (var it = new org.jgrapht.traverse.BreadthFirstIterator<>(reversed, v); it.hasNext(); ) {
      it.next();
      n++;
    }
    return n;
  }

  @Test
  void profile_onSpark_equalsJGraphTPerNode_inProfileOrder() {
    Map<String, PackageGraph> m = new LinkedHashMap<>();
    m.put("sample", sample());
    m.put("cyclic", Graphs.random(300, 3.0, true, 9));
    BatchGraphs graphs = new BatchGraphs(m);

    List<ProfileRow> rows =
        BatchJob.profile(graphs, new SparkDistributor(spark.session(), false), 0, Progress.NONE);

    int total = 0;
    for (String label : graphs.labels()) {
      PackageGraph g = graphs.get(label);
      // The oracle's own copy from forward edges: the reverse index is what is under test.
      var copy = dev.preflight.graph.testing.ForwardCopy.of(g);
      var reversed = new org.jgrapht.graph.EdgeReversedGraph<>(copy);
      List<String> expected = new java.util.ArrayList<>();
      for (int v = 0; v < g.nodeCount(); v++) {
        expected.add(
            g.name(v)
                + "@"
                + g.system(v)
                + "="
                + oracleCount(reversed, v)
                + "/"
                + copy.inDegreeOf(v));
      }
      List<String> actual = new java.util.ArrayList<>();
      ProfileRow previous = null;
      for (ProfileRow r : rows) {
        if (!r.graph().equals(label)) {
          continue;
        }
        actual.add(
            r.name() + "@" + r.system() + "=" + r.rebuildCount() + "/" + r.directDependents());
        if (previous != null) {
          assertTrue(previous.rebuildCount() >= r.rebuildCount(), "most dangerous first");
        }
        previous = r;
        total++;
      }
      java.util.Collections.sort(expected);
      java.util.Collections.sort(actual);
      assertEquals(expected, actual, label);
    }
    assertEquals(rows.size(), total);
    assertEquals("sample", rows.get(0).graph(), "graphs in their given order");
  }

  @Test
  void profile_onSpark_equalsPreflightImpactProfileRowForRow() {
    PackageGraph g = Graphs.random(600, 3.0, true, 21);
    List<ProfileRow> rows =
        BatchJob.profile(
            BatchGraphs.of("g", g), new SparkDistributor(spark.session(), false), 0, Progress.NONE);
    List<ImpactProfile.Row> single =
        new ImpactAnalysis(g, SETTINGS.impact(), null, 1)
            .profile(ProfileEngines.BITSET, Progress.NONE)
            .rows(g);
    assertEquals(single.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      ImpactProfile.Row e = single.get(i);
      ProfileRow a = rows.get(i);
      assertEquals(
          List.of(e.name(), e.system(), e.rebuildCount(), e.directDependents()),
          List.of(a.name(), a.system(), a.rebuildCount(), a.directDependents()),
          "row " + i);
    }
  }

  @Test
  void profile_sparkAndLocalLoop_identical() {
    BatchGraphs graphs = BatchGraphs.of("g", Graphs.random(500, 2.0, true, 4));
    assertEquals(
        BatchJob.profile(graphs, new LocalDistributor(), 0, Progress.NONE),
        BatchJob.profile(graphs, new SparkDistributor(spark.session()), 5, Progress.NONE));
  }
}
