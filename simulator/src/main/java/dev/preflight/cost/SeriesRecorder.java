package dev.preflight.cost;

import java.util.Arrays;

/**
 * The step series of one {@link Execution}: busy slots, slots on running machines and queued builds
 * from each recorded time on, binned at the end into {@link Run.Series}. One value per event time
 * (a later record at the same time replaces the earlier one); growable primitive arrays, so
 * recording allocates only when they double.
 */
final class SeriesRecorder {
  private double[] time = new double[256];
  private int[] busy = new int[256];
  private int[] slots = new int[256];
  private int[] queued = new int[256];
  private int count;

  /** The values from {@code t} on. */
  void record(double t, int busyNow, int slotsNow, int queuedNow) {
    if (count > 0 && time[count - 1] == t) {
      count--;
    }
    if (count == time.length) {
      int n = count * 2;
      time = Arrays.copyOf(time, n);
      busy = Arrays.copyOf(busy, n);
      slots = Arrays.copyOf(slots, n);
      queued = Arrays.copyOf(queued, n);
    }
    time[count] = t;
    busy[count] = busyNow;
    slots[count] = slotsNow;
    queued[count] = queuedNow;
    count++;
  }

  /** The series over {@code [0, makespan]} in {@code bins} equal bins, each a time average. */
  Run.Series series(double makespan, int bins) {
    double width = makespan > 0 ? makespan / bins : 0;
    double[] busyInt = new double[bins];
    double[] slotInt = new double[bins];
    double[] queueInt = new double[bins];
    if (width > 0) {
      for (int r = 0; r < count; r++) {
        double from = time[r];
        double to = r + 1 < count ? time[r + 1] : makespan;
        int b = Math.min(bins - 1, (int) (from / width));
        while (from < to && b < bins) {
          double binEnd = b == bins - 1 ? makespan : (b + 1) * width;
          double piece = Math.min(to, binEnd) - from;
          if (piece > 0) {
            busyInt[b] += busy[r] * piece;
            slotInt[b] += slots[r] * piece;
            queueInt[b] += queued[r] * piece;
          }
          from = Math.min(to, binEnd);
          b++;
        }
      }
    }
    double[] busyAvg = new double[bins];
    double[] slotAvg = new double[bins];
    double[] util = new double[bins];
    double[] queueAvg = new double[bins];
    for (int b = 0; b < bins; b++) {
      double w = b == bins - 1 ? makespan - b * width : width;
      if (w > 0) {
        busyAvg[b] = busyInt[b] / w;
        slotAvg[b] = slotInt[b] / w;
        queueAvg[b] = queueInt[b] / w;
      }
      util[b] = slotInt[b] > 0 ? busyInt[b] / slotInt[b] : 0;
    }
    return new Run.Series(width, busyAvg, slotAvg, util, queueAvg);
  }
}
