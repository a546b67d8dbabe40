package dev.preflight.impact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class RebuildSetTest {
  @Test
  void of_answersMembershipAndDistances() {
    RebuildSet r = RebuildSet.of(130, new int[] {3, 64, 129}, new int[] {0, 2, 1});
    assertEquals(3, r.size());
    assertTrue(r.contains(64));
    assertTrue(r.contains(129));
    assertFalse(r.contains(65));
    assertFalse(r.contains(-1));
    assertFalse(r.contains(130));
    assertEquals(2, r.distance(64));
    assertEquals(-1, r.distance(4));
    assertEquals(2, r.maxDistance());
    assertEquals(2, r.dependentsOnlyCount());
    assertArrayEquals(new int[] {3, 64, 129}, r.nodes());
  }

  @Test
  void of_unsortedOrOutOfRange_isRejected() {
    assertThrows(
        IllegalArgumentException.class, () -> RebuildSet.of(10, new int[] {2, 1}, new int[2]));
    assertThrows(
        IllegalArgumentException.class, () -> RebuildSet.of(10, new int[] {1, 1}, new int[2]));
    assertThrows(
        IllegalArgumentException.class, () -> RebuildSet.of(10, new int[] {10}, new int[1]));
    assertThrows(
        IllegalArgumentException.class, () -> RebuildSet.of(10, new int[] {1}, new int[] {-1}));
    assertThrows(
        IllegalArgumentException.class, () -> RebuildSet.of(10, new int[] {1}, new int[0]));
  }

  @Test
  void nodes_returnsACopy() {
    RebuildSet r = RebuildSet.of(4, new int[] {1}, new int[] {0});
    r.nodes()[0] = 3;
    assertEquals(1, r.node(0));
  }

  @Test
  void deferredDistances_areComputedOnceAndOnlyWhenAskedFor() {
    int[] calls = {0};
    long[] bits = {(1L << 3) | (1L << 5)};
    RebuildSet r =
        new RebuildSet(
            10,
            new int[] {3, 5},
            bits,
            1,
            () -> {
              calls[0]++;
              return new int[] {0, 1};
            });
    assertEquals(2, r.size());
    assertTrue(r.contains(5));
    assertEquals(5, r.node(1));
    assertEquals(1, r.dependentsOnlyCount());
    assertEquals(0, calls[0], "size, contains, node and dependentsOnlyCount need no distances");
    assertEquals(1, r.distance(5));
    assertEquals(1, r.maxDistance());
    assertEquals(RebuildSet.of(10, new int[] {3, 5}, new int[] {0, 1}), r);
    assertEquals(1, calls[0]);
  }

  @Test
  void deferredDistances_ofTheWrongLength_areRejected() {
    RebuildSet r = new RebuildSet(10, new int[] {3}, new long[] {1L << 3}, 1, () -> new int[2]);
    assertThrows(IllegalStateException.class, () -> r.distanceAt(0));
  }
}
