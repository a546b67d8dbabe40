package dev.preflight.report;

import static dev.preflight.report.Fmt.format;
import static dev.preflight.report.Fmt.round;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.io.Csv;
import dev.preflight.report.render.TextTable;
import dev.preflight.risk.FailurePropagation;
import dev.preflight.risk.RiskClass;
import dev.preflight.risk.RiskReport;
import dev.preflight.risk.RiskScores;
import dev.preflight.risk.SamplingPlan;
import dev.preflight.risk.StratifiedEstimate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a {@link RiskReport} as JSON, CSV or a table; computes nothing. */
public final class RiskRenderer {
  /** Version of the JSON document; bump on incompatible changes. */
  public static final int SCHEMA_VERSION = 1;

  private RiskRenderer() {}

  // ------------------------------------------------------------------ JSON

  public static Map<String, Object> toJson(RiskView c) {
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

  // ------------------------------------------------------------------ CSV

  /** One row per rebuilt node, most likely failure first. */
  public static String csv(RiskView c) {
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
    return format("%.4f", p);
  }

  // ------------------------------------------------------------------ table

  /** The risk command's table: every row, the riskiest packages and every list in full. */
  public static String table(RiskView c) {
    return table(c, true, true);
  }

  /**
   * The table.
   *
   * @param changeRow whether to start with the change (a plan shows it in its impact section)
   * @param fullLists whether to list every id of the build-first list and the sample (else a
   *     summary line each with the first {@code top} ids, as {@code plan} prints them without
   *     {@code --list}) and every already-broken package (else the first {@code top})
   */
  public static String table(RiskView c, boolean changeRow, boolean fullLists) {
    RiskReport r = c.report();
    PackageGraph g = c.graph();
    StringBuilder sb = new StringBuilder();
    double conf = r.interval().confidence();
    String pct = percent(conf);
    if (changeRow) {
      row(
          sb,
          "change",
          String.join(", ", c.changes().resolvedNames()) + " (" + c.policy().label() + ")");
    }
    if (!g.pinNames().isEmpty()) {
      row(sb, "pins", String.join(", ", g.pinNames()));
    }
    row(
        sb,
        "rebuild",
        format(
            "%,d nodes: %,d newly at risk, %,d already broken, %,d unknown",
            r.rebuildCount(),
            r.classification().count(RiskClass.NEWLY_AT_RISK),
            r.classification().count(RiskClass.ALREADY_BROKEN),
            r.classification().count(RiskClass.UNKNOWN)));
    // One system's row would repeat the total.
    if (r.classification().bySystem().size() > 1) {
      r.classification()
          .bySystem()
          .forEach(
              (sys, counts) ->
                  row(
                      sb,
                      "  " + sys,
                      format(
                          "%,d newly at risk, %,d already broken, %,d unknown",
                          counts.get(RiskClass.NEWLY_AT_RISK),
                          counts.get(RiskClass.ALREADY_BROKEN),
                          counts.get(RiskClass.UNKNOWN))));
    }
    StratifiedEstimate e = r.estimate();
    if (e == null) {
      row(
          sb,
          "expected new failures",
          format(
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
          format(
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
          format(
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
          format(
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
                + format("%.3f", r.scores().priorMean())
                + ")"
            : format(
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
          format(
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
            format("%.3f", row.probability()),
            format("%.3f", row.own()),
            String.join("; ", row.reasons()));
      }
      sb.append(t.render(TextTable.terminalWidth())).append('\n');
    }
    int limit = r.top().size();
    alreadyBroken(sb, g, r.classification().nodes(RiskClass.ALREADY_BROKEN), fullLists, limit);
    if (fullLists) {
      buildFirstList(sb, g, r);
      sb.append('\n');
      sampleList(sb, g, r, pct);
    } else {
      buildFirstSummary(sb, g, r, limit);
      sb.append('\n');
      sampleSummary(sb, r, pct);
    }
    return sb.toString();
  }

  /**
   * The already-broken packages by id: rebuilt, but failing before the change, so never counted as
   * new breakage (DESIGN.md §4). All of them, or the first {@code limit} and how many more.
   */
  private static void alreadyBroken(
      StringBuilder sb, PackageGraph g, int[] broken, boolean all, int limit) {
    if (broken.length == 0) {
      return;
    }
    int shown = all ? broken.length : Math.min(limit, broken.length);
    sb.append(
        format(
            "Already broken (failed last time; rebuilt, but not new breakage): %,d%n",
            broken.length));
    List<String> ids = new ArrayList<>();
    for (int j = 0; j < shown; j++) {
      ids.add(g.id(broken[j]));
    }
    if (shown < broken.length) {
      ids.add(format("… %,d more (all with --list)", broken.length - shown));
    }
    wrap(sb, ids);
    sb.append('\n');
  }

  private static void buildFirstList(StringBuilder sb, PackageGraph g, RiskReport r) {
    int[] first = r.buildFirst().nodes();
    java.util.Set<Integer> targets = new java.util.HashSet<>();
    for (int v : r.buildFirst().targets()) {
      targets.add(v);
    }
    sb.append(
        format(
            "Build these first (most expected failures found per CPU-hour), in build order:%n"
                + "  %d builds, %.2f of %.2f CPU-hours budget (the whole rebuild: %.2f)%n",
            first.length,
            r.buildFirst().hours(),
            r.buildFirst().budgetHours(),
            r.buildFirst().totalHours()));
    for (int j = 0; j < first.length; j++) {
      sb.append(
          format(
              "  %3d. %s%s%n",
              j + 1,
              g.id(first[j]),
              targets.contains(first[j]) ? "" : "  (input of a later entry)"));
    }
  }

  /** Two lines: the build-first list's size and cost, and its first {@code limit} ids. */
  private static void buildFirstSummary(StringBuilder sb, PackageGraph g, RiskReport r, int limit) {
    int[] first = r.buildFirst().nodes();
    sb.append(
        format(
            "Build these first (most expected failures found per CPU-hour): %,d builds, %.2f of"
                + " %.2f CPU-hours budget%n",
            first.length, r.buildFirst().hours(), r.buildFirst().budgetHours()));
    List<String> ids = new ArrayList<>();
    for (int j = 0; j < Math.min(limit, first.length); j++) {
      ids.add((j + 1) + ". " + g.id(first[j]));
    }
    if (first.length > limit) {
      ids.add(format("… %,d more (all with --list)", first.length - limit));
    }
    wrap(sb, ids);
  }

  private static String sampleHeading(RiskReport r, String pct) {
    SamplingPlan plan = r.plan();
    return format(
        "Sample to measure the breakage rate (%s, stratified by risk, random within strata):%n"
            + "  %d builds (%.2f CPU-hours with their inputs); %d needed for +/-%.3f at %s,"
            + " planned +/-%s%n",
        plan.request().mode().equals("margin")
            ? "sized for --margin"
            : plan.request().mode().equals("samples") ? "--sample-builds" : "--budget-hours",
        plan.sample().length,
        plan.sampleHours(),
        plan.requiredSamples(),
        plan.request().margin(),
        pct,
        Double.isInfinite(plan.plannedMargin())
            ? "unbounded (a stratum has no sample)"
            : format("%.3f", plan.plannedMargin()));
  }

  private static void sampleSummary(StringBuilder sb, RiskReport r, String pct) {
    sb.append(sampleHeading(r, pct));
    sb.append(
        format(
            "  in %,d strata; the ids, the strata, one row per rebuilt node: --list (or --format"
                + " json, csv, html)%n",
            r.plan().strata().size()));
  }

  private static void sampleList(StringBuilder sb, PackageGraph g, RiskReport r, String pct) {
    SamplingPlan plan = r.plan();
    int[] sample = plan.sample();
    sb.append(sampleHeading(r, pct));
    if (!plan.strata().isEmpty()) {
      TextTable t = new TextTable("stratum>", "risk range", "nodes>", "predicted>", "samples>");
      for (SamplingPlan.Stratum st : plan.strata()) {
        t.row(
            st.index(),
            format("%.3f-%.3f", st.lowScore(), st.highScore()),
            st.size(),
            format("%.3f", st.predictedRate()),
            st.samples());
      }
      for (String line : t.render(0).split("\n")) {
        sb.append("  ").append(line).append('\n');
      }
    }
    for (int j = 0; j < sample.length; j++) {
      sb.append(format("  %3d. %s%n", j + 1, g.id(sample[j])));
    }
    sb.append(
        "  Then rerun with --observed results.csv (id,seconds,status,finishedAt): estimate ="
            + " sum_h (N_h/N) x_h/n_h,\n"
            + "  Wilson interval on the effective sample size (README: preflight risk).\n");
  }

  /** Items joined by {@code ", "} on lines of at most 100 characters, indented by two. */
  private static void wrap(StringBuilder sb, List<String> items) {
    StringBuilder line = new StringBuilder("  ");
    for (int i = 0; i < items.size(); i++) {
      String item = items.get(i) + (i + 1 < items.size() ? "," : "");
      if (line.length() > 2 && line.length() + 1 + item.length() > 100) {
        sb.append(line).append('\n');
        line = new StringBuilder("  ");
      }
      line.append(line.length() > 2 ? " " : "").append(item);
    }
    sb.append(line).append('\n');
  }

  private static String num(double x) {
    return x == Math.rint(x) ? format("%,d", (long) x) : format("%.1f", x);
  }

  private static String percent(double c) {
    double p = c * 100;
    return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
  }

  private static void row(StringBuilder sb, String key, String value) {
    sb.append(format("%-24s %s%n", key, value));
  }
}
