package dev.preflight.batch;

import static dev.preflight.graph.testing.GraphAssertions.assertSameGraph;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.ContentHash;
import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import dev.preflight.graph.testing.Graphs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class GraphSnapshotTest {

  @Test
  void decode_everyAttributeAndMetadata_roundTrips() {
    PackageGraphBuilder b =
        PackageGraph.builder()
            .description("hand-made")
            .property("seed", "7")
            .unresolved(List.of("ghost", "phantom"))
            .selfLoopsDroppedEarlier(2);
    int glibc =
        b.addNode(
            new NodeRecord(
                "glibc@x86_64-linux",
                "glibc",
                "2.38",
                "x86_64-linux",
                900.5,
                NodeStatus.GREEN,
                List.of("nixos-small", "release-blocking"),
                List.of("libc"),
                12_345_678L,
                0.25));
    int bash = b.addNode(NodeRecord.of("bash@x86_64-linux", "bash", "x86_64-linux"));
    int hello =
        b.addNode(
            NodeRecord.of("hello@aarch64-darwin", "hello", "aarch64-darwin")
                .withStatus(NodeStatus.RED)
                .withVersion("2.12 ünïcode"));
    b.addEdge(bash, glibc).addEdge(hello, bash).addEdge(hello, glibc).addEdge(glibc, glibc);
    PackageGraph g = b.build();

    PackageGraph decoded = GraphSnapshot.of(g).decode();

    assertSameGraph(g, decoded);
    assertEquals(3, decoded.metadata().selfLoopsDropped(), "2 dropped earlier + 1 found");
  }

  @Test
  void decode_randomCyclicGraphs_roundTrip() {
    for (long seed = 1; seed <= 5; seed++) {
      PackageGraph g = Graphs.random(500, 3.0, true, seed);
      assertSameGraph(g, GraphSnapshot.of(g).decode());
    }
  }

  @Test
  void hash_sameGraphSameHash_differentGraphDifferentHash() {
    PackageGraph a = Graphs.graph("a->b, b->c");
    assertEquals(GraphSnapshot.of(a).hash(), GraphSnapshot.of(Graphs.graph("a->b, b->c")).hash());
    assertNotEquals(
        GraphSnapshot.of(a).hash(), GraphSnapshot.of(Graphs.graph("a->b, c->b")).hash());
  }

  @Test
  void javaSerialisation_keepsBytesAndHash() throws Exception {
    GraphSnapshot s = GraphSnapshot.of(Graphs.random(200, 2.0, false, 3));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
      out.writeObject(s);
    }
    GraphSnapshot back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(buffer.toByteArray()))) {
      back = (GraphSnapshot) in.readObject();
    }
    assertEquals(s, back);
    assertEquals(s.hash(), back.hash());
  }

  @Test
  void hash_isTheGraphsOneContentHash_asItsArrowFileRecordsIt(@TempDir Path dir)
      throws IOException {
    PackageGraph g = Graphs.random(300, 2.5, true, 5);
    Path f = dir.resolve("g.arrow");
    GraphFormat.ARROW.write(g, f);
    PackageGraph read = GraphFormat.ARROW.read(f, Progress.NONE);
    GraphSnapshot s = GraphSnapshot.of(g);
    assertEquals(ContentHash.hex(g.contentHash()), s.hash());
    assertEquals(ContentHash.hex(read.contentHash()), s.hash());
    assertArrayEquals(Files.readAllBytes(f), bytesOf(s), "the snapshot is the Arrow file's bytes");
  }

  private static byte[] bytesOf(GraphSnapshot s) {
    try {
      java.lang.reflect.Field f = GraphSnapshot.class.getDeclaredField("bytes");
      f.setAccessible(true);
      return (byte[]) f.get(s);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void cache_decodesOncePerHash() {
    GraphSnapshot s = GraphSnapshot.of(Graphs.random(100, 2.0, true, 11));
    try {
      int before = GraphCache.decodedCount();
      PackageGraph first = GraphCache.get(s);
      PackageGraph second = GraphCache.get(s);
      assertSame(first, second);
      assertEquals(before + 1, GraphCache.decodedCount());
    } finally {
      GraphCache.release(s);
    }
  }

  @Test
  void local_encodesNothing_andFailsClearlyWhereItIsNotCached() {
    PackageGraph g = Graphs.graph("a->b, b->c");
    GraphSnapshot s = GraphSnapshot.local(g);
    try {
      assertSame(g, GraphCache.get(s));
      assertEquals(0, s.sizeBytes());
      GraphCache.release(s);
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> GraphCache.get(s));
      assertTrue(e.getMessage().contains("was made for one JVM"), e.getMessage());
    } finally {
      GraphCache.release(s);
    }
  }
}
