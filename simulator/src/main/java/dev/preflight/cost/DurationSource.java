package dev.preflight.cost;

import java.util.Locale;

/** Where a node's duration estimate comes from, in the order the model tries them. */
public enum DurationSource {
  /** The robust average of the node's successful builds in the history file. */
  HISTORY,
  /** The graph's {@code buildSeconds} attribute. */
  GRAPH,
  /** The size model applied to the node's {@code sizeBytes}. */
  SIZE,
  /** Neither observed nor sized: the default distribution. */
  DEFAULT;

  /** Lower-case name for reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
