package dev.preflight.risk;

import dev.preflight.graph.DependencyGraph;
import dev.preflight.graph.NodeStatus;
import dev.preflight.history.BuildResult;
import dev.preflight.history.History;
import dev.preflight.settings.RiskSettings;

/**
 * Failure rates learned from a build history, treated as a two-state chain per node (working /
 * broken), with recency weighting and Beta smoothing towards the rate of the node's popularity
 * class.
 *
 * <p>Each informative result (a success or an own failure; dependency failures and aborts say
 * nothing about the node) is weighted {@code w = 2^(-age / halfLife)}, its age counted back from
 * the newest result in the file. A result is a <b>fresh</b> trial when the node's previous
 * informative result was a success (or there was none) and a <b>repeat</b> trial when it was an own
 * failure. Pooled over the file:
 *
 * <ul>
 *   <li>{@code m} = weighted fresh failures / weighted fresh trials: how often a working node
 *       breaks ({@code priorMean} when the pooled weight is below {@code priorMinBuilds});
 *   <li>{@code m_c} = the same over the nodes of popularity class {@code c} (class 0: no direct
 *       dependent, class {@code c >= 1}: {@code 2^(c-1) .. 2^c - 1} direct dependents, the last
 *       class open-ended), shrunk towards {@code m} with a weight of {@code priorMinBuilds} builds:
 *       packages many others need are usually kept working, and the history says by how much;
 *   <li>{@code r} = weighted repeat failures / weighted repeat trials: how often a broken node
 *       stays broken ({@code brokenPersistence} below {@code priorMinBuilds}).
 * </ul>
 *
 * Per node, with prior weight {@code s = priorStrength}: the fresh rate {@code (f + m_c s) / (n +
 * s)} and the repeat rate {@code (f' + r s) / (n' + s)}. A node's <b>base</b> failure probability
 * is its repeat rate if its latest informative result is an own failure (or, without history, the
 * graph says {@code RED}), else its fresh rate; its <b>fragility</b> is {@code clamp((fresh /
 * m)^theta, fragilityMin, fragilityMax)}.
 *
 * <p>Construction is {@code O(entries + V)}; lookups are {@code O(entries of the node)}. Immutable
 * and thread-safe.
 */
public final class FailureRates {
  /** Popularity classes: 0, 1, 2-3, 4-7, ..., 512+ direct dependents. */
  static final int CLASSES = 11;

  private final History history;
  private final DependencyGraph graph;
  private final int[] historyNode;
  private final RiskSettings settings;
  private final double priorMean;
  private final double[] classMean;
  private final double persistence;
  private final boolean priorFromHistory;
  private final boolean persistenceFromHistory;
  private final double halfLifeSeconds;

  private FailureRates(
      History history, DependencyGraph graph, int[] historyNode, RiskSettings settings) {
    this.history = history;
    this.graph = graph;
    this.historyNode = historyNode;
    this.settings = settings;
    this.halfLifeSeconds = settings.historyHalfLifeDays() * 86_400.0;
    double[] classF = new double[CLASSES];
    double[] classN = new double[CLASSES];
    double repF = 0;
    double repN = 0;
    for (int k = 0; k < history.size(); k++) {
      double[] c = counts(k);
      int cls = historyNode[k] < 0 ? -1 : popularity(graph, historyNode[k]);
      if (cls >= 0) {
        classF[cls] += c[0];
        classN[cls] += c[1];
      }
      repF += c[2];
      repN += c[3];
    }
    double freshF = 0;
    double freshN = 0;
    for (int c = 0; c < CLASSES; c++) {
      freshF += classF[c];
      freshN += classN[c];
    }
    double min = settings.priorMinBuilds();
    this.priorFromHistory = freshN >= min && freshN > 0;
    this.persistenceFromHistory = repN >= min && repN > 0;
    this.priorMean = priorFromHistory ? clampOpen(freshF / freshN) : settings.priorMean();
    this.persistence = persistenceFromHistory ? repF / repN : settings.brokenPersistence();
    this.classMean = new double[CLASSES];
    for (int c = 0; c < CLASSES; c++) {
      classMean[c] =
          priorFromHistory
              ? clampOpen((classF[c] + priorMean * min) / (classN[c] + min))
              : priorMean;
    }
  }

