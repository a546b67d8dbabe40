package dev.preflight.cost;

import java.util.Arrays;

/**
 * A binary min-heap of event ids ordered by a caller-owned {@code double[] time}, ties by smaller
 * id. Each id is in the queue at most once; its time must not change while it is queued. No
 * allocation after construction except growth. Not thread-safe.
 */
final class EventQueue {
  private final double[] time;
  private int[] heap;
  private int size;

  EventQueue(double[] time, int capacity) {
    this.time = time;
    this.heap = new int[Math.max(4, capacity)];
  }

  boolean isEmpty() {
    return size == 0;
  }

  int peek() {
    return heap[0];
  }

  void add(int id) {
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

  int poll() {
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

  private boolean less(int a, int b) {
    double ta = time[a];
    double tb = time[b];
    return ta < tb || (ta == tb && a < b);
  }
}
