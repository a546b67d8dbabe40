package dev.preflight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

final class AnswerCacheTest {
  @Test
  void evictsLeastRecentlyUsedPastTheBound_refusesLargeAnswers() {
    AnswerCache c = new AnswerCache(1600); // keys of 1 char + values of 99: 100 each
    for (int i = 0; i < 16; i++) {
      c.put(Character.toString('a' + i), "x".repeat(99));
    }
    assertEquals(16, c.size());
    c.get("a"); // now the most recently used
    c.put("q", "y".repeat(99));
    assertEquals(16, c.size());
    assertNull(c.get("b"), "the least recently used went out");
    assertEquals("x".repeat(99), c.get("a"));
    c.put("big", "z".repeat(200)); // over a sixteenth of the bound
    assertNull(c.get("big"));
    AnswerCache off = new AnswerCache(0);
    off.put("k", "v");
    assertNull(off.get("k"));
  }
}
