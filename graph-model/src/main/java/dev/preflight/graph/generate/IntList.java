package dev.preflight.graph.generate;

import java.util.Arrays;

/** A growable int array: preferential-attachment urns and adjacency buffers. */
final class IntList {
  int[] data;
  int size;

  IntList(int capacity) {
    data = new int[Math.max(4, capacity)];
  }

  void add(int v) {
    if (size == data.length) {
      data = Arrays.copyOf(data, size * 2);
    }
    data[size++] = v;
  }

  boolean contains(int v) {
    for (int i = 0; i < size; i++) {
      if (data[i] == v) {
        return true;
      }
    }
    return false;
  }
}
