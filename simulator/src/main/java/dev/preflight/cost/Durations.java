package dev.preflight.cost;

import java.util.SplittableRandom;

/**
 * Every node's build duration as a log-normal distribution: {@code ln D ~ N(mu, sigma^2)}, clamped
 * to {@code [minSeconds, maxSeconds]}. The <b>point</b> value, used by deterministic runs, is the
 * distribution's mean {@code exp(mu + sigma^2 / 2)} (clamped), so that summed CPU-hours are
 * unbiased; Monte Carlo runs draw. Built by {@link DurationModel}.
 *
 * <p>Immutable and thread-safe (draws take the caller's random generator).
 */
public final class Durations {
  private final double[] mu;
  private final double[] sigma;
  private final double[] point;
  private final byte[] source;
  private final double minSeconds;
  private final double maxSeconds;

  /**
   * @param observed per node the observed mean (taken exactly as the point value, so that hand-made
   *     durations stay exact), or {@code NaN} to use {@code exp(mu + sigma^2 / 2)}
   */
  Durations(
      double[] mu,
      double[] sigma,
      double[] observed,
      byte[] source,
      double minSeconds,
      double maxSeconds) {
    this.mu = mu;
    this.sigma = sigma;
    this.source = source;
    this.minSeconds = minSeconds;
    this.maxSeconds = maxSeconds;
    this.point = new double[mu.length];
    for (int v = 0; v < mu.length; v++) {
      double mean =
          Double.isNaN(observed[v]) ? Math.exp(mu[v] + sigma[v] * sigma[v] / 2) : observed[v];
      point[v] = clamp(mean);
    }
  }

  /** Number of nodes. */
  public int size() {
    return mu.length;
  }

  /** Expected seconds of {@code node} (the log-normal mean, clamped). */
  public double point(int node) {
    return point[node];
  }

  /** Median seconds of {@code node} (clamped). */
  public double median(int node) {
    return clamp(Math.exp(mu[node]));
  }

  /** Log-normal sigma of {@code node}. */
  public double sigma(int node) {
    return sigma[node];
  }

  /** Where {@code node}'s estimate comes from. */
  public DurationSource source(int node) {
    return DurationSource.values()[source[node]];
  }

  /** Number of nodes whose estimate comes from {@code s}. */
  public int count(DurationSource s) {
    int k = 0;
    for (byte b : source) {
      if (b == s.ordinal()) {
        k++;
      }
    }
    return k;
  }

  /** One draw of {@code node}'s duration; consumes two doubles of {@code random}. */
  public double draw(int node, SplittableRandom random) {
    return clamp(Math.exp(mu[node] + sigma[node] * gaussian(random)));
  }

  /**
   * A standard normal draw by Box-Muller (one of the pair), spelled out rather than {@code
   * nextGaussian()} so that a seed gives the same draws whatever the JDK's algorithm.
   */
  static double gaussian(SplittableRandom random) {
    double u1 = random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log1p(-u1)) * Math.cos(2.0 * Math.PI * u2);
  }

  private double clamp(double s) {
    return Math.min(maxSeconds, Math.max(minSeconds, s));
  }
}
