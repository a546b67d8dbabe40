package dev.preflight.risk;

import dev.preflight.graph.NodeStatus;

/** The split users ask for within a rebuild set (DESIGN.md §4), by the node's previous result. */
public enum RiskClass {
  /** Previously green: a failure now is new breakage. */
  NEWLY_AT_RISK("newlyAtRisk"),
  /** Previously red: never reported as new breakage. */
  ALREADY_BROKEN("alreadyBroken"),
  /** No previous result. */
  UNKNOWN("unknown");

  private final String key;

  RiskClass(String key) {
    this.key = key;
  }

  /** The JSON key of this class. */
  public String key() {
    return key;
  }

  /** The class of a node whose previous result is {@code status}. */
  public static RiskClass of(NodeStatus status) {
    return switch (status) {
      case GREEN -> NEWLY_AT_RISK;
      case RED -> ALREADY_BROKEN;
      case UNKNOWN -> UNKNOWN;
    };
  }
}
