package dev.preflight.cli;

import dev.preflight.cost.Cluster;
import dev.preflight.graph.InputException;
import dev.preflight.graph.Names;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.history.History;
import dev.preflight.report.OutputTarget;
import dev.preflight.report.PlanFormat;
import dev.preflight.report.PlanReport;
import dev.preflight.report.PlanTables;
import dev.preflight.report.question.PlanQuestion;
import dev.preflight.report.render.Ansi;
import dev.preflight.settings.Settings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code preflight plan}: impact, cost and risk of one change in one report, with a verdict for
 * release coordinators: does the rebuild fit the deadline on this cluster, and if not, the smallest
 * multiple of the cluster that does. The three answers come from the same engines as {@code
 * impact}, {@code cost} and {@code risk}; this command composes them into one {@link PlanReport},
 * which every {@link PlanFormat} renders.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description =
        "Impact, cost and risk of a change in one report, and whether the rebuild fits a"
            + " deadline on the cluster.",
    footer = {
      "",
      "Formats (one result, rendered by each; layouts in the README):",
      "  table  for people: colour only on a terminal and never with NO_COLOR",
      "  json   the summary document, schemaVersion first",
      "  csv    one long table section,key,field,value with every part of the plan,",
      "         so one file loads in pandas or DuckDB; each section pivots on",
      "         key/field. Sections: summary, changed, pin (with --pin), label,",
      "         system, kernel, curve, channel, criticalPath, pool, utilization,",
      "         queue, samples (with --samples), node",
      "  --table NAME  csv or arrow of one rectangular table instead: node, system,",
      "         buildFirst, curve, summary, pools, utilization, queue, channels,",
      "         criticalPath, samples",
      "  arrow  an IPC file (needs -o), one row per rebuilt node: id, name, system,",
      "         distance, durationSeconds, durationSource, startSeconds,",
      "         finishSeconds, criticalPath, riskClass, failureProbability,",
      "         buildFirstRank, sampleRank; the scalars and the json document in",
      "         the schema metadata",
      "  html   one self-contained page with charts and sortable tables",
      "table: the ranked lists show --top rows (default 5); --list adds the full",
      "build-first and sample lists and one row per rebuilt node (json: the node rows).",
      "",
      "Examples:",
      "  preflight plan --change openssl",
      "  preflight plan --change zlib --builders 50 --slots 8 --deadline 48h \\",
      "      --html report.html",
      "  preflight plan --graph fixtures/sample/nixpkgs-sample.json --change glibc \\",
      "      --cluster fixtures/clusters/hydra-like.json",
      "  preflight plan --change zlib --pin debhelper,gcc-12 --deadline 48h",
      "  preflight plan --change curl --deadline 3h --fail-if-deadline-missed",
      "  preflight plan --change zlib --policy direct --format csv > plan.csv",
      "  preflight plan --change zlib --policy direct --order levels",
      "  preflight plan --change zlib --policy direct --format arrow -o plan.arrow",
      "  preflight plan --change zlib --format csv --table utilization",
      "  preflight plan --change zlib --labels",
      "  preflight plan --graph fixtures/sample/nixpkgs-sample.json --change openssl \\",
      "      --cluster fixtures/clusters/hydra-like.json \\",
      "      --autoscale x86_64-linux=4..80 --price darwin=0.5/h"
    })
final class PlanCommand implements Callable<Integer> {
  /** Cluster multiples tried for the verdict and the cost curve ({@link PlanQuestion#SIZES}). */
  static final List<Integer> SIZES = PlanQuestion.SIZES;

  /** The multiples of {@link #SIZES} that keep {@code cluster} within the machine limit. */
  static List<Integer> sizes(Cluster cluster) {
    return PlanQuestion.sizes(cluster);
  }

  @Mixin DefiniteSubjectOptions subject;

  @Mixin SimulationOptions simulation;

  @Option(
      names = "--deadline",
      defaultValue = "24h",
      paramLabel = "DURATION",
      description =
          "Time the rebuild must fit in, with a unit: 90s, 45m, 24h, 2d, 1h30m or ISO-8601"
              + " PT24H (default: ${DEFAULT-VALUE}).")
  String deadline;

