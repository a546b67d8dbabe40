package dev.preflight.report.render;

/**
 * Colour for people at a terminal: on only when stdout is a terminal and {@code NO_COLOR} is unset
 * (https://no-color.org), off in pipes, files and tests.
 */
public final class Ansi {
  private final boolean on;

  private Ansi(boolean on) {
    this.on = on;
  }

  /** Decides from the environment: {@code $NO_COLOR} and whether stdout is a terminal. */
  public static Ansi auto() {
    return decide(System.getenv("NO_COLOR"), Terminal.stdout());
  }

  /**
   * The rule itself: colour only on a terminal, and never when {@code NO_COLOR} is set to a
   * non-empty value (an empty {@code NO_COLOR} does not count, as no-color.org says).
   *
   * @param noColor the value of {@code $NO_COLOR}, or null when unset
   * @param terminal whether stdout is a terminal
   */
  public static Ansi decide(String noColor, boolean terminal) {
    boolean disabled = noColor != null && !noColor.isEmpty();
    return new Ansi(terminal && !disabled);
  }

  /** Never colours. */
  public static Ansi off() {
    return new Ansi(false);
  }

  public boolean enabled() {
    return on;
  }

  public String bold(String s) {
    return on ? "\033[1m" + s + "\033[0m" : s;
  }

  public String red(String s) {
    return on ? "\033[31m" + s + "\033[0m" : s;
  }

  public String green(String s) {
    return on ? "\033[32m" + s + "\033[0m" : s;
  }

  public String yellow(String s) {
    return on ? "\033[33m" + s + "\033[0m" : s;
  }
}
