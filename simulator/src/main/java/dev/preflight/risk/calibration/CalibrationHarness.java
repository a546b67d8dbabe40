package dev.preflight.risk.calibration;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.scc.Components;
import dev.preflight.risk.BuildDurations;
import dev.preflight.risk.BuildFirst;
import dev.preflight.risk.RebuildScope;
import dev.preflight.risk.RiskAnalysis;
import dev.preflight.risk.RiskReport;
import dev.preflight.risk.RiskScores;
import dev.preflight.risk.SamplingPlan;
import dev.preflight.risk.StratifiedEstimate;
import dev.preflight.settings.RiskSettings;
import dev.preflight.settings.Settings;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded backtests of the risk model on {@link SyntheticWorld}s (hidden model, not the scorer's).
 * Per trial: generate a world, score its change exactly as {@code preflight risk} does (graph,
 * history, rebuild set; no access to the hidden parameters), then compare with the true outcome:
 *
 * <ul>
 *   <li><b>prediction coverage</b>: the number of new failures (at-risk population) lies in the
 *       model's interval;
 *   <li><b>sample coverage</b>: build the plan's stratified sample (default margin), read its true
 *       outcomes, and check that the true number lies in the {@link StratifiedEstimate} interval;
 *   <li><b>Brier score</b> of the per-node probabilities over the at-risk population, against the
 *       baseline that predicts the history's pooled failure rate for every node;
 *   <li><b>found within 10%</b>: share of the true new failures known after spending 10% of the
 *       rebuild's CPU-hours on the build-first order, against a random order (each entry is built
 *       with the rebuilt inputs it needs; a build whose input failed costs nothing; a failure
 *       reveals its rebuilt dependents as dependency-failed).
 * </ul>
 *
 * Rerun with more trials: {@code java -cp 'cli/target/preflight.jar:cli/target/lib/*'
 * dev.preflight.risk.calibration.CalibrationHarness --trials 2000} (docs/models.md).
 */
public final class CalibrationHarness {
  private CalibrationHarness() {}

  /**
   * @param trials number of worlds
   * @param seed seed of the first world (world t uses a seed derived from it)
   * @param nodes nodes per world
   * @param confidence interval confidence
   * @param margin target half-width of the sample's breakage-rate estimate
   * @param budgetShare share of the rebuild's CPU-hours for the build-first comparison
   * @param settings the scorer's settings
   */
  public record Config(
      int trials,
      long seed,
      int nodes,
      double confidence,
      double margin,
      double budgetShare,
      RiskSettings settings) {

    /** The defaults: 200 worlds of 400 nodes, 95% intervals, margin 0.05, 10% budget. */
    public static Config defaults(int trials) {
      return new Config(trials, 42, 400, 0.95, 0.05, 0.10, Settings.defaults().risk());
    }
  }

