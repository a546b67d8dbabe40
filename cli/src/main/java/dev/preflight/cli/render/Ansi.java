package dev.preflight.cli.render;

/**
 * Colour for people at a terminal: on only when stdout is a terminal and {@code NO_COLOR} is unset
 * (https://no-color.org), off in pipes, files and tests.
 */
public final class Ansi {
  private final boolean on;

  private Ansi(boolean on) {
    this.on = on;
  }

  /** Decides from the environment. */
  public static Ansi auto() {
    String noColor = System.getenv("NO_COLOR");
    boolean disabled = noColor != null && !noColor.isEmpty();
    return new Ansi(!disabled && System.console() != null);
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
