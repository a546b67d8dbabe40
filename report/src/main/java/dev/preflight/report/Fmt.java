package dev.preflight.report;

import java.util.Locale;

/**
 * The one formatter of numbers, durations and money for every report: {@link Locale#ROOT} always (a
 * comma groups thousands, a point separates decimals), whatever the machine's locale, so that a
 * report reads the same on every machine and golden files stay byte-identical.
 */
public final class Fmt {
  private Fmt() {}

  /** {@link String#format} in {@link Locale#ROOT}. */
  public static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  /** {@code x} rounded half-up to {@code decimals} places (the JSON and CSV numbers). */
  public static double round(double x, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(x * f) / f;
  }

  /** {@code 12,345}. */
  public static String count(long n) {
    return format("%,d", n);
  }

  /** Money with two decimals and grouped thousands: {@code 1,234.50}. */
  public static String money(double x) {
    return format("%,.2f", x);
  }

  /** Money with its ISO 4217 code: {@code 1,234.50 USD}. */
  public static String money(double x, String currency) {
    return money(x) + " " + currency;
  }

  /** {@code 3h 05m (11,109 s)}. */
  public static String duration(double seconds) {
    return shortDuration(seconds) + format(" (%,.0f s)", seconds);
  }

  /** {@code 3h 05m}, {@code 4m 09s} or {@code 12s}. */
  public static String shortDuration(double seconds) {
    long s = Math.round(seconds);
    long h = s / 3600;
    long m = (s % 3600) / 60;
    long sec = s % 60;
    if (h > 0) {
      return format("%dh %02dm", h, m);
    }
    if (m > 0) {
      return format("%dm %02ds", m, sec);
    }
    return sec + "s";
  }

  /** {@code 6.5 h} from an hour on, else {@code 42 min}: the verdict's durations. */
  public static String hours(double seconds) {
    return seconds >= 3600 ? format("%.1f h", seconds / 3600) : format("%.0f min", seconds / 60);
  }
}
