package dev.preflight.graph.io.debian;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses relationship fields (Debian Policy §7.1: {@code Depends}, {@code Build-Depends}, {@code
 * Provides}, ...) into clauses of alternatives: {@code a (>= 1) | b [amd64], c:native <!nocheck>}
 * gives {@code [[a (>= 1), b [amd64]], [c:native <!nocheck>]]}.
 *
 * <p>The grammar of one alternative is dpkg's ({@code Dpkg::Deps::Simple}): a package name ({@code
 * [a-zA-Z0-9][a-zA-Z0-9+.-]*}), an optional {@code :qualifier} right after it, then optionally and
 * in this order a version constraint {@code (op version)} with any spacing, an architecture list
 * {@code [...]} and one or more build profile groups {@code <...>}. Whitespace, including the line
 * breaks of continuation lines, may appear between all parts. As in dpkg, empty clauses left by
 * trailing commas are ignored; any other empty clause or alternative is an error.
 *
 * <p>Stateless and thread-safe. Linear in the length of the field.
 */
public final class RelationParser {

  /** A syntax error at a character offset of the field value. */
  public static final class SyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int offset;

    SyntaxException(int offset, String message) {
      super(message);
      this.offset = offset;
    }

    /** Offset into the parsed text where the problem is. */
    public int offset() {
      return offset;
    }
  }

  private RelationParser() {}

  /**
   * Parses a whole relationship field.
   *
   * @return the clauses (comma-separated), each a non-empty list of alternatives ({@code
   *     |}-separated)
   * @throws SyntaxException naming the offending relation
   */
  public static List<List<Relation>> parse(String field) {
    List<List<Relation>> clauses = new ArrayList<>();
    int n = field.length();
    int start = 0;
    List<int[]> emptyClauses = new ArrayList<>();
    while (start <= n) {
      int comma = field.indexOf(',', start);
      int end = comma < 0 ? n : comma;
      if (isBlank(field, start, end)) {
        emptyClauses.add(new int[] {start, end});
      } else {
        if (!emptyClauses.isEmpty()) {
          throw new SyntaxException(
              emptyClauses.get(0)[0], "empty relation between commas in '" + field.strip() + "'");
        }
        clauses.add(parseClause(field, start, end));
      }
      if (comma < 0) {
        break;
      }
      start = comma + 1;
    }
    return clauses;
  }

  /** Parses one clause: alternatives separated by {@code |}. */
  static List<Relation> parseClause(String s, int from, int to) {
    List<Relation> alternatives = new ArrayList<>(2);
    int start = from;
    while (true) {
      int bar = s.indexOf('|', start);
      int end = bar < 0 || bar >= to ? to : bar;
      if (isBlank(s, start, end)) {
        throw new SyntaxException(
            start, "empty alternative in '" + s.substring(from, to).strip() + "'");
      }
      alternatives.add(parseAlternative(s, start, end));
      if (end == to) {
        return alternatives;
      }
      start = end + 1;
    }
  }

  /** Parses one alternative occupying {@code s[from, to)}. */
  static Relation parseAlternative(String s, int from, int to) {
    String text = s.substring(from, to).strip();
    int p = skipSpace(s, from, to);

    // Package name.
    int nameStart = p;
    if (p >= to || !isAlnum(s.charAt(p))) {
      throw error(p, text, "expected a package name");
    }
    p++;
    while (p < to && isNameChar(s.charAt(p))) {
      p++;
    }
    String name = s.substring(nameStart, p);

    // :qualifier directly after the name.
    String qualifier = null;
    if (p < to && s.charAt(p) == ':') {
      int q = ++p;
      if (p >= to || !isAlnum(s.charAt(p))) {
        throw error(p, text, "expected an architecture qualifier after ':'");
      }
      while (p < to && (isAlnum(s.charAt(p)) || s.charAt(p) == '-')) {
        p++;
      }
      qualifier = s.substring(q, p);
    }

    // (op version)
    VersionConstraint version = null;
    p = skipSpace(s, p, to);
    if (p < to && s.charAt(p) == '(') {
      int open = p;
      p = skipSpace(s, p + 1, to);
      int opStart = p;
      while (p < to && "<>=".indexOf(s.charAt(p)) >= 0) {
        p++;
      }
      VersionConstraint.Operator op = VersionConstraint.Operator.ofSymbol(s.substring(opStart, p));
      if (op == null) {
        throw error(
            opStart,
            text,
            "expected a version relation (<<, <=, =, >=, >>) after '(' but found '"
                + s.substring(opStart, Math.max(p, Math.min(opStart + 1, to)))
                + "'");
      }
      p = skipSpace(s, p, to);
      int vStart = p;
      while (p < to && s.charAt(p) != ')' && !isSpace(s.charAt(p))) {
        p++;
      }
      if (p == vStart) {
        throw error(vStart, text, "expected a version after '" + op.symbol() + "'");
      }
      String v = s.substring(vStart, p);
      p = skipSpace(s, p, to);
      if (p >= to || s.charAt(p) != ')') {
        throw error(open, text, "unclosed '(' of the version constraint");
      }
      version = new VersionConstraint(op, v);
      p = skipSpace(s, p + 1, to);
    }

    // [arch ...]
    List<String> arches = List.of();
    if (p < to && s.charAt(p) == '[') {
      int close = s.indexOf(']', p);
      if (close < 0 || close >= to) {
        throw error(p, text, "unclosed '[' of the architecture list");
      }
      arches = words(s, p + 1, close);
      if (arches.isEmpty()) {
        throw error(p, text, "empty architecture list []");
      }
      for (String a : arches) {
        if (!isArchTerm(a)) {
          throw error(p, text, "'" + a + "' is not a legal architecture in the list");
        }
      }
      p = skipSpace(s, close + 1, to);
    }

    // <profile ...> <...>
    List<List<String>> profiles = new ArrayList<>(0);
    while (p < to && s.charAt(p) == '<') {
      int close = s.indexOf('>', p);
      if (close < 0 || close >= to) {
        throw error(p, text, "unclosed '<' of a build profile restriction");
      }
      List<String> group = words(s, p + 1, close);
      if (group.isEmpty()) {
        throw error(p, text, "empty build profile restriction <>");
      }
      for (String term : group) {
        String profile = term.startsWith("!") ? term.substring(1) : term;
        if (profile.isEmpty() || profile.indexOf('<') >= 0 || profile.indexOf('!') >= 0) {
          throw error(p, text, "'" + term + "' is not a legal build profile term");
        }
      }
      profiles.add(group);
      p = skipSpace(s, close + 1, to);
    }

    if (p < to) {
      throw error(p, text, "unexpected '" + s.charAt(p) + "'");
    }
    return new Relation(name, qualifier, version, arches, profiles);
  }

  private static SyntaxException error(int offset, String relation, String what) {
    return new SyntaxException(offset, "cannot parse relation '" + relation + "': " + what);
  }

  private static List<String> words(String s, int from, int to) {
    List<String> out = new ArrayList<>(4);
    int p = from;
    while (true) {
      p = skipSpace(s, p, to);
      if (p >= to) {
        return out;
      }
      int w = p;
      while (p < to && !isSpace(s.charAt(p))) {
        p++;
      }
      out.add(s.substring(w, p));
    }
  }

  private static boolean isArchTerm(String a) {
    int i = a.startsWith("!") ? 1 : 0;
    if (i >= a.length() || !isAlnum(a.charAt(i))) {
      return false;
    }
    for (i++; i < a.length(); i++) {
      char c = a.charAt(i);
      if (!isAlnum(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static int skipSpace(String s, int p, int to) {
    while (p < to && isSpace(s.charAt(p))) {
      p++;
    }
    return p;
  }

  private static boolean isBlank(String s, int from, int to) {
    return skipSpace(s, from, to) >= to;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean isNameChar(char c) {
    return isAlnum(c) || c == '+' || c == '.' || c == '-';
  }
}
