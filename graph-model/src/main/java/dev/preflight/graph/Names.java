package dev.preflight.graph;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.DamerauLevenshteinDistance;

/**
 * Unknown names on the command line or in a file (a format, a policy, a key): the error names the
 * word, the closest known name when one is near enough to be a slip, and every known name (STYLE.md
 * habit 1). One place, so every family answers a typo the same way.
 */
public final class Names {
  private Names() {}

  /**
   * The longest name accepted on the command line or in a changes or batch file: far beyond any
   * real package name (Debian's and nixpkgs' longest are under 100 characters), and short enough
   * that a closest-name search over every name of a graph stays within milliseconds.
   */
  public static final int MAX_NAME_LENGTH = 4096;

  /** How much of an over-long or unknown name an error message quotes. */
  static final int QUOTED_LENGTH = 80;

  /**
   * {@code name}, or an error when it is longer than {@link #MAX_NAME_LENGTH}.
   *
   * @param kind what the name names, e.g. {@code change name}
   */
  public static String requireLength(String kind, String name) {
    if (name != null && name.length() > MAX_NAME_LENGTH) {
      throw InputException.of(
          String.format(
              java.util.Locale.ROOT,
              "%s '%s' is %,d characters long; at most %,d are accepted",
              kind,
              quote(name),
              name.length(),
              MAX_NAME_LENGTH));
    }
    return name;
  }

  /** {@code name} for an error message: cut after {@link #QUOTED_LENGTH} characters. */
  public static String quote(String name) {
    if (name == null || name.length() <= QUOTED_LENGTH) {
      return name;
    }
    return name.substring(0, QUOTED_LENGTH) + "...";
  }

  /**
   * {@code unknown KIND 'name': did you mean 'closest'? (known: a, b, c)}, without the question
   * when no known name is close.
   *
   * @param kind what the name names, e.g. {@code policy} or {@code --format for plan}
   */
  public static InputException unknown(String kind, String name, Collection<String> known) {
    return InputException.of(unknownMessage(kind, name, known));
  }

  /** The message of {@link #unknown}, for callers that attach a file and line themselves. */
  public static String unknownMessage(String kind, String name, Collection<String> known) {
    return "unknown "
        + kind
        + " '"
        + quote(name)
        + "'"
        + closest(name, known).map(c -> ": did you mean '" + c + "'?").orElse("")
        + " (known: "
        + String.join(", ", known)
        + ")";
  }

  /**
   * The known name nearest to {@code name} when it is a plausible slip: an edit distance (with
   * transpositions, ignoring case) of at most a third of the longer word and at least 1, or one
   * word a prefix of the other, or the last part of a hyphenated name ({@code dot} for {@code
   * nix-dot}). Ties go to the earlier known name.
   */
  public static Optional<String> closest(String name, Collection<String> known) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
      return Optional.empty();
    }
    String n = name.strip().toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      String kl = k.toLowerCase(Locale.ROOT);
      boolean prefix =
          n.length() >= 2 && (kl.startsWith(n) || n.startsWith(kl) || kl.endsWith("-" + n));
      // The distance is at least the difference in length: skip the quadratic part when that
      // alone rules the name out.
      int lengthGap = Math.abs(n.length() - kl.length());
      if (!prefix && lengthGap > Math.max(1, Math.max(n.length(), kl.length()) / 3)) {
        continue;
      }
      if (lengthGap >= bestDistance) {
        continue;
      }
      int limit = Math.max(1, Math.max(n.length(), kl.length()) / 3);
      // Only a distance below the best so far counts; without a prefix, also at most the limit.
      int bound = prefix ? bestDistance - 1 : Math.min(limit, bestDistance - 1);
      int d = distance(n, kl, bound);
      if (d >= 0 && d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Optimal string alignment distance (insertions, deletions, substitutions, transpositions of
   * adjacent characters), or -1 when it exceeds {@code bound}: commons-text's {@link
   * DamerauLevenshteinDistance}, which stops a row early once the bound is out of reach (issue 15
   * item 6 replaced the hand-written matrix with it; docs/benchmarks.md).
   */
  static int distance(String a, String b, int bound) {
    DamerauLevenshteinDistance d =
        bound >= Integer.MAX_VALUE - 1
            ? UNBOUNDED
            : new DamerauLevenshteinDistance(Math.max(0, bound));
    return d.apply(a, b);
  }

  /** {@link #distance(String, String, int)} without a bound. */
  static int distance(String a, String b) {
    return UNBOUNDED.apply(a, b);
  }

  private static final DamerauLevenshteinDistance UNBOUNDED = new DamerauLevenshteinDistance();
}
