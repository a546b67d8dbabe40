package dev.preflight.cli;

import dev.preflight.batch.BatchContext;
import dev.preflight.batch.BatchGraphs;
import dev.preflight.batch.BatchJob;
import dev.preflight.batch.BatchResult;
import dev.preflight.batch.BatchRow;
import dev.preflight.batch.BatchTable;
import dev.preflight.batch.ChangesInput;
import dev.preflight.batch.Distributor;
import dev.preflight.batch.LocalDistributor;
import dev.preflight.batch.OutputFormat;
import dev.preflight.batch.ProfileRow;
import dev.preflight.batch.ResultTable;
import dev.preflight.batch.SampleChanges;
import dev.preflight.batch.SignalStop;
import dev.preflight.batch.SparkDistributor;
import dev.preflight.batch.SparkRuntime;
import dev.preflight.graph.InputException;
import dev.preflight.graph.Names;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import dev.preflight.impact.Policy;
import dev.preflight.report.Fmt;
import dev.preflight.settings.Settings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code preflight batch}: many changes over one or several graphs, each row answered by the same
 * engines as the single-change commands, distributed over Apache Spark (local mode by default) or
 * run in one JVM loop ({@code --engine local}).
 */
@Command(
    name = "batch",
    mixinStandardHelpOptions = true,
    subcommands = BatchCommand.Sample.class,
    description = {
      "Answer many what-ifs at once, distributed over Apache Spark.",
      "One output row per input change (its impact per system"
          + " and kernel, labels, depth; its cost on a cluster; with --history its expected new"
          + " failures). Spark runs in local mode unless --master names a cluster.",
      "",
      "Input rows, JSON lines: {\"id\": \"...\", \"changes\": [\"name\", ...], \"policy\":"
          + " \"transitive\", \"graph\": \"label\"} (id and changes required); or CSV with a"
          + " header naming the same columns, changes separated by ';'.",
      "Rows whose names are unknown get an error column listing the closest names;"
          + " --strict fails the run instead."
    },
    footer = {
      "",
      "Examples:",
      "  preflight batch --changes fixtures/batch/changes.jsonl -o out.csv",
      "  preflight batch --changes prs.csv --graph main=unstable.json \\",
      "      --graph stable=2411.json --master local[2] -o out.parquet",
      "  preflight batch --changes prs.jsonl --engine local -o out.arrow",
      "  preflight batch --changes prs.jsonl --pin debhelper,gcc-12 -o pinned.csv"
    })
final class BatchCommand implements Callable<Integer> {
  // Batch-wide: every graph of the batch is pinned (names resolve in each graph on its own).
  @Mixin PinOptions pinOptions;

  // Long form only: -c means --change NAME on every other command.
  @Option(
      names = "--changes",
      paramLabel = "FILE",
      description = "Input rows (required): .jsonl/.ndjson (JSON lines) or .csv.")
  Path changes;

  @Mixin GraphListOption graphs;

  @Mixin PolicyOption policyOption;

  @Mixin ClusterOptions clusterOptions;

  @Option(
      names = "--history",
      paramLabel = "FILE",
      description =
          "Build history CSV (id,seconds,status,finishedAt): observed durations, and the"
              + " expectedNewFailures column.")
  Path historyFile;