  /**
   * Rates learned from {@code history} (an empty history gives the settings' priors); history ids
   * are matched to the nodes of {@code graph} for the popularity classes.
   */
  public static FailureRates of(
      History history, dev.preflight.graph.PackageGraph graph, RiskSettings settings) {
    int[] historyNode = new int[history.size()];
    for (int k = 0; k < history.size(); k++) {
      historyNode[k] = graph.indexOfId(history.id(k));
    }
    return new FailureRates(history, graph, historyNode, settings);
  }

  /** The popularity class of {@code node}: by its number of direct dependents, log2-bucketed. */
  static int popularity(DependencyGraph graph, int node) {
    int d = graph.dependentCount(node);
    return d == 0 ? 0 : Math.min(CLASSES - 1, 32 - Integer.numberOfLeadingZeros(d));
  }

  private static double clampOpen(double p) {
    return Math.min(0.999, Math.max(1e-4, p));
  }

  /**
   * Weighted counts of history id {@code k}: fresh failures, fresh trials, repeat failures, repeat
   * trials, then unweighted own failures, informative results, all results.
   */
  double[] counts(int k) {
    double[] c = new double[7];
    long now = history.latestTime();
    boolean brokenBefore = false;
    for (int p = history.entriesStart(k); p < history.entriesEnd(k); p++) {
      BuildResult r = history.result(p);
      c[6]++;
      if (!r.informative()) {
        continue;
      }
      double w = Math.pow(2, -(now - history.finishedAt(p)) / halfLifeSeconds);
      boolean fail = r.ownFailure();
      if (brokenBefore) {
        c[3] += w;
        c[2] += fail ? w : 0;
      } else {
        c[1] += w;
        c[0] += fail ? w : 0;
      }
      c[4] += fail ? 1 : 0;
      c[5]++;
      brokenBefore = fail;
    }
    return c;
  }

  /** Whether history id {@code k}'s latest informative result is an own failure. */
  private boolean brokenNow(int k) {
    for (int p = history.entriesEnd(k) - 1; p >= history.entriesStart(k); p--) {
      BuildResult r = history.result(p);
      if (r.informative()) {
        return r.ownFailure();
      }
    }
    return false;
  }

  /** The pooled fresh failure rate {@code m}. */
  public double priorMean() {
    return priorMean;
  }

  /** The prior mean {@code m_c} of popularity class {@code c}. */
  public double classMean(int c) {
    return classMean[c];
  }

  /** The pooled repeat failure rate {@code r}. */
  public double persistence() {
    return persistence;
  }

  /** Whether {@link #priorMean} was estimated from the history (else it is the setting). */
  public boolean priorFromHistory() {
    return priorFromHistory;
  }

  /** Whether {@link #persistence} was estimated from the history (else it is the setting). */
  public boolean persistenceFromHistory() {
    return persistenceFromHistory;
  }

  /** What the model believes about one node before the change. */
  public record NodeRate(
      double base,
      double fresh,
      double fragility,
      boolean brokenNow,
      int ownFailures,
      int informativeBuilds,
      int builds) {}

  /**
   * The rates of graph node {@code node} with history id {@code k} (-1 if none) whose previous
   * status is {@code status} (used only without informative history).
   */
  public NodeRate rate(int node, int k, NodeStatus status) {
    double s = settings.priorStrength();
    double prior = classMean[popularity(graph, node)];
    if (k < 0) {
      boolean broken = status == NodeStatus.RED;
      return new NodeRate(broken ? persistence : prior, prior, fragility(prior), broken, 0, 0, 0);
    }
    double[] c = counts(k);
    double fresh = (c[0] + prior * s) / (c[1] + s);
    double repeat = (c[2] + persistence * s) / (c[3] + s);
    boolean broken = brokenNow(k);
    return new NodeRate(
        broken ? repeat : fresh,
        fresh,
        fragility(fresh),
        broken,
        (int) c[4],
        (int) c[5],
        (int) c[6]);
  }

  private double fragility(double fresh) {
    double ratio = fresh / priorMean;
    return Math.min(
        settings.fragilityMax(),
        Math.max(settings.fragilityMin(), Math.pow(ratio, settings.fragilityExponent())));
  }
}
