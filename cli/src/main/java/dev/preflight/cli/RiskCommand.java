package dev.preflight.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.preflight.cli.render.Csv;
import dev.preflight.cli.render.TextTable;
import dev.preflight.cost.DurationModel;
import dev.preflight.cost.Durations;
import dev.preflight.graph.InputException;
import dev.preflight.graph.Names;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.history.History;
import dev.preflight.history.HistoryFile;
import dev.preflight.impact.ChangeResolver;
import dev.preflight.impact.Changes;
import dev.preflight.impact.Policy;
import dev.preflight.impact.RebuildSet;
import dev.preflight.risk.FailurePropagation;
import dev.preflight.risk.RebuildScope;
import dev.preflight.risk.RiskAnalysis;
import dev.preflight.risk.RiskClass;
import dev.preflight.risk.RiskReport;
import dev.preflight.risk.RiskScores;
import dev.preflight.risk.SamplingPlan;
import dev.preflight.risk.StratifiedEstimate;
import dev.preflight.settings.CostSettings;
import dev.preflight.settings.RiskSettings;
import dev.preflight.settings.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
      "  preflight risk --change zlib --samples 5 --format json",
      "  preflight risk --change zlib --pin debhelper",
      "  preflight risk --change zlib --observed results.csv"
    })
final class RiskCommand implements Callable<Integer> {
  /** Version of the JSON document; bump on incompatible changes. */
  static final int SCHEMA_VERSION = 1;

  @Mixin GraphOptions graphOptions;

  @Mixin PinOptions pinOptions;

  @Option(
      names = {"-c", "--change"},
      paramLabel = "NAME",
      arity = "1..*",
      description = "Changed packages: ids, names, name.system, aliases or globs.")
  List<String> changes = new ArrayList<>();

  @Option(
      names = "--changes-file",
      paramLabel = "FILE",
      description = "A file of changed packages, one per line (# comments).")
  Path changesFile;

  @Option(
      names = {"-p", "--policy"},
      completionCandidates = Completions.DefinitePolicies.class,
      paramLabel = "POLICY",
      description =
          "transitive, direct, local, binnmu or static "
              + "(default: the graph's own: binnmu for a Debian graph, transitive otherwise).")
  String policy;

