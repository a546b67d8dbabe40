package dev.preflight.graph.io.debian;

import dev.preflight.graph.InputException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The set of active build profiles ({@code nocheck}, {@code stage1}, {@code cross}, {@code
 * pkg.foo.bar}, ...) and the evaluation of restriction formulas such as {@code <!nocheck> <stage1
 * cross>}, as dpkg's {@code evaluate_restriction_formula} does it: the formula is a disjunction of
 * {@code <...>} groups, each group a conjunction of terms; {@code p} holds when profile {@code p}
 * is active and {@code !p} when it is not. An empty formula always holds. The default build has no
 * profile active ({@link #NONE}), so {@code <!nocheck>} holds and {@code <stage1>} does not.
 *
 * @param active the active profile names, sorted
 */
public record BuildProfiles(Set<String> active) {

  /** No profile active: the default build. */
  public static final BuildProfiles NONE = new BuildProfiles(Set.of());

  public BuildProfiles {
    TreeSet<String> sorted = new TreeSet<>();
    for (String p : active) {
      if (!isValidName(p)) {
        throw new IllegalArgumentException(
            "invalid build profile name '"
                + p
                + "' (letters, digits and '.', '+', '-'; no '!' or spaces)");
      }
      sorted.add(p);
    }
    active = java.util.Collections.unmodifiableSet(sorted);
  }

  /**
   * Active profiles from a list of names (blank entries ignored).
   *
   * @throws InputException naming an invalid profile name
   */
  public static BuildProfiles of(Collection<String> names) {
    TreeSet<String> set = new TreeSet<>();
    for (String n : names) {
      String s = n.strip();
      if (!s.isEmpty()) {
        if (!isValidName(s)) {
          throw InputException.of(
              "invalid build profile name '"
                  + s
                  + "' (letters, digits and '.', '+', '-', e.g. nocheck, stage1, pkg.foo.bar)");
        }
        set.add(s);
      }
    }
    return set.isEmpty() ? NONE : new BuildProfiles(set);
  }

  /** Whether {@code name} is a syntactically valid profile name (as a term, without {@code !}). */
  static boolean isValidName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '+'
              || c == '-'
              || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a restriction formula holds: any group whose terms all hold (an empty formula holds).
   *
   * @param formula the {@code <...>} groups, each a list of terms such as {@code !nocheck}
   */
  public boolean satisfies(List<List<String>> formula) {
    if (formula.isEmpty()) {
      return true;
    }
    for (List<String> group : formula) {
      boolean all = true;
      for (String term : group) {
        boolean negated = term.startsWith("!");
        String profile = negated ? term.substring(1) : term;
        if (active.contains(profile) == negated) {
          all = false;
          break;
        }
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  /** The active profiles joined with commas, empty for none. */
  @Override
  public String toString() {
    return String.join(",", active);
  }
}
