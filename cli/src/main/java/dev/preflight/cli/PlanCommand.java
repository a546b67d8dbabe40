package dev.preflight.cli;

import dev.preflight.cli.render.Html;
import dev.preflight.cost.Cluster;
import dev.preflight.cost.ClusterFormat;
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
import dev.preflight.history.History;
import dev.preflight.history.HistoryFile;
import dev.preflight.impact.ChangeResolver;
import dev.preflight.impact.Changes;
import dev.preflight.impact.ImpactAnalysis;
import dev.preflight.impact.ImpactReport;
import dev.preflight.impact.Policy;
import dev.preflight.impact.RebuildSet;
import dev.preflight.impact.ReverseClosure;
import dev.preflight.risk.RebuildScope;
import dev.preflight.risk.RiskAnalysis;
import dev.preflight.risk.RiskReport;
import dev.preflight.risk.SamplingPlan;
import dev.preflight.settings.CostSettings;
import dev.preflight.settings.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code preflight plan}: impact, cost and risk of one change in one report, with a verdict for
 * release coordinators: does the rebuild fit the deadline on this cluster, and if not, the smallest
 * multiple of the cluster that does. The three answers come from the same engines as {@code
 * impact}, {@code cost} and {@code risk}; this command only composes and renders them.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description =
        "Impact, cost and risk of a change in one report, and whether the rebuild fits a"
            + " deadline on the cluster.",
    footer = {
      "",
      "Examples:",
      "  preflight plan --change openssl",
      "  preflight plan --change zlib --builders 50 --slots 8 --deadline 48h --html report.html",
      "  preflight plan --change glibc --cluster fixtures/clusters/hydra-like.json --format json",
      "  preflight plan --change curl --deadline 6h --fail-if-deadline-missed   # a CI gate"
    })
final class PlanCommand implements Callable<Integer> {
  static final int SCHEMA_VERSION = 1;

  /** Cluster multiples tried for the verdict and the cost curve. */
  static final List<Integer> SIZES = List.of(1, 2, 4, 8, 16, 32, 64);

  @Mixin GraphOptions graphOptions;

  @Option(
      names = {"-c", "--change"},
      paramLabel = "NAME",
      split = ",",
      description = "Changed package: id, name, name.system, alias or glob (repeatable).")
  List<String> changes = new ArrayList<>();

  @Option(names = "--changes-file", paramLabel = "FILE", description = "One change per line.")
  Path changesFile;

  @Option(
      names = "--policy",
      defaultValue = "transitive",
      description = "transitive, direct or local (default: ${DEFAULT-VALUE}).")
  String policy;

  @Option(
      names = "--cluster",
      paramLabel = "FILE",
      description = "Cluster file (JSON/YAML/machines).")
  Path clusterFile;

  @Option(names = "--builders", paramLabel = "N", description = "Shorthand cluster: N builders.")
  Integer builders;

  @Option(names = "--slots", paramLabel = "S", description = "Shorthand cluster: slots each.")
  Integer slots;

  @Option(
      names = "--history",
      paramLabel = "FILE",
      description = "Build history CSV (id,seconds,status,finishedAt): durations and statuses.")
  Path historyFile;

  @Option(
      names = "--deadline",
      defaultValue = "24h",
      paramLabel = "DURATION",
      description =
          "Time the rebuild must fit in: 90m, 24h, 7d, 3600s (default: ${DEFAULT-VALUE}).")
  String deadline;

