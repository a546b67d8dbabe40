package dev.preflight.report.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether stdout or stderr is a terminal, each on its own. {@link System#console()} is not the
 * answer: it exists only when stdin and stdout are both terminals, so a progress bar keyed on it
 * was drawn into {@code 2> log} when stdout was a terminal, and missing from a terminal's stderr
 * when stdout went to a file.
 *
 * <p>The {@code preflight} script states both ({@code -Dpreflight.tty.stdout}, {@code
 * -Dpreflight.tty.stderr}, from the shell's {@code [ -t 1 ]} and {@code [ -t 2 ]}); without them (a
 * bare {@code java -jar}) Linux's {@code /proc/self/fd/N} says where the descriptor points; failing
 * that, stdout falls back to {@code System.console()} and stderr counts as not a terminal.
 */
public final class Terminal {
  private Terminal() {}

  /** Whether stdout (descriptor 1) is a terminal. */
  public static boolean stdout() {
    return isTerminal(1, "preflight.tty.stdout", System.console() != null);
  }

  /** Whether stderr (descriptor 2) is a terminal. */
  public static boolean stderr() {
    return isTerminal(2, "preflight.tty.stderr", false);
  }

  private static boolean isTerminal(int fd, String property, boolean fallback) {
    String target;
    try {
      target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      target = null;
    }
    return decide(System.getProperty(property), target, fallback);
  }

  /**
   * The rule itself.
   *
   * @param stated {@code true}/{@code false} as the launcher stated it, or null
   * @param linkTarget where {@code /proc/self/fd/N} points, or null when it cannot be read
   * @param fallback the answer when neither says
   */
  static boolean decide(String stated, String linkTarget, boolean fallback) {
    if (stated != null && !stated.isBlank()) {
      return Boolean.parseBoolean(stated.strip());
    }
    if (linkTarget != null) {
      return linkTarget.startsWith("/dev/pts/")
          || linkTarget.startsWith("/dev/tty")
          || linkTarget.equals("/dev/console");
    }
    return fallback;
  }
}
