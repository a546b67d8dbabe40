package dev.preflight.risk;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.settings.RiskSettings;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Scores every node of a rebuild set with a failure probability, and simulates the number of new
 * failures.
 *
 * <h2>Model</h2>
 *
 * For rebuilt node {@code v} ({@link FailureRates} gives {@code base} and {@code fragility}):
 *
 * <ul>
 *   <li><b>Exposure</b> {@code E(v) = sum over changed nodes c with d(c,v) <= K of w(d(c,v))},
 *       {@code w(0) = changedNodeExposure}, {@code w(d) = gamma^(d-1)} for {@code d >= 1}, {@code
 *       d} the shortest distance along dependents inside the rebuild set ({@code K =
 *       exposureMaxDistance}, {@code gamma = distanceDecay}); a node farther than {@code K} from
 *       every changed node gets {@code w(dmin)}. Each changed input adds exposure, nearer ones
 *       more.
 *   <li><b>Own failure</b> under a rebuild of severity {@code S}: a working node fails with {@code
 *       own_S(v) = 1 - exp(-S * (-ln(1 - base(v)) + lambda * fragility(v) * E(v)))} ({@code lambda
 *       = changeHazard}): its usual failure hazard plus the change's, a proportional hazard. A node
 *       whose latest build failed by itself stays broken with probability {@code base(v)} (the
 *       persistence) and otherwise fails like a working node under the change: {@code own_S(v) = 1
 *       - (1 - base(v)) * exp(-S * lambda * fragility(v) * E(v))}.
 *   <li><b>Severity</b> {@code S ~ LogNormal(-sigma^2/2, sigma)} ({@code sigma = severitySigma}, so
 *       {@code E[S] = 1}) is shared by all nodes of one rebuild: how unusual this rebuild is (a
 *       breaking API, a new compiler, flaky builders) is unknown before building, so it scales the
 *       whole hazard of working nodes and correlates all failures. This is what makes the
 *       prediction interval honest about the model's ignorance.
 *   <li><b>Propagation</b> (DESIGN.md §3): a node fails if its own build fails or a rebuilt input
 *       fails ("dependency failed"), except an input in the node's own strongly connected
 *       component: cycles are bootstrapped against the previous binaries ({@link RebuildDag}). Own
 *       failures are independent given {@code S}.
 * </ul>
 *
 * <h2>Computation</h2>
 *
 * The marginal failure probability of a node is not {@code 1 - prod(1 - F(input))}: inputs share
 * ancestors, their failures are positively correlated, and that product formula overstates the risk
 * of deep nodes (it compounds the same upstream failure once per path). Instead the model is
 * simulated: {@code T} seeded trials, spread evenly over {@code severityLevels} equal-probability
 * slices of {@code S} (each at its midpoint); each trial draws every node's own failure and makes
 * one pass in topological order. Per-node probabilities are Rao-Blackwellized: given {@code S} and
 * whether a rebuilt input failed, a node fails with 1 or with {@code own_S}, and that conditional
 * probability is accumulated rather than the 0/1 outcome — exact for nodes whose inputs cannot
 * fail, and far less noisy than counting. The count of new failures per trial gives the prediction
 * distribution (its mean, its quantiles). {@code T = clamp(simulationWorkBudget / (R + E_R),
 * minSimulationTrials, simulationTrials)}.
 *
 * <p>Cost: {@code O(C * N_K)} for the exposure (C changed nodes, {@code N_K} nodes and edges within
 * {@code K} of each), then {@code O(T (R + E_R))}; memory {@code O(V + R + E_R)}. Not thread-safe
 * per call but holds no state: concurrent calls are fine. Deterministic for a given seed.
 * Invariants checked at the end: every probability is in [0, 1] and no node is less likely to fail
 * than to fail by itself.
 */
public final class RiskModel {
  private RiskModel() {}

  /** Scores {@code scope}; {@code rates} and {@code previous} describe the nodes' past. */
  public static RiskScores score(
      PackageGraph graph,
      RebuildScope scope,
      PreviousStatus previous,
      FailureRates rates,
      RiskSettings settings,
      Progress progress) {
    return score(graph, scope, previous, rates, settings, true, progress);
  }

