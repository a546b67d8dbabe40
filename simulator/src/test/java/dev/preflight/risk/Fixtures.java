package dev.preflight.risk;

import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.history.History;
import dev.preflight.impact.ChangeResolver;
import dev.preflight.impact.Changes;
import dev.preflight.impact.Policy;
import dev.preflight.impact.RebuildSet;
import dev.preflight.impact.ReverseClosure;
import dev.preflight.settings.RiskSettings;
import dev.preflight.settings.Settings;
import java.util.List;

/** Helpers of the risk tests: rebuild scopes from the impact engine, statuses, settings. */
final class Fixtures {
  private Fixtures() {}

  /** The transitive rebuild scope of the named changes. */
  static RebuildScope scope(PackageGraph g, String... changed) {
    return scope(g, Policy.TRANSITIVE, changed);
  }

  static RebuildScope scope(PackageGraph g, Policy policy, String... changed) {
    Changes c = new ChangeResolver(g).resolve(List.of(changed));
    RebuildSet set = new ReverseClosure(g).closure(c, policy);
    return new RebuildScope(c.nodes(), set.nodes(), set.distances());
  }

  /** {@code g} with the given nodes' statuses replaced ({@code "a=RED, b=UNKNOWN"}). */
  static PackageGraph withStatuses(PackageGraph g, String spec) {
    PackageGraphBuilder b = PackageGraph.builder();
    for (int v = 0; v < g.nodeCount(); v++) {
      NodeRecord r = g.record(v);
      b.addNode(r.lastStatus() == NodeStatus.UNKNOWN ? r.withStatus(NodeStatus.GREEN) : r);
    }
    for (String part : spec.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      String[] kv = part.trim().split("=");
      int v = b.indexOf(kv[0]);
      b.replaceNode(v, b.node(v).withStatus(NodeStatus.valueOf(kv[1])));
    }
    for (int v = 0; v < g.nodeCount(); v++) {
      for (int u : g.inputsOf(v)) {
        b.addEdge(v, u);
      }
    }
    return b.build();
  }

  static RiskSettings settings(String overrides) {
    return Settings.withOverrides("{\"risk\": {" + overrides + "}}").risk();
  }

  static RiskScores score(PackageGraph g, RebuildScope scope, History h, RiskSettings s) {
    return RiskModel.score(
        g,
        scope,
        PreviousStatus.of(g, h),
        FailureRates.of(h, g, s),
        s,
        dev.preflight.graph.Progress.NONE);
  }
}