  @Mixin SettingsOption settingsOption;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Output file (required): .csv, .arrow (.feather) or .parquet; one file, written"
              + " atomically.")
  Path output;

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      defaultValue = "spark",
      description = "spark (default) or local (one JVM loop, no Spark: the baseline).")
  String engine;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "Spark master: local[*] (default), local[N], spark://host:7077, yarn, k8s://...")
  String master;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "0",
      description = "Slices to cut the rows into (default: 8 per Spark core, 64 locally).")
  int partitions;

  @Option(names = "--spark-ui", description = "Start Spark's web UI (off by default).")
  boolean sparkUi;

  @Option(names = "--strict", description = "Fail (exit 2) if any row names an unknown package.")
  boolean strict;

  @Spec CommandSpec spec;

  @Option(
      names = "--profile",
      description =
          "Instead of changes: the impact profile of every node of every graph (rows graph,"
              + " name, system, rebuildCount, directDependents).")
  boolean profile;

  @Override
  public Integer call() {
    try {
      return answer();
    } catch (Interrupted e) {
      if (e.stop.claimReport()) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(e.getMessage());
        err.flush();
      }
      return e.stop.exitCode();
    }
  }

  private int answer() {
    if ((changes == null && !profile) || output == null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--changes (or --profile) and -o are required");
    }
    if (changes != null && profile) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--changes and --profile exclude each other");
    }
    OutputFormat format = OutputFormat.forPath(output);
    Engine chosen = Engine.parse(engine);
    if (chosen == Engine.LOCAL && (master != null || sparkUi)) {
      throw InputException.of("--master and --spark-ui need --engine spark");
    }
    Policy named = policyOption.parsed();
    String defaultPolicy = named == null ? null : named.label();
    Settings settings = settingsOption.settings();
    BatchContext context =
        BatchContext.of(settings, clusterOptions.load(settings.cost()), historyFile);
    Progress progress = TerminalProgress.forStderr();

    long t0 = System.nanoTime();
    BatchGraphs batchGraphs = loadGraphs(progress).withPins(pinOptions.pins);
    List<BatchRow> rows =
        profile
            ? List.of()
            : ChangesInput.read(changes, batchGraphs, defaultPolicy, p -> Policy.parse(p).label());
    Timing timing = new Timing();
    timing.load = System.nanoTime() - t0;

    ResultTable table;
    long errors = 0;
    if (profile) {
      List<ProfileRow> result =
          distribute(
              chosen,
              timing,
              progress,
              d -> BatchJob.profile(batchGraphs, d, partitions, progress));
      table = BatchTable.profile(result, batchGraphs.pinNames());
    } else {
      List<BatchResult> results =
          distribute(
              chosen,
              timing,
              progress,
              d -> BatchJob.run(batchGraphs, rows, context, d, partitions, progress));
      if (strict) {
        BatchJob.requireNoErrors(rows, results, changes.toString());
      }
      errors = results.stream().filter(r -> !r.ok()).count();
      table = BatchTable.of(results, context.hasHistory(), batchGraphs.pinNames());
    }
    long t1 = System.nanoTime();
    format.write(table, output);
    timing.write = System.nanoTime() - t1;
    report(table.rows().size(), timing, errors);
    return ExitCodes.OK;
  }

  /** Wall-clock phases of a run, for the summary line (and the benchmark). */
  private static final class Timing {
    long load;
    long sparkStart;
    long answer;
    long write;
    String where;
  }

  private <T> T distribute(
      Engine chosen, Timing timing, Progress progress, Function<Distributor, T> work) {
    if (chosen == Engine.LOCAL) {
      timing.where = "local loop";
      long t = System.nanoTime();
      T result = work.apply(new LocalDistributor());
      timing.answer = System.nanoTime() - t;
      return result;
    }
    boolean verbose = PreflightCommand.verbose(spec.commandLine());
    SparkRuntime.Options options =
        new SparkRuntime.Options(master, sparkUi, verbose, "preflight batch");
    long s = System.nanoTime();
    // Handlers first: a Ctrl-C while Spark starts is a clean stop too.
    try (SignalStop stop = SignalStop.install()) {
      // Spark's start-up (3-8 s in a fresh JVM) is a phase of its own, not a batch stuck at 0 rows.
      progress.start(master == null ? "starting Spark" : "starting Spark (" + master + ")", -1);
      SparkRuntime started;
      try {
        started = SparkRuntime.start(options);
      } finally {
        progress.done();
      }
      try (SparkRuntime spark = started) {
        spark.cancelJobsOn(stop);
        timing.sparkStart = System.nanoTime() - s;
        timing.where = "spark " + spark.session().sparkContext().master();
        long t = System.nanoTime();
        T result = null;
        RuntimeException failure = null;
        if (stop.interruptedBy() == null) {
          try {
            result = work.apply(new SparkDistributor(spark.session()));
          } catch (RuntimeException e) {
            failure = e;
          }
        }
        if (stop.interruptedBy() != null) {
          throw new Interrupted(stop);
        }
        if (failure != null) {
          throw failure;
        }
        timing.answer = System.nanoTime() - t;
        return result;
      }
    }
  }

  /**
   * SIGINT or SIGTERM stopped the Spark run ({@link SignalStop}), carried out of the command to
   * {@link #call}: by then the session is stopped and its temporary files deleted; the staged
   * output is deleted since the exit code is neither 0 nor 1.
   */
  static final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient SignalStop stop;

    Interrupted(SignalStop stop) {
      super(stop.message(), null, false, false);
      this.stop = stop;
    }
  }

  private void report(int rowCount, Timing t, long errors) {
    PrintWriter err = spec.commandLine().getErr();
    double answer = t.answer / 1e9;
    err.printf(
        Locale.ROOT,
        "preflight: %,d rows -> %s (%s; load %.1f s, %sanswer %.1f s = %,.0f rows/s, write %.1f"
            + " s)%n",
        rowCount,
        output,
        t.where,
        t.load / 1e9,
        t.sparkStart > 0 ? Fmt.format("spark start %.1f s, ", t.sparkStart / 1e9) : "",
        answer,
        rowCount / Math.max(answer, 1e-9),
        t.write / 1e9);
    if (errors > 0) {
      err.printf(
          Locale.ROOT,
          "preflight: %,d rows name unknown packages (see the error column; --strict fails"
              + " instead)%n",
          errors);
    }
    err.flush();
  }

  private BatchGraphs loadGraphs(Progress progress) {
    Map<String, PackageGraph> loaded = new LinkedHashMap<>();
    String bundled = GraphListOption.stem(DefaultGraph.path());
    for (Map.Entry<String, Path> e : graphs.labelled(bundled, BatchGraphs::checkLabel).entrySet()) {
      loaded.put(e.getKey(), GraphFormat.load(e.getValue(), graphs.format.name, progress));
    }
    return new BatchGraphs(loaded);
  }

  /** Where the rows are answered. */
  enum Engine {
    SPARK,
    LOCAL;

    static Engine parse(String name) {
      for (Engine e : values()) {
        if (e.name().equalsIgnoreCase(name.strip())) {
          return e;
        }
      }
      throw Names.unknown("--engine", name, Completions.ENGINES);
    }
  }

  /** {@code preflight batch sample}: a reproducible changes file to try the batch with. */
  @Command(
      name = "sample",
      mixinStandardHelpOptions = true,
      description = {
        "Write a seeded sample changes file (JSON lines) over a graph: every package changed"
            + " once per round in a seeded order, 15%% together with its most specific input,"
            + " 1%% under a stale name, 10%% direct and 5%% local policy."
      },
      footer = {
        "",
        "Examples:",
        "  preflight batch sample --rows 1000 --seed 1 -o fixtures/batch/changes.jsonl",
        "  (the command that made fixtures/batch/changes.jsonl)"
      })
  static final class Sample implements Callable<Integer> {
    @picocli.CommandLine.Mixin GraphOptions graphOptions;

    @Option(
        names = "--rows",
        paramLabel = "N",
        defaultValue = "0",
        description = "Rows to write (default: one per package name).")
    int rows;

    @Option(
        names = "--seed",
        paramLabel = "S",
        defaultValue = "1",
        description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @picocli.CommandLine.Mixin OutputOption output;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      if (rows < 0 || rows > SampleChanges.MAX_ROWS) {
        throw InputException.of(
            Fmt.format("--rows must be between 0 and %,d, got %d", SampleChanges.MAX_ROWS, rows));
      }
      PackageGraph g = graphOptions.load(TerminalProgress.forStderr());
      output.target(spec).writeText(SampleChanges.jsonLines(g, rows, seed));
      return ExitCodes.OK;
    }
  }
}