  /**
   * Scores {@code scope}; with {@code propagate} false a failed build does not fail the builds that
   * need it (a Debian round: the archive keeps the previous binary, so a failed binNMU leaves its
   * dependents building against the old one; https://release.debian.org/wanna-build.txt, states
   * Failed and Dep-Wait), and every node's failure is its own.
   */
  public static RiskScores score(
      PackageGraph graph,
      RebuildScope scope,
      PreviousStatus previous,
      FailureRates rates,
      RiskSettings settings,
      boolean propagate,
      Progress progress) {
    int n = scope.size();
    RebuildDag dag = new RebuildDag(graph, graph.components(), scope.nodes());

    RiskClass[] cls = new RiskClass[n];
    double[] base = new double[n];
    double[] fresh = new double[n];
    double[] fragility = new double[n];
    boolean[] brokenNow = new boolean[n];
    int[] builds = new int[n];
    int[] ownFailures = new int[n];
    for (int i = 0; i < n; i++) {
      int v = scope.nodes()[i];
      cls[i] = RiskClass.of(previous.status(v));
      FailureRates.NodeRate r = rates.rate(v, previous.historyIndex(v), previous.status(v));
      base[i] = r.base();
      fresh[i] = r.fresh();
      fragility[i] = r.fragility();
      brokenNow[i] = r.brokenNow();
      builds[i] = r.informativeBuilds();
      ownFailures[i] = r.ownFailures();
    }

    Exposure ex = exposure(graph, scope, dag, settings);
    double[] hazard = new double[n];
    double[] fixed = new double[n];
    double[] total = new double[n];
    for (int i = 0; i < n; i++) {
      hazard[i] = settings.changeHazard() * fragility[i] * ex.value[i];
      fixed[i] = brokenNow[i] ? base[i] : 0;
      total[i] = hazard[i] + (brokenNow[i] ? 0 : -Math.log(1 - Math.min(base[i], 0.999999)));
    }

    Simulation sim = simulate(dag, cls, fixed, total, settings, propagate, progress);
    RiskScores scores =
        new RiskScores(
            scope,
            dag,
            cls,
            base,
            fresh,
            fragility,
            brokenNow,
            builds,
            ownFailures,
            ex.value,
            hazard,
            ex.within,
            ex.source,
            ex.distance,
            sim.own,
            sim.root,
            sim.dependency,
            sim.failure,
            sim.trials,
            sim.counts,
            rates.priorMean(),
            rates.persistence());
    checkInvariants(scores);
    return scores;
  }

  private static void checkInvariants(RiskScores s) {
    for (int i = 0; i < s.size(); i++) {
      double f = s.failure(i);
      double o = s.own(i);
      if (!(f >= 0 && f <= 1 + 1e-9 && o >= 0 && o <= 1 + 1e-9 && f + 1e-9 >= o)) {
        throw new IllegalStateException(
            "risk invariant broken at node " + s.node(i) + ": failure " + f + ", own " + o);
      }
    }
  }

  // ------------------------------------------------------------------ exposure

  static final class Exposure {
    final double[] value;
    final int[] within;
    final int[] source;
    final int[] distance;

    Exposure(int n) {
      value = new double[n];
      within = new int[n];
      source = new int[n * RiskScores.NEAREST];
      distance = new int[n * RiskScores.NEAREST];
      Arrays.fill(source, -1);
      Arrays.fill(distance, -1);
    }
  }

