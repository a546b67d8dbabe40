package dev.preflight.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.preflight.cli.render.Cells;
import dev.preflight.cli.render.Csv;
import dev.preflight.cli.render.TextTable;
import dev.preflight.cost.BuildOrder;
import dev.preflight.cost.Cluster;
import dev.preflight.cost.ClusterFormat;
import dev.preflight.cost.CostAnalysis;
import dev.preflight.cost.CostReport;
import dev.preflight.cost.DurationModel;
import dev.preflight.cost.FailureModel;
import dev.preflight.cost.JobGraph;
import dev.preflight.cost.Placement;
import dev.preflight.cost.PlacementRule;
import dev.preflight.cost.Scheduler;
import dev.preflight.cost.Workload;
import dev.preflight.graph.InputException;
import dev.preflight.graph.Names;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
  private static final int SCHEMA_VERSION = 1;

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
    String fmt = format.toLowerCase(Locale.ROOT);
    if (!Completions.TABLE_JSON_CSV.contains(fmt)) {
      throw Names.unknown("--format", format, Completions.TABLE_JSON_CSV);
    }
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
    switch (fmt) {
      case "json" ->
          out.writeText(
              Json.pretty(toJson(report, pol, changed, g.pinNames(), failuresOn, curveSizes))
                  + "\n");
      case "csv" -> out.writeText(csv(report));
      default -> out.writeText(table(report, pol, changed, g.pinNames(), failuresOn));
    }
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

  // ------------------------------------------------------------------ JSON

  /** The document; {@code pins} (the graph's pin names) appear only when there are any. */
  static Map<String, Object> toJson(
      CostReport r,
      Policy policy,
      Changes changed,
      List<String> pins,
      boolean failures,
      List<Integer> sizes) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", SCHEMA_VERSION);
    m.put("scheduler", r.scheduler());
    m.put("order", r.order());
    m.put("orderDefault", r.defaultOrder());
    m.put("cluster", r.cluster());
    m.put("policy", policy == null ? "all" : policy.label());
    if (changed != null) {
      m.put("changed", changed.resolvedNames());
    }
    if (!pins.isEmpty()) {
      m.put("pins", pins);
    }
    m.put("builds", r.builds());
    m.put("cycles", r.cycles());
    m.put("cycleMembers", r.cycleMembers());
    m.put("slots", r.slots());
    m.put("makespanSeconds", round(r.makespanSeconds(), 3));
    m.put("cpuHours", round(r.cpuHours(), 4));
    m.put("cost", round(r.cost(), 4));
    List<Map<String, Object>> pools = new ArrayList<>();
    for (CostReport.PoolCost p : r.pools()) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("name", p.name());
      pm.put("machineHours", round(p.machineHours(), 4));
      pm.put("cost", round(p.cost(), 4));
      pools.add(pm);
    }
    m.put("pools", pools);
    m.put("lowerBoundSeconds", round(r.lowerBoundSeconds(), 3));
    m.put("makespanOverLowerBound", round(r.makespanOverLowerBound(), 4));
    m.put("criticalPathSeconds", round(r.criticalPathSeconds(), 3));
    m.put("criticalPath", r.criticalPath().stream().map(CostReport.PathStep::name).toList());
    List<Map<String, Object>> steps = new ArrayList<>();
    for (CostReport.PathStep p : r.criticalPath()) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("name", p.name());
      sm.put("id", p.id());
      sm.put("seconds", round(p.seconds(), 3));
      steps.add(sm);
    }
    m.put("criticalPathSteps", steps);
    Map<String, Object> channels = new LinkedHashMap<>();
    r.channels().forEach((k, v) -> channels.put(k, round(v, 3)));
    m.put("channels", channels);
    if (failures) {
      m.put("blockedChannels", r.blockedChannels());
    }
    Map<String, Object> outcomes = new LinkedHashMap<>();
    outcomes.put("built", r.outcomes().built());
    outcomes.put("failed", r.outcomes().failed());
    outcomes.put("dependencyFailed", r.outcomes().dependencyFailed());
    m.put("outcomes", outcomes);
    m.put("durationSources", r.durationSources());
    m.put("placement", placementJson(r.placement()));
    m.put("utilization", series(r.utilization(), "fraction"));
    m.put("queue", series(r.queue(), "runnable"));
    if (!sizes.isEmpty()) {
      List<Map<String, Object>> curve = new ArrayList<>();
      for (CostReport.CurvePoint p : r.curve()) {
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("size", p.size());
        cm.put("machines", p.machines());
        cm.put("slots", p.slots());
        cm.put("makespanSeconds", round(p.makespanSeconds(), 3));
        cm.put("cost", round(p.cost(), 4));
        cm.put("cpuHours", round(p.cpuHours(), 4));
        curve.add(cm);
      }
      m.put("curve", curve);
      m.put("knee", r.knee());
    }
    if (r.samples() != null) {
      CostReport.Samples s = r.samples();
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("count", s.count());
      sm.put("seed", s.seed());
      sm.put("makespanP50", round(s.makespanP50(), 3));
      sm.put("makespanP90", round(s.makespanP90(), 3));
      sm.put("costP50", round(s.costP50(), 4));
      sm.put("costP90", round(s.costP90(), 4));
      m.put("samples", sm);
    }
    return m;
  }

  private static List<Map<String, Object>> series(
      List<CostReport.SeriesPoint> points, String valueKey) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (CostReport.SeriesPoint p : points) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("seconds", round(p.seconds(), 3));
      pm.put(valueKey, round(p.value(), 4));
      out.add(pm);
    }
    return out;
  }

  static double round(double x, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(x * f) / f;
  }

  // ------------------------------------------------------------------ CSV

  /** The cost curve (or the one cluster as size 1): one row per size. */
  static String csv(CostReport r) {
    Csv csv =
        new Csv().row("size", "machines", "slots", "builds", "makespanSeconds", "cpuHours", "cost");
    if (r.curve().isEmpty()) {
      csv.row(
          1,
          "",
          r.slots(),
          r.builds(),
          round(r.makespanSeconds(), 3),
          round(r.cpuHours(), 4),
          round(r.cost(), 4));
    }
    for (CostReport.CurvePoint p : r.curve()) {
      csv.row(
          p.size(),
          p.machines(),
          p.slots(),
          r.builds(),
          round(p.makespanSeconds(), 3),
          round(p.cpuHours(), 4),
          round(p.cost(), 4));
    }
    return csv.toString();
  }

  // ------------------------------------------------------------------ table

  static String table(
      CostReport r, Policy policy, Changes changed, List<String> pins, boolean failures) {
    StringBuilder sb = new StringBuilder();
    if (changed != null) {
      row(
          sb,
          "change",
          Cells.clean(String.join(", ", limit(changed.resolvedNames(), 5)))
              + " ("
              + policy.label()
              + ")");
    }
    if (!pins.isEmpty()) {
      row(sb, "pins", Cells.clean(String.join(", ", limit(pins, 5))));
    }
    row(
        sb,
        "rebuild",
        String.format(
            "%,d builds%s",
            r.builds(),
            r.cycles() == 0
                ? ""
                : String.format(
                    " (%,d on %,d cycle%s, members built in parallel)",
                    r.cycleMembers(), r.cycles(), r.cycles() == 1 ? "" : "s")));
    row(
        sb,
        "cluster",
        String.format(
            "%s, %,d slot%s at most, scheduler %s",
            Cells.clean(r.cluster()), r.slots(), r.slots() == 1 ? "" : "s", r.scheduler()));
    row(sb, "order", orderText(r));
    row(sb, "makespan", duration(r.makespanSeconds()));
    row(
        sb,
        "lower bound",
        duration(r.lowerBoundSeconds())
            + String.format(", makespan / LB = %.3f", r.makespanOverLowerBound()));
    row(sb, "CPU-hours", String.format("%,.1f", r.cpuHours()));
    StringBuilder pools = new StringBuilder(String.format("%,.2f", r.cost()));
    if (r.pools().size() > 1) {
      pools.append(" (");
      for (int i = 0; i < r.pools().size(); i++) {
        CostReport.PoolCost p = r.pools().get(i);
        pools
            .append(i == 0 ? "" : ", ")
            .append(Cells.clean(p.name()))
            .append(String.format(" %,.2f", p.cost()));
      }
      pools.append(")");
    }
    row(sb, "cost", pools.toString());
    List<String> steps = new ArrayList<>();
    for (CostReport.PathStep p : r.criticalPath()) {
      steps.add(Cells.clean(p.name()) + " " + shortDuration(p.seconds()));
    }
    row(
        sb,
        "critical path",
        duration(r.criticalPathSeconds())
            + String.format(" over %,d build%s: ", steps.size(), steps.size() == 1 ? "" : "s")
            + String.join(" > ", limitMiddle(steps, 8)));
    if (!r.channels().isEmpty()) {
      List<String> ch = new ArrayList<>();
      r.channels()
          .forEach(
              (k, v) ->
                  ch.add(
                      Cells.clean(k)
                          + " "
                          + (r.blockedChannels().contains(k) ? "blocked" : shortDuration(v))));
      row(sb, "channels done", String.join(", ", ch));
    }
    if (failures) {
      row(
          sb,
          "outcomes",
          String.format(
              "%,d built, %,d failed, %,d dependency failed",
              r.outcomes().built(), r.outcomes().failed(), r.outcomes().dependencyFailed()));
    }
    List<String> src = new ArrayList<>();
    r.durationSources().forEach((k, v) -> src.add(k + " " + String.format("%,d", v)));
    row(sb, "durations from", String.join(", ", src));
    row(sb, "placement", placementText(r.placement()));
    double meanUtil =
        r.utilization().stream().mapToDouble(CostReport.SeriesPoint::value).average().orElse(0);
    row(
        sb,
        "utilization",
        sparkline(r.utilization(), 1.0) + String.format(" mean %.0f%%", 100 * meanUtil));
    double maxQueue = r.queue().stream().mapToDouble(CostReport.SeriesPoint::value).max().orElse(0);
    row(
        sb,
        "queue",
        sparkline(r.queue(), maxQueue) + String.format(" peak %,.1f waiting", maxQueue));
    if (r.samples() != null) {
      CostReport.Samples s = r.samples();
      row(
          sb,
          "samples",
          String.format(
              "%,d runs: makespan p50 %s, p90 %s; cost p50 %,.2f, p90 %,.2f",
              s.count(),
              shortDuration(s.makespanP50()),
              shortDuration(s.makespanP90()),
              s.costP50(),
              s.costP90()));
    }
    if (!r.curve().isEmpty()) {
      sb.append('\n');
      TextTable t =
          new TextTable("size>", "machines>", "slots>", "makespan>", "cost>", "CPU-hours>", "");
      for (CostReport.CurvePoint p : r.curve()) {
        t.row(
            p.size(),
            String.format("%,d", p.machines()),
            String.format("%,d", p.slots()),
            duration(p.makespanSeconds()),
            String.format("%,.2f", p.cost()),
            String.format("%,.1f", p.cpuHours()),
            r.knee() != null && p.size() == r.knee() ? "<- knee" : "");
      }
      sb.append(t.render(TextTable.terminalWidth()));
    }
    return sb.toString();
  }

  /**
   * Which rule placed builds by system feature: {@code requiredSystemFeatures from the graph (12
   * builds need big-parallel, 1 build needs kvm)} or {@code big-parallel guessed from durations >=
   * 1h 00m (no feature data; 3 builds need it)}.
   */
  static String placementText(Placement p) {
    if (p.rule() == PlacementRule.GRAPH_FEATURES) {
      List<String> needs = new ArrayList<>();
      p.buildsNeeding()
          .forEach(
              (f, n) ->
                  needs.add(
                      String.format(
                          "%,d build%s %s",
                          n, n == 1 ? "" : "s", (n == 1 ? "needs " : "need ") + Cells.clean(f))));
      return "requiredSystemFeatures from the graph ("
          + (needs.isEmpty() ? "no rebuilt node requires a feature" : String.join(", ", needs))
          + ")";
    }
    int n = p.buildsNeeding().getOrDefault(Workload.BIG_PARALLEL, 0);
    return "big-parallel guessed from durations >= "
        + shortDuration(p.bigParallelSeconds())
        + " (no feature data; "
        + (n == 0
            ? "no build needs it"
            : String.format("%,d build%s need%s it", n, n == 1 ? "" : "s", n == 1 ? "s" : ""))
        + ")";
  }

  /** The JSON of {@link #placementText}: the rule, the guess threshold, builds per feature. */
  static Map<String, Object> placementJson(Placement p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rule", p.rule().label());
    if (p.rule() == PlacementRule.DURATION_GUESS) {
      m.put("bigParallelSeconds", round(p.bigParallelSeconds(), 3));
    }
    m.put("buildsNeeding", p.buildsNeeding());
    return m;
  }

  /** {@code dependencies (default)}, {@code levels (asked)}: the order and where it came from. */
  static String orderText(CostReport r) {
    return r.order() + (r.defaultOrder() ? " (default)" : " (asked)");
  }

  private static void row(StringBuilder sb, String key, String value) {
    sb.append(String.format("%-15s %s%n", key, value));
  }

  private static List<String> limit(List<String> items, int max) {
    if (items.size() <= max) {
      return items;
    }
    List<String> out = new ArrayList<>(items.subList(0, max));
    out.add("… " + (items.size() - max) + " more");
    return out;
  }

  private static List<String> limitMiddle(List<String> items, int max) {
    if (items.size() <= max) {
      return items;
    }
    List<String> out = new ArrayList<>(items.subList(0, max / 2));
    out.add("… " + (items.size() - max) + " more");
    out.addAll(items.subList(items.size() - max / 2, items.size()));
    return out;
  }

  /** {@code 3h 05m 09s (11,109 s)}. */
  static String duration(double seconds) {
    return shortDuration(seconds) + String.format(" (%,.0f s)", seconds);
  }

  /** {@code 3h 05m}, {@code 4m 09s} or {@code 12s}. */
  static String shortDuration(double seconds) {
    long s = Math.round(seconds);
    long h = s / 3600;
    long m = (s % 3600) / 60;
    long sec = s % 60;
    if (h > 0) {
      return String.format("%dh %02dm", h, m);
    }
    if (m > 0) {
      return String.format("%dm %02ds", m, sec);
    }
    return sec + "s";
  }

  private static String sparkline(List<CostReport.SeriesPoint> points, double max) {
    String bars = " ▁▂▃▄▅▆▇█";
    StringBuilder sb = new StringBuilder();
    for (CostReport.SeriesPoint p : points) {
      int level = max > 0 ? (int) Math.round(p.value() / max * (bars.length() - 1)) : 0;
      sb.append(bars.charAt(Math.max(0, Math.min(bars.length() - 1, level))));
    }
    return sb.toString();
  }
}
