package dev.preflight.cost;

/** Event ids ordered by a caller-owned {@code double[] time}, ties by smaller id. */
final class EventQueue extends IntHeap {
  private final double[] time;

  EventQueue(double[] time, int capacity) {
    super(capacity);
    this.time = time;
  }

  @Override
  boolean less(int a, int b) {
    double ta = time[a];
    double tb = time[b];
    return ta < tb || (ta == tb && a < b);
  }
}