  static Exposure exposure(
      PackageGraph graph, RebuildScope scope, RebuildDag dag, RiskSettings settings) {
    int n = scope.size();
    int[] changed = scope.changed();
    Exposure ex = new Exposure(n);
    int k = changed.length <= settings.exposureSourceLimit() ? settings.exposureMaxDistance() : 0;
    double[] decay = new double[k + 1];
    for (int d = 0; d <= k; d++) {
      decay[d] = weight(settings, d);
    }
    int[] stamp = new int[n];
    Arrays.fill(stamp, -1);
    int[] queue = new int[n];
    int[] depth = new int[n];
    boolean perSource = changed.length <= settings.exposureSourceLimit();
    if (perSource) {
      for (int j = 0; j < changed.length; j++) {
        int start = dag.localOf[changed[j]];
        stamp[start] = j;
        depth[start] = 0;
        queue[0] = start;
        int head = 0;
        int tail = 1;
        while (head < tail) {
          int i = queue[head++];
          int d = depth[i];
          ex.value[i] += decay[d];
          ex.within[i]++;
          remember(ex, i, changed[j], d);
          if (d == k) {
            continue;
          }
          int v = dag.node[i];
          for (int p = graph.dependentsStart(v); p < graph.dependentsEnd(v); p++) {
            int w = dag.localOf[graph.dependent(p)];
            if (w >= 0 && stamp[w] != j) {
              stamp[w] = j;
              depth[w] = d + 1;
              queue[tail++] = w;
            }
          }
        }
      }
    } else {
      // Too many changed nodes to count them per node: one multi-source BFS finds the nearest.
      int tail = 0;
      for (int c : changed) {
        int i = dag.localOf[c];
        stamp[i] = 0;
        depth[i] = 0;
        queue[tail++] = i;
        ex.source[i * RiskScores.NEAREST] = c;
      }
      int head = 0;
      while (head < tail) {
        int i = queue[head++];
        int v = dag.node[i];
        for (int p = graph.dependentsStart(v); p < graph.dependentsEnd(v); p++) {
          int w = dag.localOf[graph.dependent(p)];
          if (w >= 0 && stamp[w] < 0) {
            stamp[w] = 0;
            depth[w] = depth[i] + 1;
            ex.source[w * RiskScores.NEAREST] = ex.source[i * RiskScores.NEAREST];
            queue[tail++] = w;
          }
        }
      }
      for (int i = 0; i < n; i++) {
        ex.within[i] = -1;
        if (stamp[i] >= 0) {
          ex.distance[i * RiskScores.NEAREST] = depth[i];
          ex.value[i] = weight(settings, depth[i]);
        } else {
          ex.source[i * RiskScores.NEAREST] = -1;
          ex.distance[i * RiskScores.NEAREST] = scope.distance()[i];
          ex.value[i] = weight(settings, scope.distance()[i]);
        }
      }
    }
    // Nodes no changed node reaches within K (or at all inside the set): the nearest only.
    for (int i = 0; i < n; i++) {
      if (ex.within[i] == 0) {
        int d = scope.distance()[i];
        ex.value[i] = weight(settings, d);
        ex.distance[i * RiskScores.NEAREST] = d;
      }
    }
    return ex;
  }

  /** Exposure one changed node at distance {@code d} contributes. */
  static double weight(RiskSettings s, int d) {
    return d == 0 ? s.changedNodeExposure() : Math.pow(s.distanceDecay(), d - 1);
  }

  /** Keeps the {@link RiskScores#NEAREST} nearest changed nodes per node (ties: first found). */
  private static void remember(Exposure ex, int i, int source, int d) {
    int base = i * RiskScores.NEAREST;
    int at = 0;
    while (at < RiskScores.NEAREST && ex.source[base + at] >= 0 && ex.distance[base + at] <= d) {
      at++;
    }
    if (at == RiskScores.NEAREST) {
      return;
    }
    for (int s = RiskScores.NEAREST - 1; s > at; s--) {
      ex.source[base + s] = ex.source[base + s - 1];
      ex.distance[base + s] = ex.distance[base + s - 1];
    }
    ex.source[base + at] = source;
    ex.distance[base + at] = d;
  }

  // ------------------------------------------------------------------ simulation

  static final class Simulation {
    double[] own;
    double[] root;
    double[] dependency;
    double[] failure;
    int[] counts;
    int trials;
  }

  /** Number of trials for a rebuild DAG under these settings. */
  static int trials(RebuildDag dag, RiskSettings s) {
    long perTrial = Math.max(1, dag.passWork());
    long t = s.simulationWorkBudget() / perTrial;
    return (int) Math.max(s.minSimulationTrials(), Math.min(s.simulationTrials(), t));
  }

  /**
   * The own-failure probability at severity {@code severity} of a node that stays broken with
   * probability {@code fixed} and otherwise fails with hazard {@code hazard} scaled by the
   * severity.
   */
  static double ownProbability(double fixed, double hazard, double severity) {
    double x = severity * hazard;
    // 1 - exp(-x); the series below 0.01 is exact to 5e-10 and spares most nodes the exp call
    // (Math.expm1 is not an intrinsic and costs ~10x Math.exp).
    double q = x < 0.01 ? x * (1 - x * (0.5 - x / 6)) : 1 - Math.exp(-x);
    return fixed + (1 - fixed) * q;
  }

  static Simulation simulate(
      RebuildDag dag,
      RiskClass[] cls,
      double[] fixed,
      double[] hazard,
      RiskSettings s,
      boolean propagate,
      Progress progress) {
    return simulate(
        dag,
        cls,
        fixed,
        hazard,
        trials(dag, s),
        s.severityLevels(),
        s.severitySigma(),
        s.seed(),
        propagate,
        progress);
  }

