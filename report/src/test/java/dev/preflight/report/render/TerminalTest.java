package dev.preflight.report.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class TerminalTest {
  @Test
  void launchersStatement_winsOverEverythingElse() {
    assertTrue(Terminal.decide("true", "pipe:[123]", false));
    assertFalse(Terminal.decide("false", "/dev/pts/3", true));
  }

  @Test
  void withoutAStatement_theDescriptorsTargetDecides() {
    assertTrue(Terminal.decide(null, "/dev/pts/0", false));
    assertTrue(Terminal.decide("", "/dev/tty1", false));
    assertFalse(Terminal.decide(null, "/tmp/err.log", true), "a file is not a terminal");
    assertFalse(Terminal.decide(null, "pipe:[4711]", true));
    assertFalse(Terminal.decide(null, "/dev/null", true));
  }

  @Test
  void withNeither_theFallbackDecides() {
    assertTrue(Terminal.decide(null, null, true));
    assertFalse(Terminal.decide(null, null, false));
  }

  @Test
  void underTheTestRunner_stderrIsNotATerminal() {
    // Surefire pipes the forked JVM's streams: no progress bar may be drawn into a test log.
    assertFalse(Terminal.stderr());
  }
}
