package dev.preflight.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.preflight.cli.report.CostFormat;
import dev.preflight.cli.report.CostView;
import dev.preflight.cli.report.OutputTarget;
import dev.preflight.cost.BuildOrder;
import dev.preflight.cost.Cluster;
import dev.preflight.cost.ClusterFormat;
import dev.preflight.cost.CostAnalysis;
import dev.preflight.cost.CostReport;
import dev.preflight.cost.DurationModel;
import dev.preflight.cost.FailureModel;
import dev.preflight.cost.JobGraph;
import dev.preflight.cost.Scheduler;
import dev.preflight.cost.Workload;
import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.history.History;
import dev.preflight.history.HistoryFile;
import dev.preflight.impact.ChangeResolver;
import dev.preflight.impact.Changes;
import dev.preflight.impact.Policy;
import dev.preflight.settings.CostSettings;
import dev.preflight.settings.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
      "",
      "Examples:",
      "  preflight cost --change openssl --builders 16 --slots 8",
      "  preflight cost --graph fixtures/sample/nixpkgs-sample.json --all \\",
      "      --cluster fixtures/clusters/hydra-like.json --format json",
      "  preflight cost --change glibc --sizes 1,2,4,8,16 --samples 100",
      "  preflight cost --change zlib --pin debhelper --builders 50",
      "  preflight cost --change zlib --policy direct --order levels",
      "  preflight cost --graph fixtures/sample/nixpkgs-sample.json --change zlib \\",
      "      --scheduler channel-first --channel nixos-small"
    })
final class CostCommand implements Callable<Integer> {
  @Mixin GraphOptions graphOptions;

  @Mixin PinOptions pinOptions;

  @Option(
      names = {"-c", "--change"},
      paramLabel = "NAME",
      arity = "1..*",
      split = ",",
      description = "Changed packages: ids, names, name.system, aliases or globs.")
  List<String> changes = new ArrayList<>();

  @Option(
      names = "--changes-file",
      paramLabel = "FILE",
      description = "A file of changes, one per line; # starts a comment.")
  Path changesFile;

  @Option(
      names = {"-p", "--policy"},
      completionCandidates = Completions.DefinitePolicies.class,
      paramLabel = "POLICY",
      description =
          "transitive, direct, local, binnmu or static "
              + "(default: the graph's own: binnmu for a Debian graph, transitive otherwise).")
  String policy;

  @Option(names = "--all", description = "Rebuild every node (a full archive rebuild).")
  boolean all;

  @Option(
      names = "--cluster",
      paramLabel = "FILE",
      description = "Cluster file: .json, .yaml/.yml, or a Nix machines file.")
  Path clusterFile;

  @Option(
      names = "--cluster-format",
      paramLabel = "FORMAT",
      description = "json, yaml or machines, when the extension does not say it.")
  String clusterFormat;

  @Option(
      names = "--builders",
      paramLabel = "N",
      description = "Shorthand cluster: N machines building every system (at most 100,000).")
  Integer builders;

  @Option(
      names = "--slots",
      paramLabel = "S",
      description =
          "Build slots (maxJobs) per machine of the shorthand, at most 1,024 (default from settings).")
  Integer slots;

  @Option(
      names = "--scheduler",
      completionCandidates = Completions.Schedulers.class,
      paramLabel = "NAME",
      description =
          "hydra, hydra-critical-path, hydra-legacy, fifo, critical-path or channel-first"
              + " (default from settings: hydra).")
  String scheduler;

  @Option(
      names = "--order",
      completionCandidates = Completions.BuildOrders.class,
      paramLabel = "ORDER",
      description =
          "Which builds wait for which: dependencies, levels or independent (default: independent"
              + " for a Debian round, else dependencies).")
  String order;

  @Option(
      names = "--channel",
      paramLabel = "NAME",
      split = ",",
      description = "channel-first: the channels to finish first (default: all).")
  List<String> channels = new ArrayList<>();

  @Option(
      names = "--sizes",
      paramLabel = "N,N,...",
      split = ",",
      description = "Cost curve: scale every pool's machine counts by each of these factors.")
  List<Integer> sizes = new ArrayList<>();

  @Option(
      names = "--samples",
      paramLabel = "K",
      defaultValue = "0",
      description = "Monte Carlo runs with log-normal duration draws (p50/p90), at most 100,000.")
  int samples;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of duration and failure draws (default from settings: 1).")
  Long seed;

  @Option(
      names = "--history",
      paramLabel = "FILE",
      description = "Build history CSV: id,seconds,status,finishedAt.")
  Path historyFile;

  @Option(names = "--fail-red", description = "Builds that were RED last time fail again.")
  boolean failRed;

  @Option(
      names = "--failure-rate",
      paramLabel = "P",
      description = "Every build fails independently with probability P.")
  Double failureRate;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads for --sizes and --samples (default: cores).")
  Integer threads;

  @Option(
      names = "--settings",
      paramLabel = "FILE",
      description = "Settings overriding the built-in defaults (same shape as defaults.json).")
  Path settingsFile;

