package dev.preflight.cli;

import dev.preflight.cost.BuildOrder;
import dev.preflight.cost.Cluster;
import dev.preflight.cost.CostAnalysis;
import dev.preflight.cost.CostReport;
import dev.preflight.cost.DurationModel;
import dev.preflight.cost.FailureModel;
import dev.preflight.cost.JobGraph;
import dev.preflight.cost.Scheduler;
import dev.preflight.cost.Workload;
import dev.preflight.graph.InputException;
import dev.preflight.graph.Names;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.history.History;
import dev.preflight.impact.Changes;
import dev.preflight.impact.Policy;
import dev.preflight.report.CostFormat;
import dev.preflight.report.CostTables;
import dev.preflight.report.CostView;
import dev.preflight.settings.CostSettings;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code preflight cost}: time, CPU-hours and money of a rebuild on a build cluster. */
@Command(
    name = "cost",
    mixinStandardHelpOptions = true,
    description = {
      "Simulate a rebuild on a build cluster: makespan, CPU-hours and money.",
      "Also utilization, the critical path and the lower bound, and when each channel is done;"
          + " with --sizes a cost curve over cluster sizes and its knee; with --samples percentiles"
          + " over drawn durations."
    },
    footer = {
      "",
      "Durations: --history, else the graph's buildSeconds, else the size model, else a default",
      "(see README). Without --cluster or --builders: the settings' built-in cluster.",
      "What-ifs without editing the cluster file: --price POOL=AMOUNT/h, --autoscale",
      "POOL=MIN..MAX (or POOL=N fixed machines), --currency CODE.",
      "",
      "Examples:",
      "  preflight cost --change openssl --builders 16 --slots 8",
      "  preflight cost --graph fixtures/sample/nixpkgs-sample.json --all \\",
      "      --cluster fixtures/clusters/hydra-like.json --format json",
      "  preflight cost --change glibc --sizes 1,2,4,8,16 --samples 100",
      "  preflight cost --change zlib --pin debhelper --builders 50",
      "  preflight cost --change zlib --policy direct --order levels",
      "  preflight cost --change zlib --samples 50 --format csv --table samples",
      "  preflight cost --change zlib --format arrow --table utilization -o util.arrow",
      "  preflight cost --graph fixtures/sample/nixpkgs-sample.json --change zlib \\",
      "      --scheduler channel-first --channel nixos-small",
      "  preflight cost --change zlib --price 0.68/h --currency EUR",
      "  preflight cost --graph fixtures/sample/nixpkgs-sample.json --all \\",
      "      --cluster fixtures/clusters/hydra-like.json --autoscale x86_64-linux=8..80"
    })
final class CostCommand implements Callable<Integer> {
  @Mixin ChangeSubjectOptions subject;

  @Mixin DefinitePolicyOption policyOption;

  @Option(names = "--all", description = "Rebuild every node (a full archive rebuild).")
  boolean all;

  @Mixin SimulationOptions simulation;

  @Option(names = "--fail-red", description = "Builds that were RED last time fail again.")
  boolean failRed;

  @Option(
      names = "--failure-rate",
      paramLabel = "P",
      description = "Every build fails independently with probability P.")
  Double failureRate;

  @Mixin FormatOption formatOption;

  @Option(
      names = "--table",
      paramLabel = "NAME",
      description = {
        "csv and arrow: which table (default: curve): curve, summary, pools, utilization,",
        "queue, channels, criticalPath, samples."
      })
  String table;

  @Mixin OutputOption output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    CostFormat fmt = CostFormat.byName(formatOption.format);
    checkOptions();
    if (table != null && fmt != CostFormat.CSV && fmt != CostFormat.ARROW) {
      throw InputException.of(
          "--table goes with --format csv or arrow, not " + formatOption.format);
    }
    if (table != null && !CostTables.NAMES.contains(table)) {
      throw Names.unknown("--table", table, CostTables.NAMES);
    }
    if (fmt == CostFormat.ARROW && output.file == null) {
      throw InputException.of("--format arrow is binary: name an output file with -o");
    }
    CostSettings s = simulation.settings.settings().cost();
    Scheduler named = simulation.schedule.scheduler();
    BuildOrder asked = simulation.schedule.order();
    Progress progress = TerminalProgress.forStderr();
    PackageGraph g = subject.pins.apply(subject.graph.load(progress));
    Scheduler sched = named != null ? named : Scheduler.defaultFor(g.metadata(), s.scheduler());

    Changes changed = null;
    Policy pol = null;
    JobGraph jobs;
    BuildOrder ord;
    if (all) {
      ord = asked != null ? asked : BuildOrder.defaultFor(g.metadata(), null);
      jobs = JobGraph.all(g, ord);
    } else {
      pol = policyOption.resolve(g, "cost");
      changed = subject.change.resolve(g, spec.commandLine().getErr());
      ord = asked != null ? asked : BuildOrder.defaultFor(g.metadata(), pol);
      int[] members = pol.rebuildSet(g, changed.nodes()).nodes();
      jobs = JobGraph.of(g, members, ord, pol.orderGraph(g, changed.nodes(), members));
    }
    History history = simulation.history.read(null);
    Workload w = Workload.of(jobs, DurationModel.estimate(g, history, s), s);
    Cluster cluster = simulation.cluster.load(s);
    List<Integer> curveSizes = simulation.schedule.sizes(cluster);
    FailureModel failures = FailureModel.none();
    if (failRed) {
      failures = FailureModel.previouslyRed(g);
    }
    if (failureRate != null) {
      failures = failures.orWorse(FailureModel.uniform(g.nodeCount(), failureRate));
    }
    CostAnalysis.Request request =
        new CostAnalysis.Request(
            w,
            cluster,
            sched,
            simulation.schedule.channels(),
            failures,
            curveSizes,
            simulation.schedule.samples,
            simulation.schedule.seed(s.seed()),
            asked == null);
    ExecutorService executor =
        curveSizes.isEmpty() && simulation.schedule.samples == 0
            ? null
            : simulation.threads.pool("cost");
    CostReport report;
    try {
      report = CostAnalysis.analyze(request, s, executor, progress);
    } finally {
      if (executor != null) {
        executor.shutdownNow();
      }
    }
    boolean failuresOn = failRed || failureRate != null;
    fmt.write(
        new CostView(report, pol, changed, g.pinNames(), failuresOn, !curveSizes.isEmpty()),
        table,
        output.target(spec));
    return ExitCodes.OK;
  }

  private void checkOptions() {
    if (all && subject.change.given()) {
      throw InputException.of("--all rebuilds every node: drop --change/--changes-file");
    }
    if (!all && !subject.change.given()) {
      throw InputException.of("name a change (--change, --changes-file) or use --all");
    }
    simulation.check();
    if (failureRate != null && !(failureRate >= 0 && failureRate <= 1)) {
      throw InputException.of("--failure-rate must be in [0, 1]");
    }
  }
}