  /**
   * The measured numbers.
   *
   * @param brier mean squared error of the model's probabilities (pooled over nodes and trials)
   * @param brierBaseline the same for the history's pooled rate as every node's probability
   * @param foundBuildFirst pooled share of true new failures found within the budget
   * @param foundRandom the same for random orders
   */
  public record Report(
      int trials,
      double predictionCoverage,
      double coverage80,
      double coverage50,
      double sampleCoverage,
      double brier,
      double brierBaseline,
      double brierClimatology,
      double[] reliabilityPredicted,
      double[] reliabilityObserved,
      long[] reliabilityCount,
      double foundBuildFirst,
      double foundRandom,
      double meanRebuild,
      double meanAtRisk,
      double meanNewFailures,
      double meanPredicted,
      double meanIntervalWidth,
      double meanSampleSize,
      double meanSampleIntervalWidth) {

    /** A human-readable summary. */
    public String format() {
      return String.format(
          Locale.ROOT,
          "trials                        %d%n"
              + "mean rebuild / at-risk        %.1f / %.1f nodes%n"
              + "mean new failures (true)      %.2f%n"
              + "mean expected (model)         %.2f%n"
              + "prediction interval coverage  %.3f at 95%% (mean width %.1f failures),"
              + " %.3f at 80%%, %.3f at 50%%%n"
              + "sample interval coverage      %.3f at 95%% (mean sample %.1f builds, width %.1f)%n"
              + "Brier score                   %.5f (global-rate baseline %.5f, skill %.3f;"
              + " best constant %.5f)%n"
              + "new failures found in 10%% CPU %.3f build-first vs %.3f random%n"
              + "reliability (predicted -> observed, nodes):%s%n",
          trials,
          meanRebuild,
          meanAtRisk,
          meanNewFailures,
          meanPredicted,
          predictionCoverage,
          meanIntervalWidth,
          coverage80,
          coverage50,
          sampleCoverage,
          meanSampleSize,
          meanSampleIntervalWidth,
          brier,
          brierBaseline,
          1 - brier / brierBaseline,
          brierClimatology,
          foundBuildFirst,
          foundRandom,
          reliability());
    }

    private String reliability() {
      StringBuilder sb = new StringBuilder();
      for (int b = 0; b < reliabilityCount.length; b++) {
        if (reliabilityCount[b] > 0) {
          sb.append(
              String.format(
                  Locale.ROOT,
                  "%n  [%.2f, %.2f)  %.3f -> %.3f  (%d)",
                  BINS[b],
                  BINS[b + 1],
                  reliabilityPredicted[b],
                  reliabilityObserved[b],
                  reliabilityCount[b]));
        }
      }
      return sb.toString();
    }
  }

  /** Skips in a row after which a build order's replay stops (the list's default length). */
  static final int MAX_SKIPS = 200;

  /** Bounds of the reliability bins of predicted probabilities. */
  static final double[] BINS = {0, 0.02, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 0.95, 1.0000001};