  @Option(
      names = {"-f", "--format"},
      completionCandidates = Completions.TableJsonCsv.class,
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table, json or csv (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE instead of stdout.")
  Path output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws JsonProcessingException {
    CostFormat fmt = CostFormat.byName(format);
    CostSettings s =
        settingsFile == null ? Settings.defaults().cost() : Settings.load(settingsFile).cost();
    checkOptions();
    Scheduler named = scheduler != null ? Scheduler.byName(scheduler) : null;
    BuildOrder asked = order == null ? null : BuildOrder.byName(order);
    if (!channels.isEmpty() && named != Scheduler.CHANNEL_FIRST) {
      throw InputException.of("--channel only applies to --scheduler channel-first");
    }
    Progress progress = TerminalProgress.forStderr();
    PackageGraph g = pinOptions.apply(graphOptions.load(progress));
    Scheduler sched = named != null ? named : Scheduler.defaultFor(g.metadata(), s.scheduler());

    Changes changed = null;
    Policy pol = null;
    JobGraph jobs;
    BuildOrder ord;
    if (all) {
      ord = asked != null ? asked : BuildOrder.defaultFor(g.metadata(), null);
      jobs = JobGraph.all(g, ord);
    } else {
      pol = Policy.resolve(policy, g);
      if (pol == Policy.CUTOFF) {
        throw InputException.of(
            "the cutoff policy is random; cost takes transitive, direct or local");
      }
      changed =
          ChangeNotes.report(
              new ChangeResolver(g).resolve(changes, changesFile), spec.commandLine().getErr());
      ord = asked != null ? asked : BuildOrder.defaultFor(g.metadata(), pol);
      int[] members = pol.rebuildSet(g, changed.nodes()).nodes();
      jobs = JobGraph.of(g, members, ord, pol.orderGraph(g, changed.nodes(), members));
    }
    History history = historyFile == null ? null : HistoryFile.read(historyFile);
    Workload w = Workload.of(jobs, DurationModel.estimate(g, history, s), s);
    Cluster cluster = cluster(s);
    checkSizes(cluster);
    FailureModel failures = FailureModel.none();
    if (failRed) {
      failures = FailureModel.previouslyRed(g);
    }
    if (failureRate != null) {
      failures = failures.orWorse(FailureModel.uniform(g.nodeCount(), failureRate));
    }
    List<Integer> curveSizes = new ArrayList<>(new TreeSet<>(sizes));
    CostAnalysis.Request request =
        new CostAnalysis.Request(
            w,
            cluster,
            sched,
            new LinkedHashSet<>(channels),
            failures,
            curveSizes,
            samples,
            seed != null ? seed : s.seed(),
            asked == null);
    int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    ExecutorService executor =
        curveSizes.isEmpty() && samples == 0
            ? null
            : Executors.newFixedThreadPool(
                workers,
                r -> {
                  Thread t = new Thread(r, "preflight-cost");
                  t.setDaemon(true);
                  return t;
                });
    CostReport report;
    try {
      report = CostAnalysis.analyze(request, s, executor, progress);
    } finally {
      if (executor != null) {
        executor.shutdownNow();
      }
    }
    boolean failuresOn = failRed || failureRate != null;
    OutputTarget out = new OutputTarget(spec.commandLine().getOut(), output);
    out.writeText(
        fmt.render(
            new CostView(report, pol, changed, g.pinNames(), failuresOn, !curveSizes.isEmpty())));
    return ExitCodes.OK;
  }

  private void checkOptions() {
    if (all && (!changes.isEmpty() || changesFile != null)) {
      throw InputException.of("--all rebuilds every node: drop --change/--changes-file");
    }
    if (!all && changes.isEmpty() && changesFile == null) {
      throw InputException.of("name a change (--change, --changes-file) or use --all");
    }
    if (clusterFile != null && (builders != null || slots != null)) {
      throw InputException.of("--cluster and --builders/--slots exclude each other");
    }
    if (clusterFormat != null && clusterFile == null) {
      throw InputException.of("--cluster-format needs --cluster");
    }
    if (builders != null && builders < 1 || slots != null && slots < 1) {
      throw InputException.of("--builders and --slots must be >= 1");
    }
    if (samples < 0 || samples > CostAnalysis.MAX_SAMPLES) {
      throw InputException.of(
          String.format(
              "--samples must be between 0 and %,d, got %d", CostAnalysis.MAX_SAMPLES, samples));
    }
    if (threads != null && threads < 1) {
      throw InputException.of("--threads must be >= 1");
    }
    for (int size : sizes) {
      if (size < 1) {
        throw InputException.of("--sizes must be whole numbers >= 1, got " + size);
      }
    }
    if (failureRate != null && !(failureRate >= 0 && failureRate <= 1)) {
      throw InputException.of("--failure-rate must be in [0, 1]");
    }
  }

  /** A curve size must keep the scaled cluster within {@link Cluster#MAX_MACHINES}. */
  private void checkSizes(Cluster cluster) {
    for (int size : sizes) {
      if (size > cluster.maxScale()) {
        throw InputException.of(
            String.format(
                "--sizes must be at most %,d for this cluster of %,d machines (%,d machines per"
                    + " cluster at most), got %d",
                cluster.maxScale(), cluster.maxMachines(), Cluster.MAX_MACHINES, size));
      }
    }
  }

  private Cluster cluster(CostSettings s) {
    if (clusterFile != null) {
      return ClusterFormat.load(clusterFile, clusterFormat, s);
    }
    return Cluster.shorthand(
        builders != null ? builders : s.builders(), slots != null ? slots : s.slots(), s);
  }
}
