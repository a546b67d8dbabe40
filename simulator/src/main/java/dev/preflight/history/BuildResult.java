package dev.preflight.history;

import dev.preflight.graph.NodeStatus;
import java.util.Locale;

/**
 * One build's result as a history file records it: Hydra's build statuses, kept apart because they
 * mean different things for a node's own fragility.
 *
 * <p>Every result maps to the {@link NodeStatus} that {@link NodeStatus#parse} gives the same word
 * (success is {@code GREEN}, every failure kind is {@code RED}, as Hydra's status page shows them).
 * Only {@link #FAILED}, {@link #TIMEOUT} and {@link #CACHED_FAILURE} are failures of the node's own
 * build; a {@link #DEPENDENCY_FAILED} node was never built (Hydra status 2) and an {@link #ABORTED}
 * build was stopped from outside, so neither says anything about the node itself.
 */
public enum BuildResult {
  /** The build succeeded (Hydra status 0). */
  SUCCESS,
  /** The build itself failed (Hydra status 1, also 6 "failed with output"). */
  FAILED,
  /** An input failed, so this build was not attempted (Hydra status 2). */
  DEPENDENCY_FAILED,
  /** The build ran out of time (Hydra status 7). */
  TIMEOUT,
  /** The same derivation failed before and Hydra reused that failure. */
  CACHED_FAILURE,
  /** The build was aborted or cancelled from outside (Hydra status 3, 4). */
  ABORTED;

  private static final BuildResult[] VALUES = values();

  /** The result with this ordinal; used by columnar storage. */
  public static BuildResult ofOrdinal(int ordinal) {
    return VALUES[ordinal];
  }

  /** The previous-status class of this result, as {@link NodeStatus#parse} maps the same word. */
  public NodeStatus status() {
    return this == SUCCESS ? NodeStatus.GREEN : NodeStatus.RED;
  }

  /** Whether the node's own build failed (not a dependency's failure, not an abort). */
  public boolean ownFailure() {
    return this == FAILED || this == TIMEOUT || this == CACHED_FAILURE;
  }

  /** Whether the result says something about the node's own build (success or own failure). */
  public boolean informative() {
    return this == SUCCESS || ownFailure();
  }

  /** The word a history file uses for this result. */
  public String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a status word of a history file: Hydra's {@code success}, {@code failed}, {@code
   * dependency-failed}, {@code timeout}, {@code cached-failure}, {@code aborted}, and every other
   * word {@link NodeStatus#parse} accepts except those meaning "unknown" ({@code GREEN} is a
   * success, {@code RED} a failure).
   *
   * @throws IllegalArgumentException naming the word and the accepted ones
   */
  public static BuildResult parse(String word) {
    String w = word.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    switch (w) {
      case "success":
      case "succeeded":
      case "ok":
      case "green":
        return SUCCESS;
      case "failed":
      case "failure":
      case "red":
        return FAILED;
      case "dependency-failed":
      case "dep-failed":
        return DEPENDENCY_FAILED;
      case "timeout":
      case "timed-out":
        return TIMEOUT;
      case "cached-failure":
        return CACHED_FAILURE;
      case "aborted":
        return ABORTED;
      default:
        NodeStatus.parse(word); // throws with the list of known words for anything unknown
        throw new IllegalArgumentException(
            "status '"
                + word
                + "' is not a build result (expected success, failed, dependency-failed, timeout,"
                + " cached-failure or aborted)");
    }
  }
}
