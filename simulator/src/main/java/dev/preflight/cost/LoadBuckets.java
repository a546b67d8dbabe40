package dev.preflight.cost;

import java.util.Arrays;

/**
 * The machines of one run with a free slot, bucketed by pool and current load: one doubly linked
 * list of machines per (pool, load) bucket, so the dispatcher finds a machine of a given load in
 * O(1) and moves a machine between buckets in O(1) when it takes or ends a job. Bucket {@code
 * loadBase[p] + l} holds pool {@code p}'s running machines with {@code l} jobs (and a free slot).
 */
final class LoadBuckets {
  private final int[] head;
  private final int[] next;
  private final int[] prev;
  private final int[] loadBase;

  LoadBuckets(int[] loadBase, int buckets, int machines) {
    this.loadBase = loadBase;
    this.head = new int[buckets];
    this.next = new int[machines];
    this.prev = new int[machines];
    Arrays.fill(head, -1);
  }

  /** A machine of pool {@code p} with load {@code l}, or -1 if none. */
  int first(int p, int l) {
    return head[loadBase[p] + l];
  }

  /** The machine after {@code m} in its bucket, or -1. */
  int next(int m) {
    return next[m];
  }

  /** Puts machine {@code m} of pool {@code p} into the bucket of load {@code l}. */
  void link(int m, int p, int l) {
    int b = loadBase[p] + l;
    int h = head[b];
    next[m] = h;
    prev[m] = -1;
    if (h >= 0) {
      prev[h] = m;
    }
    head[b] = m;
  }

  /** Takes machine {@code m} of pool {@code p} out of the bucket of load {@code l}. */
  void unlink(int m, int p, int l) {
    int b = loadBase[p] + l;
    if (prev[m] >= 0) {
      next[prev[m]] = next[m];
    } else {
      head[b] = next[m];
    }
    if (next[m] >= 0) {
      prev[next[m]] = prev[m];
    }
  }
}
