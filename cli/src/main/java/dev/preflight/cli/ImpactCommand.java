package dev.preflight.cli;

import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import dev.preflight.impact.ImpactAnalysis;
import dev.preflight.impact.ImpactProfile;
import dev.preflight.impact.ImpactReport;
import dev.preflight.impact.ProfileEngines;
import dev.preflight.impact.SnapshotDiff;
import dev.preflight.report.ImpactFormat;
import dev.preflight.report.ImpactRenderer;
import dev.preflight.report.OutputTarget;
import dev.preflight.report.ProfileArrow;
import dev.preflight.report.question.ImpactQuestion;
import dev.preflight.settings.ImpactSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code preflight impact}: which builds a change triggers, and the impact profile. */
@Command(
    name = "impact",
    mixinStandardHelpOptions = true,
    description = {
      "Which builds a change triggers, per system and kernel, with ofborg labels.",
      "The rebuild set under a propagation policy, counts per system and kernel, ofborg labels"
          + " and the longest rebuild chain; or, with --profile, every node's rebuild count if it"
          + " alone changed."
    },
    footer = {
      "",
      "A change is an id, a name (all systems), name.system or name@system, an alias, a glob",
      "(lib*, python3Packages.*) or a file of them. Unknown names exit 2 with the closest ones.",
      "",
      "Examples:",
      "  preflight impact --change zlib",
      "  preflight impact --change openssl --policy direct --list --format json",
      "  preflight impact --changes-file changes.txt --fail-above 500 --labels",
      "  preflight impact --change zlib --pin debhelper,gcc-12",
      "  preflight impact --before old.json --after new.json",
      "  preflight impact --profile --top 10"
    })
final class ImpactCommand implements Callable<Integer> {
  @Mixin ChangeSubjectOptions subject;

  @Mixin PolicyOption policyOption;

  @Option(names = "--list", description = "Also list the rebuilt packages' names.")
  boolean list;

  @Mixin CiOptions ci;

  @Option(
      names = "--before",
      paramLabel = "FILE",
      description = "Snapshot before the change; with --after, its changed nodes are the change.")
  Path before;

  @Option(
      names = "--after",
      paramLabel = "FILE",
      description = "Snapshot after the change (the graph the closure runs on).")
  Path after;

  @Option(
      names = "--profile",
      description = "Every node's rebuild count if it alone changed, most dangerous first.")
  boolean profile;

  @Option(
      names = "--top",
      paramLabel = "N",
      description =
          "With --profile: only the first N rows, 0 for none (table default 20, others all).")
  Integer top;

  @Mixin CutoffOptions cutoff;

  @Mixin ThreadsOption threadsOption;

  @Mixin SettingsOption settingsOption;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description =
          "table, json, csv or markdown (a pull-request comment); arrow for --profile, with -o"
              + " (default: ${DEFAULT-VALUE}).")
  String format;

  @Mixin OutputOption output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws java.io.IOException {
    ImpactFormat fmt = ImpactFormat.byName(format);
    policyOption.parsed();
    cutoff.check(spec.commandLine().getErr());
    checkOptionCombinations();
    Trace.mark("picocli parse");
    ImpactSettings settings = settingsOption.settings().impact();
    Trace.mark("settings");
    int nThreads = threadsOption.count();
    Progress progress = TerminalProgress.forStderr();
    PackageGraph graph;
    SnapshotDiff diff = null;
    if (after != null) {
      PackageGraph old = GraphFormat.load(before, subject.graph.format.name, progress);
      graph = GraphFormat.load(after, subject.graph.format.name, progress);
      diff = SnapshotDiff.of(old, graph);
    } else {
      graph = subject.graph.load(progress);
    }
    OutputTarget out = output.target(spec);
    ExecutorService executor = nThreads > 1 ? threadsOption.pool("impact") : null;
    try {
      if (profile) {
        graph = subject.pins.apply(graph);
        ImpactAnalysis analysis = new ImpactAnalysis(graph, settings, executor, nThreads);
        ImpactProfile p = analysis.profile(ProfileEngines.BITSET, progress);
        Trace.mark("impact profile");
        int limit = top != null ? top : fmt == ImpactFormat.TABLE ? 20 : graph.nodeCount();
        List<ImpactProfile.Row> rows = p.rows(graph, limit);
        if (fmt == ImpactFormat.ARROW) {
          List<String> pins = graph.pinNames();
          out.writeBinary(stream -> ProfileArrow.write(rows, pins, stream));
        } else {
          out.writeText(
              ImpactRenderer.renderProfile(rows, graph.nodeCount(), fmt, graph.pinNames()));
        }
        return ExitCodes.OK;
      }
      ImpactQuestion.Answer answer =
          ImpactQuestion.answer(
              graph,
              new ImpactQuestion.Request(
                  subject.change.spec(),
                  subject.pins.pins,
                  policyOption.policy,
                  cutoff.trials,
                  cutoff.seed,
                  diff),
              ChangeNotes.env(settingsOption.settings(), executor, nThreads, progress, spec));
      ImpactReport report = answer.report();
      Trace.mark("impact analysis");
      if (ci.labelsOnly) {
        out.writeText(CiOptions.labelsText(report.labels()));
      } else {
        out.writeText(fmt.render(report, answer.graph(), list, settings));
      }
      Trace.mark("render");
      if (!ci.passes(report.rebuildCount(), spec.commandLine().getErr())) {
        spec.commandLine().getErr().flush();
        return ExitCodes.CHECK_FAILED;
      }
      return ExitCodes.OK;
    } finally {
      if (executor != null) {
        executor.shutdownNow();
      }
    }
  }

  private void checkOptionCombinations() {
    if ((before == null) != (after == null)) {
      throw InputException.of("--before and --after go together: name both snapshots");
    }
    if (after != null && subject.graph.graph != null) {
      throw InputException.of(
          "--graph cannot be combined with --before/--after (--after is the graph)");
    }
    if (profile) {
      if (subject.change.given() || after != null) {
        throw InputException.of(
            "--profile covers every node: it takes no --change, --changes-file or --before/--after");
      }
      if (list || ci.labelsOnly || ci.failAbove != null) {
        throw InputException.of(
            "--list, --labels and --fail-above apply to a change, not to --profile");
      }
      if (ImpactFormat.byName(format) == ImpactFormat.MARKDOWN) {
        throw InputException.of("--format markdown is for a change; use table, json, csv or arrow");
      }
      return;
    }
    if (ImpactFormat.byName(format) == ImpactFormat.ARROW) {
      throw InputException.of("--format arrow is for --profile rows; use json or csv for a change");
    }
    if (top != null) {
      throw InputException.of("--top applies to --profile only");
    }
    if (!subject.change.given() && after == null) {
      throw InputException.of(
          "name a change: --change NAME, --changes-file FILE or --before/--after (or use --profile)");
    }
  }
}
