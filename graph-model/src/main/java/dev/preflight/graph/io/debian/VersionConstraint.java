package dev.preflight.graph.io.debian;

import java.util.Objects;

/**
 * A version constraint of a relation, such as {@code (>= 1.2)} (Debian Policy §7.1).
 *
 * @param operator the relation
 * @param version the version it compares with, as written
 */
public record VersionConstraint(Operator operator, String version) {

  /** The relations of Debian Policy §7.1; the deprecated {@code <} and {@code >} are parsed too. */
  public enum Operator {
    /** {@code <<}: strictly earlier. */
    EARLIER("<<"),
    /** {@code <=} (and the deprecated {@code <}, which dpkg reads as {@code <=}). */
    EARLIER_OR_EQUAL("<="),
    /** {@code =}: exactly equal. */
    EQUAL("="),
    /** {@code >=} (and the deprecated {@code >}, which dpkg reads as {@code >=}). */
    LATER_OR_EQUAL(">="),
    /** {@code >>}: strictly later. */
    LATER(">>");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    /** The operator as Debian writes it. */
    public String symbol() {
      return symbol;
    }

    /** The operator for a symbol, or null; {@code <} and {@code >} normalized as dpkg does. */
    static Operator ofSymbol(String s) {
      switch (s) {
        case "<<":
          return EARLIER;
        case "<=":
        case "<":
          return EARLIER_OR_EQUAL;
        case "=":
          return EQUAL;
        case ">=":
        case ">":
          return LATER_OR_EQUAL;
        case ">>":
          return LATER;
        default:
          return null;
      }
    }
  }

  public VersionConstraint {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(version, "version");
    if (version.isEmpty()) {
      throw new IllegalArgumentException("version constraint has an empty version");
    }
  }

  /**
   * Whether {@code candidate} satisfies the constraint, by dpkg's version order.
   *
   * @throws IllegalArgumentException if either version does not parse
   */
  public boolean satisfiedBy(DebianVersion candidate) {
    int c = candidate.compareTo(DebianVersion.parse(version));
    switch (operator) {
      case EARLIER:
        return c < 0;
      case EARLIER_OR_EQUAL:
        return c <= 0;
      case EQUAL:
        return c == 0;
      case LATER_OR_EQUAL:
        return c >= 0;
      case LATER:
        return c > 0;
      default:
        throw new AssertionError(operator);
    }
  }

  @Override
  public String toString() {
    return "(" + operator.symbol() + " " + version + ")";
  }
}
