package dev.preflight.cli;

import dev.preflight.graph.InputException;
import dev.preflight.graph.Names;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.report.CostFormat;
import dev.preflight.report.CostTables;
import dev.preflight.report.CostView;
import dev.preflight.report.question.CostQuestion;
import dev.preflight.settings.Settings;
import java.io.IOException;
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
  @Mixin DefiniteSubjectOptions subject;

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
    Settings settings = simulation.settings.settings();
    CostQuestion.Request request =
        new CostQuestion.Request(
            subject.change.spec(),
            all,
            subject.pins.pins,
            subject.policy.policy,
            simulation.cluster.spec(),
            simulation.schedule.spec(),
            simulation.history.read(null),
            failRed,
            failureRate);
    request.check();
    Progress progress = TerminalProgress.forStderr();
    PackageGraph g = subject.graph.load(progress);
    ExecutorService executor =
        CostQuestion.parallel(request) ? simulation.threads.pool("cost") : null;
    CostView view;
    try {
      view =
          CostQuestion.answer(
              g,
              request,
              ChangeNotes.env(settings, executor, simulation.threads.count(), progress, spec));
    } finally {
      if (executor != null) {
        executor.shutdownNow();
      }
    }
    fmt.write(view, table, output.target(spec));
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
