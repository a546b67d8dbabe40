package dev.preflight.cost;

/**
 * A binary min-heap of job ids ordered by caller-owned dispatch keys: {@code key[job]} ascending,
 * then {@code tie[job]} ascending. Capacity is fixed (every job is queued at most once per run).
 * Not thread-safe.
 */
final class RunQueue {
  private final long[] key;
  private final int[] tie;
  private final int[] heap;
  private int size;

  RunQueue(long[] key, int[] tie, int capacity) {
    this.key = key;
    this.tie = tie;
    this.heap = new int[Math.max(1, capacity)];
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  int peek() {
    return heap[0];
  }

  /** Whether job {@code a} is dispatched before job {@code b}. */
  boolean before(int a, int b) {
    long ka = key[a];
    long kb = key[b];
    return ka < kb || (ka == kb && tie[a] < tie[b]);
  }

  void add(int job) {
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(job, heap[parent])) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = job;
  }

  int poll() {
    int top = heap[0];
    int last = heap[--size];
    int i = 0;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && before(heap[right], heap[child])) {
        child = right;
      }
      if (!before(heap[child], last)) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    if (size > 0) {
      heap[i] = last;
    }
    return top;
  }
}