  @Option(
      names = {"-f", "--format"},
      defaultValue = "table",
      description = "table, json or html (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE instead of stdout.")
  Path output;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "Also write the report as a self-contained HTML page with charts.")
  Path html;

  @Option(
      names = "--fail-if-deadline-missed",
      description = "Exit 1 when the rebuild does not fit the deadline on the cluster.")
  boolean failIfMissed;

  @Spec CommandSpec spec;

  /** Everything the renderers need, computed once. */
  record Plan(
      PackageGraph graph,
      Policy policy,
      Changes changes,
      ImpactReport impact,
      CostReport cost,
      RiskCommand.Context risk,
      double deadlineSeconds,
      boolean fits,
      Integer smallestFittingSize) {}

  @Override
  public Integer call() throws Exception {
    String fmt = format.toLowerCase(Locale.ROOT);
    if (!List.of("table", "json", "html").contains(fmt)) {
      throw InputException.of("unknown --format '" + format + "' (known: table, json, html)");
    }
    if (changes.isEmpty() && changesFile == null) {
      throw InputException.of("name the changed packages with --change or --changes-file");
    }
    if (clusterFile != null && (builders != null || slots != null)) {
      throw InputException.of("--cluster and --builders/--slots exclude each other");
    }
    double deadlineSeconds = parseDuration(deadline);
    Policy pol = Policy.parse(policy);
    if (pol == Policy.CUTOFF) {
      throw InputException.of("plan needs a definite rebuild set: use transitive, direct or local");
    }
    Settings settings = Settings.defaults();
    CostSettings cs = settings.cost();
    Progress progress = TerminalProgress.forStderr();
    PackageGraph g = graphOptions.load(progress);
    Changes resolved = new ChangeResolver(g).resolve(changes, changesFile);
    Cluster cluster =
        clusterFile != null
            ? ClusterFormat.load(clusterFile, null, cs)
            : Cluster.shorthand(
                builders != null ? builders : cs.builders(),
                slots != null ? slots : cs.slots(),
                cs);
    History riskHistory = historyFile == null ? History.empty() : HistoryFile.read(historyFile);

    ExecutorService executor =
        Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(),
            r -> {
              Thread t = new Thread(r, "preflight-plan");
              t.setDaemon(true);
              return t;
            });
    Plan plan;
    try {
      ImpactReport impact =
          new ImpactAnalysis(g, settings.impact(), null, 1).analyze(resolved, pol);
      RebuildSet set = new ReverseClosure(g).closure(resolved, pol);
      Durations durations = DurationModel.estimate(g, riskHistory, cs);
      Workload w = Workload.of(JobGraph.of(g, set.nodes()), durations, cs);
      CostReport cost =
          CostAnalysis.analyze(
              new CostAnalysis.Request(
                  w,
                  cluster,
                  Scheduler.byName(cs.scheduler()),
                  new LinkedHashSet<>(),
                  FailureModel.none(),
                  SIZES,
                  0,
                  cs.seed()),
              cs,
              executor,
              progress);
      var rs = settings.risk();
      RiskReport risk =
          RiskAnalysis.run(
              new RiskAnalysis.Input(
                  g,
                  new RebuildScope(resolved.nodes(), set.nodes(), set.distances()),
                  riskHistory,
                  durations::point,
                  new SamplingPlan.Request(
                      rs.defaultConfidence(), rs.defaultMargin(), -1, Double.NaN),
                  rs.topN(),
                  null),
              rs,
              progress);
      boolean fits = cost.makespanSeconds() <= deadlineSeconds;
      Integer smallest = null;
      for (CostReport.CurvePoint p : cost.curve()) {
        if (p.makespanSeconds() <= deadlineSeconds) {
          smallest = p.size();
          break;
        }
      }
      plan =
          new Plan(
              g,
              pol,
              resolved,
              impact,
              cost,
              new RiskCommand.Context(g, pol, resolved, risk, riskHistory, rs, false),
              deadlineSeconds,
              fits,
              smallest);
    } finally {
      executor.shutdownNow();
    }

    OutputTarget out = new OutputTarget(spec.commandLine().getOut(), output);
    switch (fmt) {
      case "json" -> out.writeText(Json.pretty(toJson(plan)) + "\n");
      case "html" -> out.writeText(html(plan));
      default -> out.writeText(table(plan));
    }
    if (html != null) {
      new OutputTarget(spec.commandLine().getOut(), html).writeText(html(plan));
    }
    if (failIfMissed && !plan.fits()) {
      spec.commandLine()
          .getErr()
          .printf(
              "preflight: the rebuild takes %s, over the %s deadline%n",
              hours(plan.cost().makespanSeconds()), hours(deadlineSeconds));
      return ExitCodes.CHECK_FAILED;
    }
    return ExitCodes.OK;
  }

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([smhd]?)");

  /** Seconds of {@code 90m}, {@code 24h}, {@code 7d}, {@code 3600s} or {@code 3600}. */
  static double parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw InputException.of(
          "--deadline '" + text + "' is not a duration (examples: 90m, 24h, 7d, 3600s)");
    }
    double v = Double.parseDouble(m.group(1));
    double unit =
        switch (m.group(2)) {
          case "m" -> 60;
          case "h" -> 3600;
          case "d" -> 86400;
          default -> 1;
        };
    if (!(v > 0)) {
      throw InputException.of("--deadline must be positive, got '" + text + "'");
    }
    return v * unit;
  }

  static String hours(double seconds) {
    return seconds >= 3600
        ? String.format(Locale.ROOT, "%.1f h", seconds / 3600)
        : String.format(Locale.ROOT, "%.0f min", seconds / 60);
  }

  static String verdictText(Plan p) {
    String took = hours(p.cost().makespanSeconds());
    if (p.fits()) {
      return "fits: the rebuild takes "
          + took
          + " on "
          + p.cost().cluster()
          + ", within the "
          + hours(p.deadlineSeconds())
          + " deadline";
    }
    if (p.smallestFittingSize() != null) {
      CostReport.CurvePoint c =
          p.cost().curve().stream()
              .filter(x -> x.size() == p.smallestFittingSize())
              .findFirst()
              .orElseThrow();
      return String.format(
          Locale.ROOT,
          "does not fit: the rebuild takes %s on %s, over the %s deadline; the smallest cluster"
              + " that fits is %dx this one (%d machines, %d slots): %s, %.2f money units",
          took,
          p.cost().cluster(),
          hours(p.deadlineSeconds()),
          c.size(),
          c.machines(),
          c.slots(),
          hours(c.makespanSeconds()),
          c.cost());
    }
    return "does not fit: the rebuild takes "
        + took
        + " on "
        + p.cost().cluster()
        + ", and even "
        + SIZES.get(SIZES.size() - 1)
        + "x the cluster misses the "
        + hours(p.deadlineSeconds())
        + " deadline (critical path "
        + hours(p.cost().criticalPathSeconds())
        + ")";
  }

  static Map<String, Object> toJson(Plan p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", SCHEMA_VERSION);
    m.put("changed", p.changes().resolvedNames());
    m.put("policy", p.policy().label());
    Map<String, Object> verdict = new LinkedHashMap<>();
    verdict.put("deadlineSeconds", p.deadlineSeconds());
    verdict.put("makespanSeconds", CostCommand.round(p.cost().makespanSeconds(), 3));
    verdict.put("fits", p.fits());
    verdict.put("smallestFittingSize", p.smallestFittingSize());
    verdict.put("text", verdictText(p));
    m.put("verdict", verdict);
    m.put("impact", ImpactCommand.toJson(p.impact(), false, Settings.defaults().impact()));
    m.put("cost", CostCommand.toJson(p.cost(), p.policy(), p.changes(), false, SIZES));
    m.put("risk", RiskCommand.toJson(p.risk()));
    return m;
  }

  static String table(Plan p) {
    StringBuilder sb = new StringBuilder();
    sb.append("VERDICT  ").append(verdictText(p)).append("\n\n");
    sb.append("== Impact ==\n").append(ImpactCommand.table(p.impact(), false)).append('\n');
    sb.append("== Cost ==\n")
        .append(CostCommand.table(p.cost(), p.policy(), p.changes(), false))
        .append('\n');
    sb.append("== Risk ==\n").append(RiskCommand.table(p.risk()));
    return sb.toString();
  }

  static String html(Plan p) {
    Html h = new Html("Preflight plan: " + String.join(", ", p.changes().resolvedNames()));
    h.verdict(verdictText(p), p.fits());
    ImpactReport i = p.impact();
    CostReport c = p.cost();
    RiskReport r = p.risk().report();
    List<String[]> facts = new ArrayList<>();
    facts.add(new String[] {"policy", p.policy().label()});
    facts.add(new String[] {"rebuilds", String.format(Locale.ROOT, "%,d", i.rebuildCount())});
    facts.add(new String[] {"labels", String.join(", ", i.labels())});
    facts.add(new String[] {"makespan", hours(c.makespanSeconds())});
    facts.add(new String[] {"CPU-hours", String.format(Locale.ROOT, "%,.1f", c.cpuHours())});
    facts.add(new String[] {"cost", String.format(Locale.ROOT, "%,.2f", c.cost())});
    facts.add(new String[] {"critical path", hours(c.criticalPathSeconds())});
    facts.add(
        new String[] {
          "expected new failures",
          String.format(
              Locale.ROOT,
              "%.1f (%.0f%% interval %.1f to %.1f)",
              r.expectedNewFailures(),
              100 * r.interval().confidence(),
              r.interval().low(),
              r.interval().high())
        });
    h.heading("Summary").facts(facts);

    h.heading("Impact");
    h.barChart(
        "Rebuilds per system",
        new ArrayList<>(i.bySystem().keySet()),
        i.bySystem().values().stream().map(Integer::doubleValue).toList());

    h.heading("Cost");
    double[] sizes = c.curve().stream().mapToDouble(CostReport.CurvePoint::size).toArray();
    h.lineChart(
        "Makespan (hours) over cluster size (multiples of " + c.cluster() + ")",
        "cluster size",
        "hours",
        sizes,
        List.of(
            new Html.Series(
                "makespan h",
                c.curve().stream().mapToDouble(x -> x.makespanSeconds() / 3600).toArray())));
    h.lineChart(
        "Cost over cluster size",
        "cluster size",
        "cost",
        sizes,
        List.of(
            new Html.Series(
                "cost", c.curve().stream().mapToDouble(CostReport.CurvePoint::cost).toArray())));
    double[] ts = c.utilization().stream().mapToDouble(x -> x.seconds() / 3600).toArray();
    h.lineChart(
        "Utilization over time",
        "hours",
        "busy fraction",
        ts,
        List.of(
            new Html.Series(
                "utilization",
                c.utilization().stream().mapToDouble(CostReport.SeriesPoint::value).toArray())));
    double[] qs = c.queue().stream().mapToDouble(x -> x.seconds() / 3600).toArray();
    h.lineChart(
        "Queue length over time",
        "hours",
        "runnable builds waiting",
        qs,
        List.of(
            new Html.Series(
                "queue", c.queue().stream().mapToDouble(CostReport.SeriesPoint::value).toArray())));
    List<CostReport.PathStep> path = c.criticalPath();
    h.barChart(
        "Critical path (inputs first), minutes per build",
        path.stream().map(CostReport.PathStep::name).toList(),
        path.stream().map(s -> s.seconds() / 60).toList());
    List<List<String>> channelRows = new ArrayList<>();
    c.channels().forEach((k, v) -> channelRows.add(List.of(k, hours(v))));
    h.table(
        "Channel milestones: when each channel's rebuilt builds are all done",
        List.of("channel", "ready after"),
        channelRows);

    h.heading("Risk");
    List<List<String>> top = new ArrayList<>();
    for (RiskReport.TopRow t : r.top()) {
      top.add(
          List.of(
              t.name(),
              t.system(),
              t.riskClass().toString(),
              String.format(Locale.ROOT, "%.3f", t.probability()),
              String.join("; ", t.reasons())));
    }
    h.table("Riskiest packages", List.of("package", "system", "class", "p(fail)", "why"), top);
    List<List<String>> first = new ArrayList<>();
    int[] order = r.buildFirst().nodes();
    for (int k = 0; k < order.length && k < 50; k++) {
      first.add(List.of(String.valueOf(k + 1), p.graph().id(order[k])));
    }
    h.table("Build these first", List.of("#", "build"), first);
    return h.render();
  }
}
