package dev.preflight.graph.io.debian;

import dev.preflight.graph.InputException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Debian architecture and dpkg's architecture matching, as {@code Dpkg::Arch} implements it (dpkg
 * 1.21, Debian bookworm).
 *
 * <p>Every architecture name stands for a tuple {@code abi-libc-os-cpu}, taken from dpkg's {@code
 * tupletable} expanded over its {@code cputable} (both copied below): {@code amd64} is {@code
 * base-gnu-linux-amd64}, {@code x32} is {@code x32-gnu-linux-amd64}, {@code armhf} is {@code
 * eabihf-gnu-linux-arm}, {@code hurd-amd64} is {@code base-gnu-hurd-amd64}. A name starting with
 * {@code linux-} stands for the name without it ({@code linux-amd64} is {@code amd64}), as in dpkg.
 *
 * <p>Patterns in {@code [...]} restrictions are matched by {@link #is}: {@code any} matches
 * everything; a pattern containing an {@code any} part is a wildcard, padded on the left with
 * {@code any} to four parts ({@code linux-any} is {@code any-any-linux-any}, {@code any-amd64} is
 * {@code any-any-any-amd64}, {@code gnu-any-any} is {@code any-gnu-any-any}) and matched part by
 * part; any other pattern matches when it names the same tuple. Unknown names match nothing. {@link
 * #isConcerned} evaluates a whole list with negations ({@code [!hurd-any !kfreebsd-any]}),
 * including dpkg's order-dependent handling of lists that mix positive and negated terms (which
 * Debian Policy forbids but dpkg accepts).
 *
 * @param name the architecture name, e.g. {@code amd64}
 * @param abi the ABI part, e.g. {@code base}
 * @param libc the libc part, e.g. {@code gnu}
 * @param os the operating system part, e.g. {@code linux}
 * @param cpu the CPU part, e.g. {@code amd64}
 */
public record DebianArch(String name, String abi, String libc, String os, String cpu) {

  /** dpkg's {@code cputable}, first column. */
  private static final List<String> CPUS =
      List.of(
          "alpha",
          "amd64",
          "arc",
          "armeb",
          "arm",
          "arm64",
          "avr32",
          "hppa",
          "loong64",
          "i386",
          "ia64",
          "m32r",
          "m68k",
          "mips",
          "mipsel",
          "mipsr6",
          "mipsr6el",
          "mips64",
          "mips64el",
          "mips64r6",
          "mips64r6el",
          "nios2",
          "or1k",
          "powerpc",
          "powerpcel",
          "ppc64",
          "ppc64el",
          "riscv64",
          "s390",
          "s390x",
          "sh3",
          "sh3eb",
          "sh4",
          "sh4eb",
          "sparc",
          "sparc64",
          "tilegx");

  /** dpkg's {@code tupletable}: tuple, name; {@code <cpu>} expands over {@link #CPUS}. */
  private static final String[][] TUPLES = {
    {"eabi-uclibc-linux-arm", "uclibc-linux-armel"},
    {"base-uclibc-linux-<cpu>", "uclibc-linux-<cpu>"},
    {"eabihf-musl-linux-arm", "musl-linux-armhf"},
    {"base-musl-linux-<cpu>", "musl-linux-<cpu>"},
    {"ilp32-gnu-linux-arm64", "arm64ilp32"},
    {"eabihf-gnu-linux-arm", "armhf"},
    {"eabi-gnu-linux-arm", "armel"},
    {"abin32-gnu-linux-mips64r6el", "mipsn32r6el"},
    {"abin32-gnu-linux-mips64r6", "mipsn32r6"},
    {"abin32-gnu-linux-mips64el", "mipsn32el"},
    {"abin32-gnu-linux-mips64", "mipsn32"},
    {"abi64-gnu-linux-mips64r6el", "mips64r6el"},
    {"abi64-gnu-linux-mips64r6", "mips64r6"},
    {"abi64-gnu-linux-mips64el", "mips64el"},
    {"abi64-gnu-linux-mips64", "mips64"},
    {"spe-gnu-linux-powerpc", "powerpcspe"},
    {"x32-gnu-linux-amd64", "x32"},
    {"base-gnu-linux-<cpu>", "<cpu>"},
    {"eabihf-gnu-kfreebsd-arm", "kfreebsd-armhf"},
    {"base-gnu-kfreebsd-<cpu>", "kfreebsd-<cpu>"},
    {"base-gnu-knetbsd-<cpu>", "knetbsd-<cpu>"},
    {"base-gnu-kopensolaris-<cpu>", "kopensolaris-<cpu>"},
    {"base-gnu-hurd-<cpu>", "hurd-<cpu>"},
    {"base-bsd-dragonflybsd-<cpu>", "dragonflybsd-<cpu>"},
    {"base-bsd-freebsd-<cpu>", "freebsd-<cpu>"},
    {"base-bsd-openbsd-<cpu>", "openbsd-<cpu>"},
    {"base-bsd-netbsd-<cpu>", "netbsd-<cpu>"},
    {"base-bsd-darwin-<cpu>", "darwin-<cpu>"},
    {"base-sysv-aix-<cpu>", "aix-<cpu>"},
    {"base-sysv-solaris-<cpu>", "solaris-<cpu>"},
    {"eabi-uclibc-uclinux-arm", "uclinux-armel"},
    {"base-uclibc-uclinux-<cpu>", "uclinux-<cpu>"},
    {"base-tos-mint-m68k", "mint-m68k"},
  };

  /** Architecture name to tuple, built as dpkg's {@code _load_tupletable} builds it. */
  private static final Map<String, String> TUPLE_OF_NAME = new HashMap<>();

  static {
    Map<String, String> nameOfTuple = new HashMap<>();
    for (String[] row : TUPLES) {
      String tuple = row[0];
      String name = row[1];
      if (tuple.contains("<cpu>")) {
        for (String cpu : CPUS) {
          String t = tuple.replace("<cpu>", cpu);
          String n = name.replace("<cpu>", cpu);
          if (TUPLE_OF_NAME.containsKey(n) || nameOfTuple.containsKey(t)) {
            continue;
          }
          TUPLE_OF_NAME.put(n, t);
          nameOfTuple.put(t, n);
        }
      } else {
        TUPLE_OF_NAME.put(name, tuple);
        nameOfTuple.put(tuple, name);
      }
    }
  }

  /** The release architectures of Debian bookworm, named when an unknown one is asked for. */
  private static final String RELEASE_ARCHES =
      "amd64, arm64, armel, armhf, i386, mips64el, mipsel, ppc64el, s390x";

  /** The default architecture of the Debian importer. */
  public static final DebianArch AMD64 = of("amd64");

  public DebianArch {
    for (String part : new String[] {name, abi, libc, os, cpu}) {
      if (part == null || part.isEmpty()) {
        throw new IllegalArgumentException("architecture parts must not be empty");
      }
    }
  }

  /**
   * The architecture with this name (case-insensitive).
   *
   * @throws InputException if dpkg's tables do not know the name
   */
  public static DebianArch of(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    String[] t = tuple(n);
    if (t == null) {
      throw InputException.of(
          "unknown Debian architecture '"
              + name
              + "' (known: the names of dpkg's tuple table, e.g. the bookworm release"
              + " architectures "
              + RELEASE_ARCHES
              + ")");
    }
    return new DebianArch(n, t[0], t[1], t[2], t[3]);
  }

  /** The tuple of a concrete architecture name, or null (dpkg's {@code debarch_to_debtuple}). */
  private static String[] tuple(String name) {
    String n = name;
    if (n.startsWith("linux-")) {
      // dpkg: "Might disappear in the future, not sure yet."
      int end = n.indexOf('-', 6);
      n = end < 0 ? n.substring(6) : n.substring(6, end);
    }
    String t = TUPLE_OF_NAME.get(n);
    return t == null ? null : t.split("-", 4);
  }

  /** The tuple a pattern stands for (dpkg's {@code debwildcard_to_debtuple}), or null. */
  private static String[] patternTuple(String pattern) {
    String[] parts = pattern.split("-", 4);
    boolean wildcard = false;
    for (String p : parts) {
      wildcard |= p.equals("any");
    }
    if (!wildcard) {
      return tuple(pattern);
    }
    String[] t = {"any", "any", "any", "any"};
    if (parts.length == 1) {
      return t;
    }
    System.arraycopy(parts, 0, t, 4 - parts.length, parts.length);
    return t;
  }

  /**
   * Whether this architecture is matched by {@code pattern} (dpkg's {@code debarch_is}): a name,
   * {@code any}, or a wildcard such as {@code linux-any}, {@code any-amd64}, {@code gnu-any-any}.
   */
  public boolean is(String pattern) {
    String p = pattern.toLowerCase(Locale.ROOT);
    if (p.equals(name) || p.equals("any")) {
      return true;
    }
    String[] a = patternTuple(p);
    if (a == null || a.length != 4) {
      return false;
    }
    return part(a[0], abi) && part(a[1], libc) && part(a[2], os) && part(a[3], cpu);
  }

  private static boolean part(String pattern, String value) {
    return pattern.equals("any") || pattern.equals(value);
  }

  /**
   * Whether a relation with this architecture restriction list applies here (dpkg's {@code
   * debarch_is_concerned}). An empty list applies everywhere. A positive term that matches makes
   * the list apply; a negated term ({@code !arch}) that matches makes it not apply; a negated term
   * that does not match makes it apply unless a later term decides otherwise.
   */
  public boolean isConcerned(List<String> restriction) {
    if (restriction.isEmpty()) {
      return true;
    }
    boolean seen = false;
    for (String term : restriction) {
      if (term.startsWith("!")) {
        if (is(term.substring(1))) {
          return false;
        }
        seen = true;
      } else if (is(term)) {
        return true;
      }
    }
    return seen;
  }

  /**
   * The graph's {@code system} string for nodes built on this architecture: {@code <arch>-linux}
   * for Linux architectures named without their OS ({@code amd64-linux}, {@code armhf-linux}, as
   * DESIGN.md §5 says), else {@code <cpu name>-<os>} with a non-GNU libc appended ({@code
   * hurd-amd64} gives {@code amd64-hurd}, {@code musl-linux-amd64} gives {@code amd64-linux-musl}).
   */
  public String system() {
    int dash = name.lastIndexOf('-');
    String base = dash < 0 ? name : name.substring(dash + 1);
    return base + "-" + os + (libc.equals("gnu") || dash < 0 ? "" : "-" + libc);
  }

  @Override
  public String toString() {
    return name;
  }
}
