package dev.preflight.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.preflight.graph.DependencyGraph;
import dev.preflight.graph.InputException;
import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class PolicyTest {
  @Test
  void parse_anyCase_findsThePolicy() {
    assertEquals(Policy.TRANSITIVE, Policy.parse("transitive"));
    assertEquals(Policy.DIRECT, Policy.parse("Direct"));
    assertEquals(Policy.LOCAL, Policy.parse(" LOCAL "));
    assertEquals(Policy.CUTOFF, Policy.parse("cutoff"));
    assertEquals("cutoff", Policy.CUTOFF.label());
  }

  @Test
  void parse_unknown_suggestsTheClosestAndListsTheKnownNames() {
    InputException e = assertThrows(InputException.class, () -> Policy.parse("transitve"));
    assertEquals(
        "unknown policy 'transitve': did you mean 'transitive'? (known: transitive, direct,"
            + " local, cutoff, binnmu, static)",
        e.getMessage());
  }

  /** lib <-> tool (a build cycle), app -> lib; binnmu: app and tool link lib. */
  private static PackageGraph round() {
    PackageGraphBuilder b = PackageGraph.builder();
    int lib = b.addNode(NodeRecord.of("lib", "lib", "amd64-linux"));
    int tool = b.addNode(NodeRecord.of("tool", "tool", "amd64-linux"));
    int app = b.addNode(NodeRecord.of("app", "app", "amd64-linux"));
    b.addEdge(lib, tool).addEdge(tool, lib).addEdge(app, lib);
    b.addRelationEdge("binnmu", tool, lib).addRelationEdge("binnmu", app, lib);
    b.property("distribution", "debian");
    return b.build();
  }

  private static List<String> edges(PackageGraph g, DependencyGraph order) {
    List<String> out = new ArrayList<>();
    for (int v = 0; v < order.nodeCount(); v++) {
      for (int p = order.inputsStart(v); p < order.inputsEnd(v); p++) {
        out.add(g.name(v) + "->" + g.name(order.input(p)));
      }
    }
    return out;
  }

  @Test
  void orderGraph_round_theChangeStartsIt_otherPoliciesKeepTheCycle() {
    PackageGraph g = round();
    int[] all = {0, 1, 2};
    assertEquals(Policy.BINNMU, Policy.defaultFor(g));
    // lib's own build-dependency on tool is not waited on: lib is uploaded and built first.
    assertEquals(
        List.of("tool->lib", "app->lib"),
        edges(g, Policy.BINNMU.orderGraph(g, new int[] {0}, all)));
    assertEquals(
        List.of("lib->tool", "tool->lib", "app->lib"),
        edges(g, Policy.TRANSITIVE.orderGraph(g, new int[] {0}, all)));
    // Two changes, one needing the other, still build in order.
    assertEquals(
        List.of("lib->tool", "tool->lib", "app->lib"),
        edges(g, Policy.DIRECT.orderGraph(g, new int[] {0, 1}, all)));
  }
}