  /** Runs {@code config.trials()} backtests. */
  public static Report run(Config config) {
    int predCovered = 0;
    int covered80 = 0;
    int covered50 = 0;
    double[] binP = new double[BINS.length - 1];
    double[] binY = new double[BINS.length - 1];
    long[] binN = new long[BINS.length - 1];
    double ySum = 0;
    int sampleCovered = 0;
    double brier = 0;
    double brierBase = 0;
    long brierCount = 0;
    double foundFirst = 0;
    double foundRandom = 0;
    double foundTotal = 0;
    double rebuild = 0;
    double atRisk = 0;
    double failures = 0;
    double predicted = 0;
    double width = 0;
    double samples = 0;
    double sampleWidth = 0;
    RiskSettings s = config.settings();
    SplittableRandom seeds = new SplittableRandom(config.seed());
    for (int t = 0; t < config.trials(); t++) {
      long seed = seeds.nextLong();
      SyntheticWorld w = SyntheticWorld.generate(seed, config.nodes(), 30);
      PackageGraph g = w.graph;
      RebuildScope scope = new RebuildScope(w.changed, w.rebuild, w.distance);
      BuildDurations durations = BuildDurations.fromGraph(g, s.defaultBuildSeconds());
      RiskReport report =
          RiskAnalysis.run(
              new RiskAnalysis.Input(
                  g,
                  scope,
                  w.history,
                  durations,
                  SamplingPlan.Request.forMargin(config.confidence(), config.margin()),
                  0,
                  null),
              s,
              Progress.NONE);
      RiskScores scores = report.scores();
      int truth = 0;
      int population = 0;
      for (int i = 0; i < scores.size(); i++) {
        if (!scores.atRisk(i)) {
          continue;
        }
        population++;
        boolean y = w.failed[scores.node(i)];
        truth += y ? 1 : 0;
        double p = scores.failure(i);
        brier += (p - (y ? 1 : 0)) * (p - (y ? 1 : 0));
        double b = scores.priorMean();
        brierBase += (b - (y ? 1 : 0)) * (b - (y ? 1 : 0));
        brierCount++;
        ySum += y ? 1 : 0;
        int bin = 0;
        while (p >= BINS[bin + 1]) {
          bin++;
        }
        binP[bin] += p;
        binY[bin] += y ? 1 : 0;
        binN[bin]++;
      }
      rebuild += scores.size();
      atRisk += population;
      failures += truth;
      predicted += report.expectedNewFailures();
      RiskReport.Interval iv = report.interval();
      width += iv.high() - iv.low();
      if (iv.low() <= truth && truth <= iv.high()) {
        predCovered++;
      }
      int[] i80 = scores.interval(0.8);
      covered80 += i80[0] <= truth && truth <= i80[1] ? 1 : 0;
      int[] i50 = scores.interval(0.5);
      covered50 += i50[0] <= truth && truth <= i50[1] ? 1 : 0;
      // The plan's sample, observed.
      Map<Integer, Boolean> outcomes = new HashMap<>();
      for (int v : report.plan().sample()) {
        outcomes.put(v, w.failed[v]);
      }
      StratifiedEstimate est =
          StratifiedEstimate.of(report.plan(), scores, outcomes, config.confidence());
      samples += outcomes.size();
      sampleWidth += est.countHigh() - est.countLow();
      if (est.countLow() <= truth + 1e-9 && truth - 1e-9 <= est.countHigh()) {
        sampleCovered++;
      }
      // Build-first against random, within a share of the rebuild's CPU-hours.
      if (truth > 0) {
        int[] first = BuildFirst.orderedNodes(scores, durations, s);
        int[] random = first.clone();
        java.util.Arrays.sort(random); // a canonical order, then a seeded shuffle
        SplittableRandom shuffle = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int a = random.length - 1; a > 0; a--) {
          int b = shuffle.nextInt(a + 1);
          int tmp = random[a];
          random[a] = random[b];
          random[b] = tmp;
        }
        BuildRun run = new BuildRun(g, w, durations);
        foundFirst += run.found(first, config.budgetShare());
        foundRandom += run.found(random, config.budgetShare());
        foundTotal += truth;
      }
    }
    int n = Math.max(1, config.trials());
    double ybar = ySum / Math.max(1, brierCount);
    for (int b = 0; b < binN.length; b++) {
      if (binN[b] > 0) {
        binP[b] /= binN[b];
        binY[b] /= binN[b];
      }
    }
    return new Report(
        config.trials(),
        (double) predCovered / n,
        (double) covered80 / n,
        (double) covered50 / n,
        (double) sampleCovered / n,
        brier / Math.max(1, brierCount),
        brierBase / Math.max(1, brierCount),
        ybar * (1 - ybar),
        binP,
        binY,
        binN,
        foundTotal == 0 ? 0 : foundFirst / foundTotal,
        foundTotal == 0 ? 0 : foundRandom / foundTotal,
        rebuild / n,
        atRisk / n,
        failures / n,
        predicted / n,
        width / n,
        samples / n,
        sampleWidth / n);
  }

  /**
   * Replays an order of builds against the true outcomes of a world, independently of the risk
   * package's own structures: building a node needs its rebuilt inputs from other strongly
   * connected components (cycles are bootstrapped), a node whose input failed is not built and
   * costs nothing, and a failure reveals every rebuilt dependent outside the cycle.
   */
  static final class BuildRun {
    final PackageGraph g;
    final SyntheticWorld w;
    final Components comps;
    final boolean[] inRebuild;
    final boolean[] atRisk;
    final double[] hours;
    final double totalHours;

    BuildRun(PackageGraph g, SyntheticWorld w, BuildDurations durations) {
      this.g = g;
      this.w = w;
      this.comps = g.components();
      this.inRebuild = new boolean[g.nodeCount()];
      this.atRisk = new boolean[g.nodeCount()];
      this.hours = new double[g.nodeCount()];
      double total = 0;
      for (int v : w.rebuild) {
        inRebuild[v] = true;
        atRisk[v] = g.lastStatus(v) != dev.preflight.graph.NodeStatus.RED;
        hours[v] = durations.seconds(v) / 3600.0;
        total += hours[v];
      }
      this.totalHours = total;
    }

    private boolean edge(int v, int u) {
      return inRebuild[u] && comps.componentOf(u) != comps.componentOf(v);
    }

    /** True new failures known after building {@code order} within {@code share} of the hours. */
    int found(int[] order, double share) {
      int n = g.nodeCount();
      double budget = share * totalHours;
      boolean[] attempted = new boolean[n];
      int[] seen = new int[n];
      java.util.Arrays.fill(seen, -1);
      int[] stack = new int[n];
      int[] collected = new int[n];
      double spent = 0;
      int skipped = 0;
      for (int q = 0; q < order.length; q++) {
        int v = order[q];
        if (attempted[v]) {
          continue;
        }
        // The not yet attempted rebuilt nodes v needs.
        int count = 0;
        int sp = 0;
        stack[sp++] = v;
        seen[v] = q;
        while (sp > 0) {
          int x = stack[--sp];
          collected[count++] = x;
          for (int p = g.inputsStart(x); p < g.inputsEnd(x); p++) {
            int u = g.input(p);
            if (edge(x, u) && !attempted[u] && seen[u] != q) {
              seen[u] = q;
              stack[sp++] = u;
            }
          }
        }
        double cost = 0;
        for (int j = 0; j < count; j++) {
          if (!inputFailed(collected[j])) {
            cost += hours[collected[j]];
          }
        }
        if (spent + cost > budget) {
          // As the build-first list does: skip what does not fit, stop after many skips.
          if (++skipped >= MAX_SKIPS) {
            break;
          }
          continue;
        }
        skipped = 0;
        spent += cost;
        for (int j = 0; j < count; j++) {
          attempted[collected[j]] = true;
        }
      }
      // Known failures: failed attempted nodes and all their rebuilt dependents outside the cycle.
      boolean[] known = new boolean[n];
      int sp = 0;
      for (int v : w.rebuild) {
        if (attempted[v] && w.failed[v]) {
          known[v] = true;
          stack[sp++] = v;
        }
      }
      while (sp > 0) {
        int x = stack[--sp];
        for (int p = g.dependentsStart(x); p < g.dependentsEnd(x); p++) {
          int d = g.dependent(p);
          if (inRebuild[d] && !known[d] && edge(d, x)) {
            known[d] = true;
            stack[sp++] = d;
          }
        }
      }
      int found = 0;
      for (int v : w.rebuild) {
        if (known[v] && atRisk[v] && w.failed[v]) {
          found++;
        }
      }
      return found;
    }

    private boolean inputFailed(int v) {
      for (int p = g.inputsStart(v); p < g.inputsEnd(v); p++) {
        int u = g.input(p);
        if (edge(v, u) && w.failed[u]) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code --trials N} (default 200), {@code --seed S} (42), {@code --nodes N} (400). */
  public static void main(String[] args) {
    int trials = 200;
    long seed = 42;
    int nodes = 400;
    for (int a = 0; a < args.length; a++) {
      switch (args[a]) {
        case "--trials" -> trials = Integer.parseInt(args[++a]);
        case "--seed" -> seed = Long.parseLong(args[++a]);
        case "--nodes" -> nodes = Integer.parseInt(args[++a]);
        default -> {
          System.err.println(
              "usage: CalibrationHarness [--trials N] [--seed S] [--nodes N] (got "
                  + args[a]
                  + ")");
          System.exit(2);
        }
      }
    }
    Config d = Config.defaults(trials);
    Config c =
        new Config(trials, seed, nodes, d.confidence(), d.margin(), d.budgetShare(), d.settings());
    long start = System.nanoTime();
    Report r = run(c);
    System.out.print(r.format());
    System.out.printf(
        Locale.ROOT, "elapsed                       %.1f s%n", (System.nanoTime() - start) / 1e9);
  }
}
