package dev.preflight.batch;

import java.util.ArrayList;
import java.util.List;

/** Cuts inputs into consecutive slices of near-equal size (deterministic). */
public final class Slices {
  private Slices() {}

  /**
   * {@code inputs} in {@code count} consecutive slices whose sizes differ by at most one; fewer
   * slices when there are fewer inputs, none for no inputs.
   */
  public static <T> List<List<T>> cut(List<T> inputs, int count) {
    int n = inputs.size();
    int k = Math.max(1, Math.min(count, n));
    List<List<T>> out = new ArrayList<>(k);
    if (n == 0) {
      return out;
    }
    for (int i = 0; i < k; i++) {
      int from = (int) ((long) n * i / k);
      int to = (int) ((long) n * (i + 1) / k);
      out.add(new ArrayList<>(inputs.subList(from, to)));
    }
    return out;
  }

  /** The size of each slice, as progress weights. */
  public static long[] sizes(List<? extends List<?>> slices) {
    long[] w = new long[slices.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = slices.get(i).size();
    }
    return w;
  }
}
