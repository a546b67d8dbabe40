package dev.preflight.cost;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How a simulation placed builds on pools by system feature, for reports.
 *
 * @param rule where the features came from
 * @param bigParallelSeconds the duration from which the guess requires {@code big-parallel} (only
 *     meaningful under {@link PlacementRule#DURATION_GUESS})
 * @param buildsNeeding per feature, sorted by name, the rebuilt nodes that required it in the
 *     simulation (a guessed {@code big-parallel} the cluster cannot honour is not counted: it was
 *     dropped)
 */
public record Placement(
    PlacementRule rule, double bigParallelSeconds, Map<String, Integer> buildsNeeding) {
  public Placement {
    Objects.requireNonNull(rule, "rule");
    buildsNeeding = Collections.unmodifiableMap(new TreeMap<>(buildsNeeding));
    if (!(bigParallelSeconds > 0)) {
      throw new IllegalArgumentException("bigParallelSeconds must be > 0");
    }
  }
}
