package dev.preflight.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.report.CostFormat;
import dev.preflight.report.CostView;
import dev.preflight.report.question.CostQuestion;
import dev.preflight.report.question.Env;
import dev.preflight.settings.Settings;
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

  @Mixin ChangeOptions changeOptions;

  @Mixin DefinitePolicyOption policyOption;

  @Option(names = "--all", description = "Rebuild every node (a full archive rebuild).")
  boolean all;

  @Mixin ClusterOptions clusterOptions;

  @Mixin ScheduleOptions scheduleOptions;

  @Mixin HistoryOption history;

  @Option(names = "--fail-red", description = "Builds that were RED last time fail again.")
  boolean failRed;

  @Option(
      names = "--failure-rate",
      paramLabel = "P",
      description = "Every build fails independently with probability P.")
  Double failureRate;

  @Mixin ThreadsOption threadsOption;

  @Mixin SettingsOption settingsOption;

  @Option(
      names = {"-f", "--format"},
      completionCandidates = Completions.TableJsonCsv.class,
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table, json or csv (default: ${DEFAULT-VALUE}).")
  String format;

  @Mixin OutputOption output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws JsonProcessingException {
    CostFormat fmt = CostFormat.byName(format);
    checkOptions();
    Settings settings = settingsOption.settings();
    CostQuestion.Request request =
        new CostQuestion.Request(
            changeOptions.spec(),
            all,
            pinOptions.pins,
            policyOption.policy,
            clusterOptions.spec(),
            scheduleOptions.spec(),
            history.read(null),
            failRed,
            failureRate);
    request.check();
    Progress progress = TerminalProgress.forStderr();
    PackageGraph g = graphOptions.load(progress);
    ExecutorService executor = CostQuestion.parallel(request) ? threadsOption.pool("cost") : null;
    CostView view;
    try {
      view =
          CostQuestion.answer(
              g,
              request,
              new Env(
                  settings,
                  executor,
                  threadsOption.count(),
                  progress,
                  c -> ChangeNotes.report(c, spec.commandLine().getErr())));
    } finally {
      if (executor != null) {
        executor.shutdownNow();
      }
    }
    output.target(spec).writeText(fmt.render(view));
    return ExitCodes.OK;
  }

  private void checkOptions() {
    if (all && changeOptions.given()) {
      throw InputException.of("--all rebuilds every node: drop --change/--changes-file");
    }
    if (!all && !changeOptions.given()) {
      throw InputException.of("name a change (--change, --changes-file) or use --all");
    }
    clusterOptions.check();
    scheduleOptions.check();
    threadsOption.count();
    if (failureRate != null && !(failureRate >= 0 && failureRate <= 1)) {
      throw InputException.of("--failure-rate must be in [0, 1]");
    }
  }
}
