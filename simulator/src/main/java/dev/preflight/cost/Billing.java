package dev.preflight.cost;

/**
 * How machine time is billed: each stretch a machine runs (from the start of its boot to its stop,
 * or to the end of the rebuild) is rounded up to a multiple of {@code unitSeconds} and to at least
 * {@code minimumSeconds}. Per-second billing with a one-minute minimum is {@code (1, 60)}; hourly
 * billing is {@code (3600, 3600)}.
 *
 * @param unitSeconds billing granularity, {@code > 0}
 * @param minimumSeconds minimum billed time per stretch, {@code >= 0}
 */
public record Billing(double unitSeconds, double minimumSeconds) {
  public Billing {
    if (!(unitSeconds > 0) || !Double.isFinite(unitSeconds)) {
      throw new IllegalArgumentException("billing unitSeconds must be > 0");
    }
    if (!(minimumSeconds >= 0) || !Double.isFinite(minimumSeconds)) {
      throw new IllegalArgumentException("billing minimumSeconds must be >= 0");
    }
  }

  /** The billed seconds of one stretch of {@code seconds} running time. */
  public double billedSeconds(double seconds) {
    // The epsilon keeps 3600.0000000001 (float noise) from being billed as two hours.
    double units = Math.ceil(seconds / unitSeconds - 1e-9);
    return Math.max(minimumSeconds, Math.max(0, units) * unitSeconds);
  }
}
