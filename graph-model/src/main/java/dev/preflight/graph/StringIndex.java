package dev.preflight.graph;

import java.util.Arrays;

/**
 * An open-addressing hash index from strings to the positions of a {@code String[]} that it does
 * not copy. Costs one {@code int} slot per entry (at load factor 1/2) instead of a {@code HashMap}
 * entry, boxed key and value: about 8 bytes per node against 50+.
 *
 * <p>Immutable after construction; safe to read from any thread.
 */
final class StringIndex {
  private static final int EMPTY = -1;

  private final String[] keys;
  private final int[] slots;
  private final int mask;

  /**
   * Indexes {@code keys[i] -> i}. Null keys are skipped.
   *
   * @param onDuplicate called with (first index, duplicate index) for a key seen twice; the first
   *     wins
   */
  StringIndex(String[] keys, DuplicateHandler onDuplicate) {
    this.keys = keys;
    int capacity = Integer.highestOneBit(Math.max(4, keys.length) * 2 - 1) << 1;
    this.slots = new int[capacity];
    this.mask = capacity - 1;
    Arrays.fill(slots, EMPTY);
    for (int i = 0; i < keys.length; i++) {
      String k = keys[i];
      if (k == null) {
        continue;
      }
      int s = spread(k.hashCode()) & mask;
      while (true) {
        int existing = slots[s];
        if (existing == EMPTY) {
          slots[s] = i;
          break;
        }
        if (keys[existing].equals(k)) {
          onDuplicate.duplicate(existing, i);
          break;
        }
        s = (s + 1) & mask;
      }
    }
  }

  /** The position of {@code key}, or -1. */
  int get(String key) {
    int s = spread(key.hashCode()) & mask;
    while (true) {
      int existing = slots[s];
      if (existing == EMPTY) {
        return -1;
      }
      if (keys[existing].equals(key)) {
        return existing;
      }
      s = (s + 1) & mask;
    }
  }

  long retainedBytes() {
    return 16L + 4L * slots.length;
  }

  private static int spread(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    return h ^ (h >>> 13);
  }

  @FunctionalInterface
  interface DuplicateHandler {
    void duplicate(int first, int second);
  }
}
