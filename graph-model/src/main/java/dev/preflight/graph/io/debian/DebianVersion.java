package dev.preflight.graph.io.debian;

import java.util.Objects;

/**
 * A Debian version {@code [epoch:]upstream_version[-debian_revision]}, ordered exactly as {@code
 * dpkg --compare-versions} orders it (Debian Policy §5.6.12, dpkg's {@code verrevcmp}): epochs
 * numerically, then upstream version, then revision, each compared in alternating non-digit and
 * digit runs, where {@code ~} sorts before everything (even the end of the string), letters before
 * other characters, and digit runs numerically (leading zeros ignored).
 *
 * <p>Parsing follows dpkg's {@code parseversion}: the epoch is the part before the first colon and
 * must be a non-negative decimal number; the revision is the part after the last hyphen and must
 * not be empty. Like dpkg outside its strict mode, other syntax problems (an upstream version that
 * does not start with a digit, unusual characters) are accepted and still ordered consistently.
 *
 * @param epoch the epoch, 0 when absent
 * @param upstream the upstream version
 * @param revision the Debian revision, empty when absent (dpkg orders {@code 1.0} and {@code 1.0-0}
 *     equal)
 */
public record DebianVersion(int epoch, String upstream, String revision)
    implements Comparable<DebianVersion> {

  public DebianVersion {
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(revision, "revision");
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
    }
    if (upstream.isEmpty()) {
      throw new IllegalArgumentException("upstream version is empty");
    }
  }

  /**
   * Parses a version string.
   *
   * @throws IllegalArgumentException naming what is wrong (empty, embedded space, bad epoch, empty
   *     revision)
   */
  public static DebianVersion parse(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("version string is empty");
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        throw new IllegalArgumentException("version '" + s + "' has embedded spaces");
      }
    }
    int epoch = 0;
    int colon = s.indexOf(':');
    if (colon >= 0) {
      String e = s.substring(0, colon);
      if (e.isEmpty()) {
        throw new IllegalArgumentException("version '" + s + "' has an empty epoch");
      }
      long value = 0;
      for (int i = 0; i < e.length(); i++) {
        char c = e.charAt(i);
        if (c < '0' || c > '9') {
          throw new IllegalArgumentException("version '" + s + "' has a non-numeric epoch");
        }
        value = value * 10 + (c - '0');
        if (value > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("version '" + s + "' has an epoch that is too big");
        }
      }
      epoch = (int) value;
      s = s.substring(colon + 1);
    }
    String revision = "";
    int hyphen = s.lastIndexOf('-');
    if (hyphen >= 0) {
      revision = s.substring(hyphen + 1);
      if (revision.isEmpty()) {
        throw new IllegalArgumentException("version '" + text.strip() + "' has an empty revision");
      }
      s = s.substring(0, hyphen);
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException(
          "version '" + text.strip() + "' has an empty upstream version");
    }
    return new DebianVersion(epoch, s, revision);
  }

  @Override
  public int compareTo(DebianVersion other) {
    if (epoch != other.epoch) {
      return epoch < other.epoch ? -1 : 1;
    }
    int c = compareFragments(upstream, other.upstream);
    if (c != 0) {
      return c;
    }
    return compareFragments(revision, other.revision);
  }

  /** Compares two version strings as dpkg does; both must parse. */
  public static int compare(String a, String b) {
    return parse(a).compareTo(parse(b));
  }

  /**
   * dpkg's {@code verrevcmp}: alternating non-digit runs (compared by {@link #order}) and digit
   * runs (compared numerically). The result is only meaningful by its sign.
   */
  static int compareFragments(String a, String b) {
    int i = 0;
    int j = 0;
    int la = a.length();
    int lb = b.length();
    while (i < la || j < lb) {
      while ((i < la && !isDigit(a.charAt(i))) || (j < lb && !isDigit(b.charAt(j)))) {
        int ac = order(i < la ? a.charAt(i) : 0);
        int bc = order(j < lb ? b.charAt(j) : 0);
        if (ac != bc) {
          return Integer.signum(ac - bc);
        }
        i++;
        j++;
      }
      while (i < la && a.charAt(i) == '0') {
        i++;
      }
      while (j < lb && b.charAt(j) == '0') {
        j++;
      }
      int firstDiff = 0;
      while (i < la && j < lb && isDigit(a.charAt(i)) && isDigit(b.charAt(j))) {
        if (firstDiff == 0) {
          firstDiff = a.charAt(i) - b.charAt(j);
        }
        i++;
        j++;
      }
      if (i < la && isDigit(a.charAt(i))) {
        return 1;
      }
      if (j < lb && isDigit(b.charAt(j))) {
        return -1;
      }
      if (firstDiff != 0) {
        return Integer.signum(firstDiff);
      }
    }
    return 0;
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /** dpkg's character order: end and digits 0, {@code ~} first, letters, then everything else. */
  private static int order(int c) {
    if (isDigit(c)) {
      return 0;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return c;
    } else if (c == '~') {
      return -1;
    } else if (c != 0) {
      return c + 256;
    } else {
      return 0;
    }
  }

  /** The version as Debian writes it (the epoch only when it is not 0). */
  @Override
  public String toString() {
    return (epoch != 0 ? epoch + ":" : "") + upstream + (revision.isEmpty() ? "" : "-" + revision);
  }
}