  @Option(
      names = {"-f", "--format"},
      defaultValue = "table",
      paramLabel = "FORMAT",
      description = {
        "table, json, csv, markdown, arrow or html (default: ${DEFAULT-VALUE}). markdown: a",
        "pull-request comment; csv: one long table",
        "section,key,field,value; arrow: one row per rebuilt node, the summary in the schema",
        "metadata, needs -o (layouts: README, preflight plan)."
      })
  String format;

  @Option(
      names = "--table",
      paramLabel = "NAME",
      description = {
        "csv and arrow: one rectangular table instead of the default (csv: the long",
        "table; arrow: node): node, system, buildFirst, curve, summary, pools,",
        "utilization, queue, channels, criticalPath, samples."
      })
  String table;

  @Option(
      names = "--list",
      description =
          "table: also the full build-first and sample lists and the per-node rows; json: the"
              + " per-node rows (csv and arrow always have them).")
  boolean list;

  @Option(
      names = "--top",
      paramLabel = "N",
      description =
          "Rows of the ranked lists in the table (riskiest, build first, already broken), 0 for"
              + " none (default: 5, so the plan fits a screen).")
  Integer top;

  @Mixin OutputOption outputOption;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "Also write the report as a self-contained HTML page with charts.")
  Path html;

  @Mixin CiOptions ci;

  @Option(
      names = "--fail-if-deadline-missed",
      description = "Exit 1 when the rebuild does not fit the deadline on the cluster.")
  boolean failIfMissed;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PlanFormat fmt = PlanFormat.byName(format);
    Path output = outputOption.file;
    Map<String, Path> outputs = new LinkedHashMap<>();
    outputs.put("-o", output);
    outputs.put("--html", html);
    Outputs.requireDistinct(outputs);
    if (fmt == PlanFormat.ARROW && output == null && !ci.labelsOnly) {
      throw InputException.of("--format arrow is binary: name an output file with -o");
    }
    if (table != null && fmt != PlanFormat.CSV && fmt != PlanFormat.ARROW) {
      throw InputException.of("--table goes with --format csv or arrow, not " + format);
    }
    if (table != null && !PlanTables.names().contains(table)) {
      throw Names.unknown("--table", table, PlanTables.names());
    }
    PlanQuestion.Request request =
        new PlanQuestion.Request(
            subject.change.spec(),
            subject.pins.pins,
            subject.policy.policy,
            simulation.cluster.spec(),
            simulation.schedule.spec(),
            null,
            deadline,
            top);
    request.check();
    double deadlineSeconds = parseDuration(deadline);
    Settings settings = simulation.settings.settings();
    Progress progress = TerminalProgress.forStderr();
    PackageGraph g = subject.graph.load(progress);
    History riskHistory = simulation.history.read(History.empty());

    ExecutorService executor = simulation.threads.pool("plan");
    PlanReport plan;
    try {
      plan =
          PlanQuestion.answer(
              g,
              request.withHistory(riskHistory),
              ChangeNotes.env(settings, executor, simulation.threads.count(), progress, spec));
    } finally {
      executor.shutdownNow();
    }

    OutputTarget out = new OutputTarget(spec.commandLine().getOut(), output);
    if (ci.labelsOnly) {
      out.writeText(CiOptions.labelsText(plan.impact().labels()));
    } else if (table != null) {
      fmt.writeTable(plan, table, out);
    } else {
      fmt.write(plan, out, output == null ? Ansi.auto() : Ansi.off(), list);
    }
    if (html != null) {
      PlanFormat.HTML.write(
          plan, new OutputTarget(spec.commandLine().getOut(), html), Ansi.off(), false);
    }
    int status = ExitCodes.OK;
    if (!ci.passes(plan.impact().rebuildCount(), spec.commandLine().getErr())) {
      status = ExitCodes.CHECK_FAILED;
    }
    if (failIfMissed && !plan.fits()) {
      spec.commandLine().getErr().printf("preflight: %s%n", plan.missedDeadline());
      status = ExitCodes.CHECK_FAILED;
    }
    spec.commandLine().getErr().flush();
    return status;
  }

  /** Seconds of {@code 90m}, {@code 24h}, {@code 7d}, {@code 3600s} or {@code 3600}. */
  static double parseDuration(String text) {
    return PlanQuestion.parseDuration(text);
  }
}