  /**
   * The propagation alone: the probability that each rebuilt node does not build when its own build
   * fails independently with {@code ownProbability[i]} (aligned with {@code scope.nodes()}) and a
   * failure makes every rebuilt dependent outside its own strongly connected component "dependency
   * failed" (cycles are bootstrapped, see {@link RebuildDag}). Rao-Blackwellized Monte Carlo with
   * {@code trials} seeded trials; {@code O(trials (R + E_R))}. A test checks it against exact
   * enumeration; a scheduler that simulates failures can use it too.
   */
  public static double[] failureProbabilities(
      PackageGraph graph, RebuildScope scope, double[] ownProbability, int trials, long seed) {
    if (ownProbability.length != scope.size()) {
      throw new IllegalArgumentException("one own probability per rebuilt node expected");
    }
    RebuildDag dag = new RebuildDag(graph, graph.components(), scope.nodes());
    RiskClass[] cls = new RiskClass[scope.size()];
    Arrays.fill(cls, RiskClass.NEWLY_AT_RISK);
    return simulate(
            dag,
            cls,
            ownProbability.clone(),
            new double[scope.size()],
            trials,
            1,
            0,
            seed,
            true,
            Progress.NONE)
        .failure;
  }

  static Simulation simulate(
      RebuildDag dag,
      RiskClass[] cls,
      double[] fixed,
      double[] hazard,
      int trials,
      int severityLevels,
      double sigma,
      long seed,
      boolean propagate,
      Progress progress) {
    int n = dag.size;
    double[] ownSum = new double[n];
    double[] rootSum = new double[n];
    double[] depSum = new double[n];
    double[] failSum = new double[n];
    int[] counts = new int[trials];
    boolean[] atRisk = new boolean[n];
    for (int i = 0; i < n; i++) {
      atRisk[i] = cls[i] != RiskClass.ALREADY_BROKEN;
    }
    boolean[] failed = new boolean[n];
    double[] p = new double[n];
    int[] clear = new int[n]; // trials of the level in which no rebuilt input failed
    SplittableRandom rng = new SplittableRandom(seed);
    int levels = Math.min(trials, severityLevels);
    int[] order = dag.order;
    progress.start("risk simulation", trials, "trials");
    for (int l = 0; l < levels; l++) {
      int from = (int) ((long) l * trials / levels);
      int to = (int) ((long) (l + 1) * trials / levels);
      // Severity stratified: the trials are split evenly over `levels` equal-probability slices
      // of S, each represented by its midpoint. Mean-one log-normal: the expected hazard is the
      // point estimate; the spread is ignorance.
      double z = Stats.normalQuantile((l + 0.5) / levels);
      double severity = Math.exp(sigma * z - sigma * sigma / 2);
      for (int i = 0; i < n; i++) {
        p[i] = ownProbability(fixed[i], hazard[i], severity);
      }
      Arrays.fill(clear, 0);
      for (int t = from; t < to; t++) {
        int count = 0;
        for (int k = 0; k < n; k++) {
          int i = order[k];
          boolean ext = false;
          for (int q = dag.inputStart[i]; propagate && q < dag.inputStart[i + 1]; q++) {
            if (failed[dag.inputs[q]]) {
              ext = true;
              break;
            }
          }
          boolean f = rng.nextDouble() < p[i] || ext;
          if (!ext) {
            clear[i]++;
          }
          failed[i] = f;
          if (f && atRisk[i]) {
            count++;
          }
        }
        counts[t] = count;
        if ((t & 63) == 63) {
          progress.advance(64);
        }
      }
      // Rao-Blackwellized sums, given the severity and whether a rebuilt input failed: the node
      // then fails with 1 (dependency failed) or with its own probability, and is the root cause
      // with its own probability when no input failed.
      int k = to - from;
      for (int i = 0; i < n; i++) {
        int c = clear[i];
        ownSum[i] += k * p[i];
        failSum[i] += (k - c) + c * p[i];
        rootSum[i] += c * p[i];
        depSum[i] += k - c;
      }
    }
    progress.done();
    Simulation sim = new Simulation();
    sim.trials = trials;
    sim.counts = counts;
    sim.own = scale(ownSum, trials);
    sim.root = scale(rootSum, trials);
    sim.dependency = scale(depSum, trials);
    sim.failure = scale(failSum, trials);
    return sim;
  }

  private static double[] scale(double[] sums, int trials) {
    double[] out = new double[sums.length];
    for (int i = 0; i < sums.length; i++) {
      out[i] = Math.min(1.0, sums[i] / trials);
    }
    return out;
  }
}
