package dev.preflight.report.render;

import dev.preflight.report.Fmt;
import java.util.ArrayList;
import java.util.List;

/**
 * One axis of a chart: its scale, its domain and its ticks, and the map from a value to a fraction
 * of the axis length.
 *
 * <p><b>Linear axes</b> get "nice" ticks: steps of 1, 2 or 5 times a power of ten, chosen as
 * d3-array's {@code tickIncrement} does (d3/d3-array, {@code src/ticks.js}: the raw step {@code
 * span / count} is rounded to 10, 5, 2 or 1 times its power of ten at the thresholds {@code
 * sqrt(50)}, {@code sqrt(10)}, {@code sqrt(2)}), and the domain is widened to whole steps as
 * d3-scale's {@code linear.nice()} does (repeat until the step no longer changes). Labels carry
 * exactly the decimals the step needs: never {@code 0.00781}.
 *
 * <p><b>Log2 axes</b> are for cluster sizes that double (1, 2, 4, 8, ...): equal ratios sit at
 * equal distances, and the ticks are the sizes themselves.
 *
 * @param scale linear or log2
 * @param min the domain's low end
 * @param max the domain's high end ({@code > min})
 * @param ticks the ticks, ascending, all within the domain
 */
public record Axis(Scale scale, double min, double max, List<Tick> ticks) {

  /** How values map to positions. */
  public enum Scale {
    LINEAR,
    LOG2
  }

  /** One tick: its value and its label. */
  public record Tick(double value, String label) {}

  private static final double E10 = Math.sqrt(50);
  private static final double E5 = Math.sqrt(10);
  private static final double E2 = Math.sqrt(2);

  public Axis {
    ticks = List.copyOf(ticks);
    if (!(max > min)) {
      throw new IllegalArgumentException("empty axis domain [" + min + ", " + max + "]");
    }
    if (scale == Scale.LOG2 && !(min > 0)) {
      throw new IllegalArgumentException("log2 axis needs positive values");
    }
  }

  /**
   * A linear axis over {@code [lo, hi]} widened to whole nice steps, with about {@code count}
   * ticks. An empty range ({@code hi <= lo}) becomes {@code [lo, lo + 1]}.
   */
  public static Axis linear(double lo, double hi, int count) {
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    double step = 0;
    for (int i = 0; i < 10; i++) {
      double s = increment(lo, hi, count);
      if (s == step) {
        break;
      }
      step = s;
      lo = Math.floor(lo / step) * step;
      hi = Math.ceil(hi / step) * step;
    }
    int decimals = Math.max(0, -(int) Math.floor(Math.log10(step) + 1e-9));
    List<Tick> ticks = new ArrayList<>();
    long first = Math.round(lo / step);
    long last = Math.round(hi / step);
    for (long i = first; i <= last; i++) {
      // i / (1 / step) for fractional steps keeps 0.3 from printing as 0.30000000000000004.
      double v = step < 1 ? i / Math.rint(1 / step) : i * step;
      ticks.add(new Tick(v, Fmt.format("%,." + decimals + "f", v)));
    }
    return new Axis(Scale.LINEAR, lo, hi, ticks);
  }

  /** d3-array's tickIncrement: the nice step for about {@code count} ticks over the span. */
  static double increment(double lo, double hi, int count) {
    double step = (hi - lo) / Math.max(1, count);
    double power = Math.floor(Math.log10(step));
    double error = step / Math.pow(10, power);
    double factor = error >= E10 ? 10 : error >= E5 ? 5 : error >= E2 ? 2 : 1;
    return factor * Math.pow(10, power);
  }

  /** A log2 axis with a tick at each of {@code values} (positive, ascending). */
  public static Axis log2(double[] values) {
    List<Tick> ticks = new ArrayList<>();
    for (double v : values) {
      ticks.add(new Tick(v, Fmt.format("%,d", (long) v)));
    }
    double lo = values[0];
    double hi = values[values.length - 1];
    if (!(hi > lo)) {
      // One size: centre it on a one-octave span.
      lo = lo / Math.sqrt(2);
      hi = hi * Math.sqrt(2);
    }
    return new Axis(Scale.LOG2, lo, hi, ticks);
  }

  /**
   * The axis for cluster sizes: log2 with a tick per size when every size is a power of two (the
   * plan's 1, 2, 4, ... 64, or {@code --sizes 1,2,4,8}); otherwise linear with nice ticks.
   */
  public static Axis forSizes(double[] sizes) {
    boolean doubling = sizes.length > 0;
    for (double s : sizes) {
      long n = (long) s;
      doubling &= s == n && n > 0 && Long.bitCount(n) == 1;
    }
    if (doubling) {
      return log2(sizes);
    }
    return sizes.length == 0
        ? linear(0, 1, 5)
        : linear(sizes[0], sizes[sizes.length - 1], Math.min(8, Math.max(2, sizes.length)));
  }

  /** Where {@code v} sits along the axis: 0 at {@link #min}, 1 at {@link #max}. */
  public double fraction(double v) {
    if (scale == Scale.LOG2) {
      return (log2(v) - log2(min)) / (log2(max) - log2(min));
    }
    return (v - min) / (max - min);
  }

  private static double log2(double v) {
    return Math.log(v) / Math.log(2);
  }
}
