package dev.preflight.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.history.History;
import dev.preflight.history.HistoryFile;
import dev.preflight.report.RiskFormat;
import dev.preflight.report.RiskView;
import dev.preflight.report.question.RiskQuestion;
import dev.preflight.settings.Settings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code preflight risk}: which rebuilt packages are newly at risk, how many new failures to
 * expect, and which builds to run first (DESIGN.md §4). The rebuild set comes from the impact
 * engine; the model, the sampling plan and the estimator from {@code dev.preflight.risk}.
 */
@Command(
    name = "risk",
    mixinStandardHelpOptions = true,
    description = {
      "What a change is likely to break, and which builds to run first.",
      "Splits the rebuild set into newly at risk (previously green), already broken (previously"
          + " red) and unknown; predicts the number of new failures with an interval; lists the"
          + " riskiest packages with reasons; says which builds to run first to find failures (risk"
          + " per CPU-hour) and which random sample to build to measure the breakage rate."
    },
    footer = {
      "",
      "History and --observed files are CSV with the header id,seconds,status,finishedAt",
      "(status: success, failed, dependency-failed, timeout, cached-failure, aborted;",
      "finishedAt: ISO-8601 or epoch seconds).",
      "",
      "Examples:",
      "  preflight risk --change openssl",
      "  preflight risk --graph fixtures/sample/nixpkgs-sample.json --change openssl \\",
      "      --history fixtures/history/nixpkgs-sample-history.csv",
      "  preflight risk --change zlib --sample-builds 5 --format json",
      "  preflight risk --change zlib --pin debhelper",
      "  preflight risk --change zlib --observed results.csv"
    })
final class RiskCommand implements Callable<Integer> {
  @Mixin DefiniteSubjectOptions subject;

  @Mixin HistoryOption historyOption;

  @Option(
      names = "--confidence",
      paramLabel = "C",
      description = "Confidence of intervals (default from settings: 0.95).")
  Double confidence;

  @Option(
      names = "--margin",
      paramLabel = "E",
      description = "Target half-width of the breakage-rate estimate (default: 0.05).")
  Double margin;

  @Option(
      names = "--budget-hours",
      paramLabel = "H",
      description = "CPU-hours to spend: sizes the sample and the build-first list.")
  Double budgetHours;

  @Option(
      names = "--sample-builds",
      paramLabel = "K",
      description = "Number of sample builds (instead of sizing them for --margin).")
  Integer sampleBuilds;

  @Mixin OldSamplesOption oldSamples;

  @Option(
      names = "--observed",
      paramLabel = "FILE",
      description = "Results of builds already run (CSV): prints the stratified estimate.")
  Path observed;

  @Option(
      names = "--top",
      paramLabel = "N",
      description = "Rows of the riskiest-packages list, 0 for none (default: 10).")
  Integer top;

  @Option(
      names = "--list",
      description = "Also list the rebuilt nodes of each class (JSON key 'lists').")
  boolean list;

  @Mixin FormatOption formatOption;

  @Mixin SettingsOption settingsOption;

  @Mixin OutputOption output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws JsonProcessingException {
    RiskFormat fmt = RiskFormat.byName(formatOption.format);
    Settings all = settingsOption.settings();
    RiskQuestion.Request request =
        new RiskQuestion.Request(
            subject.change.spec(),
            subject.pins.pins,
            subject.policy.policy,
            confidence,
            margin,
            budgetHours,
            oldSamples.or(sampleBuilds, "risk", "--sample-builds", spec.commandLine().getErr()),
            top,
            list,
            null,
            null);
    request.check(all);
    Progress progress = TerminalProgress.forStderr();
    PackageGraph g = subject.graph.load(progress);
    History hist = historyOption.read(History.empty());
    History obs = observed == null ? null : HistoryFile.read(observed);
    RiskView view =
        RiskQuestion.answer(
            g, request.withFiles(hist, obs), ChangeNotes.env(all, null, 1, progress, spec));
    output.target(spec).writeText(fmt.render(view));
    return ExitCodes.OK;
  }
}
