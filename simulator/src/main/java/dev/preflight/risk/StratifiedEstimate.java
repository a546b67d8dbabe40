package dev.preflight.risk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The breakage rate of the at-risk population estimated from observed build results, stratified as
 * in the {@link SamplingPlan}.
 *
 * <h2>Estimator</h2>
 *
 * With {@code x_h} failures among {@code n_h} observed nodes of stratum {@code h} (a failure is any
 * result but success: own failure, time-out, cached failure or dependency failure; aborted builds
 * are not results), over the strata that have observations ({@code N'} nodes):
 *
 * <pre>
 * rate    = sum W'_h x_h / n_h                         W'_h = N_h / N'
 * V       = sum W'_h^2 (1 - n_h/N_h) q_h (1 - q_h) / n_h    q_h = (x_h + 1/2) / (n_h + 1)
 * n_eff   = q (1 - q) / V                               q = sum W'_h q_h  (infinite if V = 0)
 * [lo,hi] = Wilson score interval of rate on n_eff trials at the requested confidence
 * </pre>
 *
 * This is the Wilson interval on the Kish effective sample size (as Korn and Graubard do with
 * Clopper-Pearson for survey proportions), with the finite population correction, so a fully
 * observed stratum contributes no uncertainty, and with the variance taken at the Jeffreys-smoothed
 * {@code q_h} so that a stratum with no failure still counts as uncertain. Counts are {@code N' *
 * rate}, clamped to what is already known (no fewer than the failures seen, no more than the
 * population minus the successes seen). Strata without any observation are not guessed: they add
 * the model's expectation to the point estimate and {@code [0, N_h]} to the interval. The
 * calibration harness measures the coverage (docs/models.md).
 *
 * <p>The guarantee needs the plan's random sample; results of other builds (for example the
 * build-first list, chosen for being risky) are used too but may bias the estimate upwards, so they
 * are counted in {@link #outsideSample}.
 */
public final class StratifiedEstimate {

  /** One stratum's observations. */
  public record StratumResult(int index, int size, int observed, int failures) {}

  private final double confidence;
  private final int population;
  private final int observed;
  private final int failures;
  private final double rate;
  private final double rateLow;
  private final double rateHigh;
  private final double count;
  private final double countLow;
  private final double countHigh;
  private final int unobservedStrata;
  private final int outsideSample;
  private final int ignored;
  private final List<StratumResult> strata;

  private StratifiedEstimate(
      double confidence,
      int population,
      int observed,
      int failures,
      double count,
      double countLow,
      double countHigh,
      int unobservedStrata,
      int outsideSample,
      int ignored,
      List<StratumResult> strata) {
    this.confidence = confidence;
    this.population = population;
    this.observed = observed;
    this.failures = failures;
    this.count = count;
    this.countLow = countLow;
    this.countHigh = countHigh;
    this.rate = population == 0 ? 0 : count / population;
    this.rateLow = population == 0 ? 0 : countLow / population;
    this.rateHigh = population == 0 ? 0 : countHigh / population;
    this.unobservedStrata = unobservedStrata;
    this.outsideSample = outsideSample;
    this.ignored = ignored;
    this.strata = strata;
  }

  /**
   * Estimates from {@code outcomes}: graph node -> failed. Nodes outside the population (not
   * rebuilt, or already broken) are ignored and counted in {@link #ignored}.
   */
  public static StratifiedEstimate of(
      SamplingPlan plan, RiskScores scores, Map<Integer, Boolean> outcomes, double confidence) {
    int strataCount = plan.strata().size();
    int[] n = new int[strataCount];
    int[] x = new int[strataCount];
    int ignored = 0;
    int outside = 0;
    java.util.Set<Integer> sampled = new java.util.HashSet<>();
    for (int v : plan.sample()) {
      sampled.add(v);
    }
    for (Map.Entry<Integer, Boolean> e : outcomes.entrySet()) {
      int i = scores.scope().indexOf(e.getKey());
      int h = i < 0 ? -1 : plan.stratumOf(i);
      if (h < 0) {
        ignored++;
        continue;
      }
      n[h]++;
      x[h] += e.getValue() ? 1 : 0;
      if (!sampled.contains(e.getKey())) {
        outside++;
      }
    }
    double[] expectedPerStratum = new double[strataCount];
    for (int i = 0; i < scores.size(); i++) {
      int h = plan.stratumOf(i);
      if (h >= 0) {
        expectedPerStratum[h] += scores.failure(i);
      }
    }
    int[] size = new int[strataCount];
    for (int h = 0; h < strataCount; h++) {
      size[h] = plan.strata().get(h).size();
    }
    return compute(size, n, x, expectedPerStratum, confidence, outside, ignored);
  }

  /**
   * The estimator on plain counts: stratum sizes, observed and failed per stratum, and the model's
   * expected failures per stratum (used only for strata without observations).
   */
  static StratifiedEstimate compute(
      int[] size,
      int[] n,
      int[] x,
      double[] expectedPerStratum,
      double confidence,
      int outside,
      int ignored) {
    double z = Stats.z(confidence);
    int population = 0;
    int covered = 0;
    int observed = 0;
    int failures = 0;
    int unobserved = 0;
    double extraCount = 0;
    double extraHigh = 0;
    List<StratumResult> rows = new ArrayList<>();
    for (int h = 0; h < size.length; h++) {
      population += size[h];
      observed += n[h];
      failures += x[h];
      rows.add(new StratumResult(h, size[h], n[h], x[h]));
      if (n[h] > 0) {
        covered += size[h];
      } else if (size[h] > 0) {
        unobserved++;
        extraCount += expectedPerStratum[h];
        extraHigh += size[h];
      }
    }
    double rate = 0;
    double q = 0;
    double v = 0;
    for (int h = 0; h < size.length; h++) {
      if (n[h] == 0) {
        continue;
      }
      double w = (double) size[h] / covered;
      double qh = (x[h] + 0.5) / (n[h] + 1.0);
      rate += w * x[h] / n[h];
      q += w * qh;
      v += w * w * (1 - (double) n[h] / size[h]) * qh * (1 - qh) / n[h];
    }
    double count;
    double low;
    double high;
    if (covered == 0) {
      count = extraCount;
      low = 0;
      high = extraHigh;
    } else {
      double nEff = v <= 0 ? Double.POSITIVE_INFINITY : q * (1 - q) / v;
      double[] ci = Stats.wilson(rate, nEff, z);
      int successes = observed - failures;
      count = covered * rate + extraCount;
      low = Math.max(failures, covered * ci[0]);
      high = Math.min(covered - successes, covered * ci[1]) + extraHigh;
      low = Math.min(low, count);
      high = Math.max(high, count);
    }
    return new StratifiedEstimate(
        confidence,
        population,
        observed,
        failures,
        count,
        low,
        high,
        unobserved,
        outside,
        ignored,
        Collections.unmodifiableList(rows));
  }

  public double confidence() {
    return confidence;
  }

  /** Size of the at-risk population. */
  public int population() {
    return population;
  }

  /** Observed nodes of the population. */
  public int observed() {
    return observed;
  }

  /** Failures among them. */
  public int failures() {
    return failures;
  }

  /** Estimated breakage rate of the population. */
  public double rate() {
    return rate;
  }

  public double rateLow() {
    return rateLow;
  }

  public double rateHigh() {
    return rateHigh;
  }

  /** Estimated number of new failures in the population. */
  public double count() {
    return count;
  }

  public double countLow() {
    return countLow;
  }

  public double countHigh() {
    return countHigh;
  }

  /** Strata of the plan without any observation (their part of the interval is [0, N_h]). */
  public int unobservedStrata() {
    return unobservedStrata;
  }

  /** Observed population nodes that were not in the plan's random sample. */
  public int outsideSample() {
    return outsideSample;
  }

  /** Observed nodes outside the population (not rebuilt, or already broken). */
  public int ignored() {
    return ignored;
  }

  public List<StratumResult> strata() {
    return strata;
  }
}
