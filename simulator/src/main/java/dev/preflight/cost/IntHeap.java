package dev.preflight.cost;

import java.util.Arrays;

/**
 * A binary min-heap of int ids whose order a subclass defines over its own primitive arrays ({@link
 * #less}), so the simulator's queues hold no boxed values and allocate nothing per operation
 * (except when growing). Each id is in the heap at most once; its key must not change while it is.
 * Not thread-safe.
 */
abstract class IntHeap {
  private int[] heap;
  private int size;

  IntHeap(int capacity) {
    this.heap = new int[Math.max(4, capacity)];
  }

  /** Whether {@code a} comes out before {@code b}; a strict total order over the ids. */
  abstract boolean less(int a, int b);

  final boolean isEmpty() {
    return size == 0;
  }

  final int size() {
    return size;
  }

  final int peek() {
    return heap[0];
  }

  final void add(int id) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!less(id, heap[parent])) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = id;
  }

  final int poll() {
    int top = heap[0];
    int last = heap[--size];
    int i = 0;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && less(heap[right], heap[child])) {
        child = right;
      }
      if (!less(heap[child], last)) {
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
