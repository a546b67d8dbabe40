package dev.preflight.risk;

import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.history.BuildResult;
import dev.preflight.history.History;

/**
 * Each node's previous result: the history's latest result for the node when the history has one
 * (mapped as Hydra does: success is green, every failure kind including dependency-failed,
 * time-out, cached failure and abort is red), else the graph's {@code lastStatus}. Immutable.
 */
public final class PreviousStatus {
  private final PackageGraph graph;
  private final History history;
  private final int[] historyIndex;

  private PreviousStatus(PackageGraph graph, History history) {
    this.graph = graph;
    this.history = history;
    this.historyIndex = history.bind(graph);
  }

  /** Statuses from {@code history} where it knows a node, else from {@code graph}. */
  public static PreviousStatus of(PackageGraph graph, History history) {
    return new PreviousStatus(graph, history);
  }

  /** Statuses from the graph alone. */
  public static PreviousStatus of(PackageGraph graph) {
    return new PreviousStatus(graph, History.empty());
  }

  public NodeStatus status(int node) {
    int k = historyIndex[node];
    return k < 0 ? graph.lastStatus(node) : history.latestResult(k).status();
  }

  /** The history's latest result for {@code node}, or null when the status is the graph's. */
  public BuildResult latestResult(int node) {
    int k = historyIndex[node];
    return k < 0 ? null : history.latestResult(k);
  }

  /** The node's index in the history, or -1. */
  public int historyIndex(int node) {
    return historyIndex[node];
  }

  public History history() {
    return history;
  }

  public PackageGraph graph() {
    return graph;
  }
}