  @Option(
      names = "--history",
      paramLabel = "FILE",
      description = "Past build results (CSV): previous statuses and failure rates.")
  Path history;

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
      names = "--samples",
      paramLabel = "K",
      description = "Number of sample builds (instead of sizing them for --margin).")
  Integer samples;

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

  @Option(
      names = {"-f", "--format"},
      completionCandidates = Completions.TableJsonCsv.class,
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table, json or csv (one row per rebuilt node) (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE instead of stdout.")
  Path output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws JsonProcessingException {
    String fmt = format.toLowerCase(Locale.ROOT);
    if (!Completions.TABLE_JSON_CSV.contains(fmt)) {
      throw Names.unknown("--format", format, Completions.TABLE_JSON_CSV);
    }
    Settings all = Settings.defaults();
    RiskSettings settings = all.risk();
    Request req = request(settings);
    Progress progress = TerminalProgress.forStderr();
    PackageGraph g = pinOptions.apply(graphOptions.load(progress));
    Policy p = Policy.resolve(policy, g);
    if (p == Policy.CUTOFF) {
      throw InputException.of(
          "risk needs a definite rebuild set: use --policy transitive, direct or local"
              + " (cutoff is random; its expected size is in 'preflight impact')");
    }
    if (changes.isEmpty() && changesFile == null) {
      throw InputException.of("name the changed packages with --change or --changes-file");
    }
    Changes resolved =
        ChangeNotes.report(
            new ChangeResolver(g).resolve(changes, changesFile), spec.commandLine().getErr());
    RebuildSet set = p.rebuildSet(g, resolved.nodes());
    // Exposure and propagation read the round's own ordering graph (relation edges included).
    PackageGraph ordered = p.scheduleView(g);
    RebuildScope scope = new RebuildScope(resolved.nodes(), set.nodes(), set.distances());
    History hist = history == null ? History.empty() : HistoryFile.read(history);
    // Durations from the cost model: observed seconds from the history, else the graph's, else
    // its size proxy (the same estimates preflight cost and plan use).
    CostSettings cs = all.cost();
    Durations durations = DurationModel.estimate(g, hist, cs);
    History obs = observed == null ? null : HistoryFile.read(observed);
    RiskReport report =
        RiskAnalysis.run(
            new RiskAnalysis.Input(ordered, scope, hist, durations::point, req.plan, req.top, obs),
            settings,
            progress);
    OutputTarget out = new OutputTarget(spec.commandLine().getOut(), output);
    Context ctx = new Context(g, p, resolved, report, hist, settings, list);
    switch (fmt) {
      case "json" -> out.writeText(Json.pretty(toJson(ctx)) + "\n");
      case "csv" -> out.writeText(csv(ctx));
      default -> out.writeText(table(ctx));
    }
    return ExitCodes.OK;
  }

  private record Request(SamplingPlan.Request plan, int top) {}

  private Request request(RiskSettings s) {
    double c = confidence == null ? s.defaultConfidence() : confidence;
    double e = margin == null ? s.defaultMargin() : margin;
    if (!(c > 0 && c < 1)) {
      throw InputException.of("--confidence must be between 0 and 1 (exclusive), got " + c);
    }
    if (!(e > 0 && e < 1)) {
      throw InputException.of("--margin must be between 0 and 1 (exclusive), got " + e);
    }
    if (samples != null && budgetHours != null) {
      throw InputException.of("give --samples or --budget-hours, not both");
    }
    if (samples != null && samples < 0) {
      throw InputException.of("--samples must be >= 0, got " + samples);
    }
    if (budgetHours != null && !(budgetHours >= 0 && budgetHours < Double.POSITIVE_INFINITY)) {
      throw InputException.of("--budget-hours must be >= 0, got " + budgetHours);
    }
    int n = top == null ? s.topN() : top;
    if (n < 0) {
      throw InputException.of("--top must be >= 0, got " + n);
    }
    return new Request(
        new SamplingPlan.Request(
            c, e, samples == null ? -1 : samples, budgetHours == null ? Double.NaN : budgetHours),
        n);
  }

  /** What the renderers need. */
  record Context(
      PackageGraph graph,
      Policy policy,
      Changes changes,
      RiskReport report,
      History history,
      RiskSettings settings,
      boolean list) {}

  // ------------------------------------------------------------------ JSON

  static Map<String, Object> toJson(Context c) {
    RiskReport r = c.report();
    PackageGraph g = c.graph();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", SCHEMA_VERSION);
    m.put("policy", c.policy().label());
    m.put("changed", c.changes().resolvedNames());
    if (!g.pinNames().isEmpty()) {
      m.put("pins", g.pinNames());
    }
    m.put("rebuildCount", r.rebuildCount());
    for (RiskClass k : RiskClass.values()) {
      m.put(k.key(), r.classification().count(k));
    }
    Map<String, Object> bySystem = new LinkedHashMap<>();
    r.classification()
        .bySystem()
        .forEach(
            (sys, counts) -> {
              Map<String, Object> row = new LinkedHashMap<>();
              for (RiskClass k : RiskClass.values()) {
                row.put(k.key(), counts.get(k));
              }
              bySystem.put(sys, row);
            });
    m.put("bySystem", bySystem);
    m.put("expectedNewFailures", round(r.expectedNewFailures(), 2));
    Map<String, Object> byClass = new LinkedHashMap<>();
    byClass.put(RiskClass.NEWLY_AT_RISK.key(), round(r.expectedFromNewlyAtRisk(), 2));
    byClass.put(RiskClass.UNKNOWN.key(), round(r.expectedFromUnknown(), 2));
    m.put("expectedByClass", byClass);
    Map<String, Object> iv = new LinkedHashMap<>();
    iv.put("low", round(r.interval().low(), 2));
    iv.put("high", round(r.interval().high(), 2));
    iv.put("confidence", r.interval().confidence());
    iv.put("method", r.interval().method());
    m.put("interval", iv);
    int population = r.plan().population();
    Map<String, Object> rate = new LinkedHashMap<>();
    rate.put("population", population);
    rate.put("estimate", round(population == 0 ? 0 : r.expectedNewFailures() / population, 4));
    rate.put("low", round(population == 0 ? 0 : r.interval().low() / population, 4));
    rate.put("high", round(population == 0 ? 0 : r.interval().high() / population, 4));
    m.put("breakageRate", rate);
    RiskScores s = r.scores();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("trials", s.trials());
    model.put("priorFailureRate", round(s.priorMean(), 4));
    model.put("brokenPersistence", round(s.persistence(), 4));
    model.put("failurePropagation", FailurePropagation.forGraph(g.metadata()).label());
    model.put("severitySigma", c.settings().severitySigma());
    model.put("historyEntries", c.history().entryCount());
    model.put("historyIdsNotInGraph", c.history().unmatchedIds(g));
    String hint = c.history().unmatchedHint(g);
    if (hint != null) {
      model.put("historyUnmatched", hint);
    }
    if (c.history().skippedRecords() > 0) {
      model.put("historyRecordsSkipped", c.history().skippedRecords());
    }
    m.put("model", model);
    List<Object> top = new ArrayList<>();
    for (RiskReport.TopRow row : r.top()) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("name", row.name());
      t.put("id", row.id());
      t.put("system", row.system());
      t.put("class", row.riskClass().key());
      t.put("probability", round(row.probability(), 4));
      t.put("ownProbability", round(row.own(), 4));
      t.put("dependencyProbability", round(row.dependency(), 4));
      t.put("reasons", row.reasons());
      top.add(t);
    }
    m.put("top", top);
    m.put("buildFirst", ids(g, r.buildFirst().nodes()));
    Map<String, Object> bf = new LinkedHashMap<>();
    bf.put("targets", ids(g, r.buildFirst().targets()));
    bf.put("cpuHours", round(r.buildFirst().hours(), 3));
    bf.put("budgetHours", round(r.buildFirst().budgetHours(), 3));
    bf.put("rebuildCpuHours", round(r.buildFirst().totalHours(), 3));
    m.put("buildFirstCost", bf);
    SamplingPlan plan = r.plan();
    m.put("sample", ids(g, plan.sample()));
    Map<String, Object> sp = new LinkedHashMap<>();
    sp.put("population", plan.population());
    sp.put("mode", plan.request().mode());
    sp.put("confidence", plan.request().confidence());
    sp.put("margin", plan.request().margin());
    sp.put("requiredSamples", plan.requiredSamples());
    sp.put("samples", plan.sample().length);
    sp.put(
        "plannedMargin",
        Double.isInfinite(plan.plannedMargin()) ? null : round(plan.plannedMargin(), 4));
    sp.put("cpuHours", round(plan.sampleHours(), 3));
    List<Object> strata = new ArrayList<>();
    for (SamplingPlan.Stratum st : plan.strata()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("index", st.index());
      row.put("lowScore", round(st.lowScore(), 4));
      row.put("highScore", round(st.highScore(), 4));
      row.put("size", st.size());
      row.put("predictedRate", round(st.predictedRate(), 4));
      row.put("samples", st.samples());
      strata.add(row);
    }
    sp.put("strata", strata);
    m.put("samplingPlan", sp);
    StratifiedEstimate e = r.estimate();
    if (e != null) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("observed", e.observed());
      o.put("failures", e.failures());
      o.put("rate", round(e.rate(), 4));
      o.put("rateLow", round(e.rateLow(), 4));
      o.put("rateHigh", round(e.rateHigh(), 4));
      o.put("outsideSample", e.outsideSample());
      o.put("ignored", e.ignored() + r.observedIgnored());
      o.put("unobservedStrata", e.unobservedStrata());
      List<Object> rows = new ArrayList<>();
      for (StratifiedEstimate.StratumResult sr : e.strata()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("index", sr.index());
        row.put("size", sr.size());
        row.put("observed", sr.observed());
        row.put("failures", sr.failures());
        rows.add(row);
      }
      o.put("strata", rows);
      m.put("observed", o);
    }
    if (c.list()) {
      Map<String, Object> lists = new LinkedHashMap<>();
      for (RiskClass k : RiskClass.values()) {
        lists.put(k.key(), ids(g, r.classification().nodes(k)));
      }
      m.put("lists", lists);
    }
    return m;
  }

  private static List<String> ids(PackageGraph g, int[] nodes) {
    List<String> out = new ArrayList<>(nodes.length);
    for (int v : nodes) {
      out.add(g.id(v));
    }
    return out;
  }

  static double round(double x, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(x * f) / f;
  }

  // ------------------------------------------------------------------ CSV

  /** One row per rebuilt node, most likely failure first. */
  static String csv(Context c) {
    RiskReport r = c.report();
    RiskScores s = r.scores();
    PackageGraph g = c.graph();
    int[] bfRank = rank(s, r.buildFirst().nodes());
    int[] sampleRank = rank(s, r.plan().sample());
    Integer[] order = new Integer[s.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int x = Double.compare(s.failure(b), s.failure(a));
          return x != 0 ? x : g.id(s.node(a)).compareTo(g.id(s.node(b)));
        });
    Csv csv =
        new Csv()
            .row(
                "id",
                "name",
                "system",
                "class",
                "distance",
                "probability",
                "ownProbability",
                "dependencyProbability",
                "stratum",
                "sampleRank",
                "buildFirstRank");
    for (int i : order) {
      int v = s.node(i);
      csv.row(
          g.id(v),
          g.name(v),
          g.system(v),
          s.riskClass(i).key(),
          s.scope().distance()[i],
          fmt(s.failure(i)),
          fmt(s.own(i)),
          fmt(s.dependency(i)),
          r.plan().stratumOf(i) < 0 ? "" : r.plan().stratumOf(i),
          sampleRank[i] < 0 ? "" : sampleRank[i],
          bfRank[i] < 0 ? "" : bfRank[i]);
    }
    return csv.toString();
  }

  private static int[] rank(RiskScores s, int[] nodes) {
    int[] rank = new int[s.size()];
    Arrays.fill(rank, -1);
    for (int j = 0; j < nodes.length; j++) {
      rank[s.scope().indexOf(nodes[j])] = j + 1;
    }
    return rank;
  }

  private static String fmt(double p) {
    return String.format(Locale.ROOT, "%.4f", p);
  }

  // ------------------------------------------------------------------ table

  static String table(Context c) {
    RiskReport r = c.report();
    PackageGraph g = c.graph();
    StringBuilder sb = new StringBuilder();
    double conf = r.interval().confidence();
    String pct = percent(conf);
    row(
        sb,
        "change",
        String.join(", ", c.changes().resolvedNames()) + " (" + c.policy().label() + ")");
    if (!g.pinNames().isEmpty()) {
      row(sb, "pins", String.join(", ", g.pinNames()));
    }
    row(
        sb,
        "rebuild",
        String.format(
            Locale.ROOT,
            "%,d nodes: %,d newly at risk, %,d already broken, %,d unknown",
            r.rebuildCount(),
            r.classification().count(RiskClass.NEWLY_AT_RISK),
            r.classification().count(RiskClass.ALREADY_BROKEN),
            r.classification().count(RiskClass.UNKNOWN)));
    r.classification()
        .bySystem()
        .forEach(
            (sys, counts) ->
                row(
                    sb,
                    "  " + sys,
                    String.format(
                        Locale.ROOT,
                        "%,d newly at risk, %,d already broken, %,d unknown",
                        counts.get(RiskClass.NEWLY_AT_RISK),
                        counts.get(RiskClass.ALREADY_BROKEN),
                        counts.get(RiskClass.UNKNOWN))));
    StratifiedEstimate e = r.estimate();
    if (e == null) {
      row(
          sb,
          "expected new failures",
          String.format(
              Locale.ROOT,
              "%.1f of %,d at risk (%s interval %s to %s; model, %,d trials)",
              r.expectedNewFailures(),
              r.plan().population(),
              pct,
              num(r.interval().low()),
              num(r.interval().high()),
              r.scores().trials()));
    } else {
      row(
          sb,
          "new failures (estimate)",
          String.format(
              Locale.ROOT,
              "%.1f of %,d at risk (%s interval %.1f to %.1f), rate %.3f [%.3f, %.3f]",
              e.count(),
              e.population(),
              pct,
              e.countLow(),
              e.countHigh(),
              e.rate(),
              e.rateLow(),
              e.rateHigh()));
      row(
          sb,
          "  observed",
          String.format(
              Locale.ROOT,
              "%,d results, %,d failed; %,d not from the sample, %,d not usable,"
                  + " %,d strata unobserved",
              e.observed(),
              e.failures(),
              e.outsideSample(),
              e.ignored() + r.observedIgnored(),
              e.unobservedStrata()));
      row(
          sb,
          "  model predicted",
          String.format(
              Locale.ROOT,
              "%.1f (%s interval %s to %s)",
              r.scores().expectedNewFailures(),
              pct,
              num(r.scores().interval(conf)[0]),
              num(r.scores().interval(conf)[1])));
    }
    row(sb, "failures", FailurePropagation.forGraph(g.metadata()).description());
    row(
        sb,
        "history",
        c.history().isEmpty()
            ? "none (graph statuses; prior failure rate "
                + String.format(Locale.ROOT, "%.3f", r.scores().priorMean())
                + ")"
            : String.format(
                Locale.ROOT,
                "%,d results for %,d ids (%,d not in the graph); pooled failure rate %.3f",
                c.history().entryCount(),
                c.history().size(),
                c.history().unmatchedIds(g),
                r.scores().priorMean()));
    String hint = c.history().unmatchedHint(g);
    if (hint != null) {
      row(sb, "", hint);
    }
    if (c.history().skippedRecords() > 0) {
      row(
          sb,
          "",
          String.format(
              Locale.ROOT,
              "%,d records without a final result skipped (unfinished builds)",
              c.history().skippedRecords()));
    }
    sb.append('\n');
    if (!r.top().isEmpty()) {
      sb.append("Riskiest packages (probability of not building: own failure or dependency)\n");
      TextTable t = new TextTable("#>", "package", "system", "class", "p(fail)>", "own>", "why");
      int k = 1;
      for (RiskReport.TopRow row : r.top()) {
        t.row(
            k++,
            row.name(),
            row.system(),
            row.riskClass().key(),
            String.format(Locale.ROOT, "%.3f", row.probability()),
            String.format(Locale.ROOT, "%.3f", row.own()),
            String.join("; ", row.reasons()));
      }
      sb.append(t.render(TextTable.terminalWidth())).append('\n');
    }
    int[] first = r.buildFirst().nodes();
    java.util.Set<Integer> targets = new java.util.HashSet<>();
    for (int v : r.buildFirst().targets()) {
      targets.add(v);
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "Build these first (most expected failures found per CPU-hour), in build order:%n"
                + "  %d builds, %.2f of %.2f CPU-hours budget (the whole rebuild: %.2f)%n",
            first.length,
            r.buildFirst().hours(),
            r.buildFirst().budgetHours(),
            r.buildFirst().totalHours()));
    for (int j = 0; j < first.length; j++) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %3d. %s%s%n",
              j + 1,
              g.id(first[j]),
              targets.contains(first[j]) ? "" : "  (input of a later entry)"));
    }
    sb.append('\n');
    SamplingPlan plan = r.plan();
    int[] sample = plan.sample();
    sb.append(
        String.format(
            Locale.ROOT,
            "Sample to measure the breakage rate (%s, stratified by risk, random within strata):%n"
                + "  %d builds (%.2f CPU-hours with their inputs); %d needed for +/-%.3f at %s,"
                + " planned +/-%s%n",
            plan.request().mode().equals("margin")
                ? "sized for --margin"
                : plan.request().mode().equals("samples") ? "--samples" : "--budget-hours",
            sample.length,
            plan.sampleHours(),
            plan.requiredSamples(),
            plan.request().margin(),
            pct,
            Double.isInfinite(plan.plannedMargin())
                ? "unbounded (a stratum has no sample)"
                : String.format(Locale.ROOT, "%.3f", plan.plannedMargin())));
    if (!plan.strata().isEmpty()) {
      TextTable t = new TextTable("stratum>", "risk range", "nodes>", "predicted>", "samples>");
      for (SamplingPlan.Stratum st : plan.strata()) {
        t.row(
            st.index(),
            String.format(Locale.ROOT, "%.3f-%.3f", st.lowScore(), st.highScore()),
            st.size(),
            String.format(Locale.ROOT, "%.3f", st.predictedRate()),
            st.samples());
      }
      for (String line : t.render(0).split("\n")) {
        sb.append("  ").append(line).append('\n');
      }
    }
    for (int j = 0; j < sample.length; j++) {
      sb.append(String.format(Locale.ROOT, "  %3d. %s%n", j + 1, g.id(sample[j])));
    }
    sb.append(
        "  Then rerun with --observed results.csv (id,seconds,status,finishedAt): estimate ="
            + " sum_h (N_h/N) x_h/n_h,\n"
            + "  Wilson interval on the effective sample size (README: preflight risk).\n");
    return sb.toString();
  }

  private static String num(double x) {
    return x == Math.rint(x)
        ? String.format(Locale.ROOT, "%,d", (long) x)
        : String.format(Locale.ROOT, "%.1f", x);
  }

  private static String percent(double c) {
    double p = c * 100;
    return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
  }

  private static void row(StringBuilder sb, String key, String value) {
    sb.append(String.format(Locale.ROOT, "%-24s %s%n", key, value));
  }
}
