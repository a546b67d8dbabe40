package dev.preflight.impact;

/**
 * The distribution of the rebuild count under {@link Policy#CUTOFF}, from seeded Monte Carlo
 * trials. Percentiles are nearest-rank: the {@code q}-th percentile is the {@code ceil(q / 100 *
 * samples)}-th smallest trial.
 *
 * @param samples number of trials
 * @param seed the seed of the trials
 * @param expected mean rebuild count over the trials
 * @param p10 10th percentile
 * @param p50 median
 * @param p90 90th percentile
 * @param min smallest trial
 * @param max largest trial
 */
public record CutoffStats(
    int samples, long seed, double expected, int p10, int p50, int p90, int min, int max) {

  public CutoffStats {
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be >= 1");
    }
    if (!(min <= p10 && p10 <= p50 && p50 <= p90 && p90 <= max)) {
      throw new IllegalArgumentException("percentiles out of order");
    }
    if (expected < min || expected > max) {
      throw new IllegalArgumentException("expected outside [min, max]");
    }
  }
}
