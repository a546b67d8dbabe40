package dev.preflight.cli;

/** The exit codes every command uses (STYLE.md habit 9). */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** The checked condition failed, e.g. a {@code --fail-above} gate. */
  public static final int CHECK_FAILED = 1;

  /** Bad usage or bad input. */
  public static final int BAD_INPUT = 2;

  /** An internal error: a bug in Preflight. */
  public static final int INTERNAL = 3;

  private ExitCodes() {}
}
