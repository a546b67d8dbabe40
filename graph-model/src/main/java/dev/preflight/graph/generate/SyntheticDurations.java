package dev.preflight.graph.generate;

import java.util.SplittableRandom;

/**
 * Build durations with the shape of a real full-distribution rebuild: a mixture of two log-normal
 * distributions, truncated at six hours.
 *
 * <p>Fitted (least squares, scipy) to the published Debian figures DESIGN.md §3 quotes — 10,052
 * sources, mean 79 s, median 27 s, 54% under 30 s, 17 builds over one hour, the longest ~6 h:
 *
 * <ul>
 *   <li>body, weight {@value #BODY_WEIGHT_PERMILLE}‰: {@code exp(N(3.2697, 1.2580))} (median 26 s);
 *   <li>tail, the rest: {@code exp(N(4.5757, 2.7651))} (median 97 s, very wide);
 *   <li>draws over {@value #MAX_SECONDS} s are drawn again.
 * </ul>
 *
 * The fitted mixture has median 26.6 s, mean 78.6 s, 53.7% under 30 s, 0.171% over one hour (17.2
 * per 10,052) and about one build in 10,000 over five hours; a 40,000-draw sample has ~70 over one
 * hour and its longest just under six hours.
 *
 * <p>Stateless; thread-safe. Draws consume a caller-owned {@link SplittableRandom}.
 */
public final class SyntheticDurations {
  /** The longest build the model produces, in seconds (six hours). */
  public static final double MAX_SECONDS = 21_600;

  static final int BODY_WEIGHT_PERMILLE = 976;
  private static final double TAIL_WEIGHT = 0.023643;
  private static final double BODY_MU = 3.269689;
  private static final double BODY_SIGMA = 1.258009;
  private static final double TAIL_MU = 4.575711;
  private static final double TAIL_SIGMA = 2.765081;

  private SyntheticDurations() {}

  /** One build duration in seconds, in {@code (0, MAX_SECONDS]}. */
  public static double sample(SplittableRandom random) {
    while (true) {
      boolean tail = random.nextDouble() < TAIL_WEIGHT;
      double z = gaussian(random);
      double s = tail ? Math.exp(TAIL_MU + TAIL_SIGMA * z) : Math.exp(BODY_MU + BODY_SIGMA * z);
      if (s <= MAX_SECONDS) {
        return s;
      }
    }
  }

  /**
   * A standard normal draw (Box–Muller, one of the pair), so the sequence depends only on the
   * random's state and not on cached values.
   */
  static double gaussian(SplittableRandom random) {
    double u1 = random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log1p(-u1)) * Math.cos(2.0 * Math.PI * u2);
  }
}
