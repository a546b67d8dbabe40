package dev.preflight.impact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SnapshotDiffTest {
  private static PackageGraph before() {
    PackageGraphBuilder b = PackageGraph.builder();
    b.addNode(NodeRecord.of("zlib", "zlib", "x86_64-linux").withVersion("1.3"));
    b.addNode(NodeRecord.of("curl", "curl", "x86_64-linux"));
    b.addNode(NodeRecord.of("git", "git", "x86_64-linux"));
    b.addNode(NodeRecord.of("old", "old", "x86_64-linux"));
    b.addEdge(1, 0);
    b.addEdge(2, 1);
    return b.build();
  }

  @Test
  void diff_identicalSnapshots_seedNothing() {
    SnapshotDiff d = SnapshotDiff.of(before(), before());
    assertEquals(0, d.seeds().length);
    assertEquals(0, d.removed());
  }

  @Test
  void diff_versionInputsAndNewNodes_seed_butStatusDoesNot() {
    PackageGraphBuilder b = PackageGraph.builder();
    b.addNode(NodeRecord.of("zlib", "zlib", "x86_64-linux").withVersion("1.3.1"));
    b.addNode(NodeRecord.of("curl", "curl", "x86_64-linux").withStatus(NodeStatus.RED));
    b.addNode(NodeRecord.of("git", "git", "x86_64-linux").withChannels(List.of("small")));
    b.addNode(NodeRecord.of("brotli", "brotli", "x86_64-linux"));
    b.addNode(NodeRecord.of("wget", "wget", "x86_64-linux"));
    b.addEdge(1, 0);
    b.addEdge(2, 1);
    b.addEdge(4, 3); // wget: new node
    PackageGraph after = b.build();
    SnapshotDiff d = SnapshotDiff.of(before(), after);
    assertArrayEquals(new int[] {3, 4}, d.added());
    assertArrayEquals(new int[] {0}, d.changed());
    assertEquals(1, d.removed());
    assertArrayEquals(new int[] {0, 3, 4}, d.seeds());
    // The closure then rebuilds curl and git through zlib.
    assertEquals(5, new ReverseClosure(after).closure(d.seeds(), Policy.TRANSITIVE).size());
  }

  @Test
  void diff_changedInputSet_seedsTheNode() {
    PackageGraphBuilder b = PackageGraph.builder();
    b.addNode(NodeRecord.of("zlib", "zlib", "x86_64-linux").withVersion("1.3"));
    b.addNode(NodeRecord.of("curl", "curl", "x86_64-linux"));
    b.addNode(NodeRecord.of("git", "git", "x86_64-linux"));
    b.addNode(NodeRecord.of("old", "old", "x86_64-linux"));
    b.addEdge(1, 0);
    b.addEdge(2, 1);
    b.addEdge(2, 0); // git now also needs zlib directly
    SnapshotDiff d = SnapshotDiff.of(before(), b.build());
    assertArrayEquals(new int[] {2}, d.seeds());
  }
}
