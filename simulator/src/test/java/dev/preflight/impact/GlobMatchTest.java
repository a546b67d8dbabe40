package dev.preflight.impact;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Globs of change names (issue 17: a run of stars was exponential as a regular expression). */
final class GlobMatchTest {
  @Test
  void globMatches_starsAndQuestionMarks() {
    assertTrue(ChangeResolver.globMatches("zlib*", "zlib1g-dev"));
    assertTrue(ChangeResolver.globMatches("*lib*", "zlib"));
    assertTrue(ChangeResolver.globMatches("z?ib", "zlib"));
    assertTrue(ChangeResolver.globMatches("*", ""));
    assertTrue(ChangeResolver.globMatches("a*b*c", "aXbYbZc"));
    assertFalse(ChangeResolver.globMatches("z?ib", "zib"));
    assertFalse(ChangeResolver.globMatches("a*b", "aXbY"));
    assertFalse(ChangeResolver.globMatches("?", ""));
  }

  @Test
  void globMatches_manyStarsOnALongName_isFast() {
    String glob = "pe" + "*".repeat(4000) + "!rl*" + "*a".repeat(40) + "b";
    String name = "p" + "e".repeat(200) + "a".repeat(200);
    assertTimeoutPreemptively(
        Duration.ofSeconds(1), () -> assertFalse(ChangeResolver.globMatches(glob, name)));
  }
}
