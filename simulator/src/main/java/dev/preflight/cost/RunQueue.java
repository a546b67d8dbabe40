package dev.preflight.cost;

/**
 * Runnable job ids ordered by caller-owned dispatch keys: {@code key[job]} ascending, then {@code
 * tie[job]} ascending.
 */
final class RunQueue extends IntHeap {
  private final long[] key;
  private final int[] tie;

  RunQueue(long[] key, int[] tie, int capacity) {
    super(capacity);
    this.key = key;
    this.tie = tie;
  }

  /** Whether job {@code a} is dispatched before job {@code b}. */
  @Override
  boolean less(int a, int b) {
    long ka = key[a];
    long kb = key[b];
    return ka < kb || (ka == kb && tie[a] < tie[b]);
  }
}
