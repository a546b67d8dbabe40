package dev.preflight.graph.io;

import static dev.preflight.graph.testing.GraphAssertions.assertSameGraph;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.testing.Graphs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TsvGraphFormatTest {
  private static final String HEADER =
      "id\tname\tversion\tsystem\tbuildSeconds\tlastStatus\tchannels\taliases\tsizeBytes"
          + "\tunchangedProbability\n";

  @TempDir Path dir;

  @Test
  void roundTrip_richGraph_inADirectory_isIdentical() {
    PackageGraph g = SampleGraphs.rich();
    Path d = dir.resolve("g");
    GraphFormat.TSV.write(g, d);
    assertTrue(Files.isRegularFile(d.resolve("nodes.tsv")));
    assertTrue(Files.isRegularFile(d.resolve("edges.tsv")));
    assertEquals(GraphFormat.TSV, GraphFormat.forPath(d));
    assertSameGraph(g, GraphFormat.load(d, null, Progress.NONE));
  }

  @Test
  void roundTrip_richGraph_asNamedPair_readsFromEitherFile() {
    PackageGraph g = SampleGraphs.rich();
    Path edges = dir.resolve("rich.edges.tsv");
    GraphFormat.TSV.write(g, edges);
    Path nodes = dir.resolve("rich.nodes.tsv");
    assertTrue(Files.exists(nodes));
    assertSameGraph(g, GraphFormat.load(edges, null, Progress.NONE));
    assertSameGraph(g, GraphFormat.load(nodes, null, Progress.NONE));
    assertSameGraph(g, TsvGraphFormat.read(edges, nodes, Progress.NONE));
  }

  @Test
  void roundTrip_randomGraphs_areIdentical() {
    for (long seed = 1; seed <= 12; seed++) {
      PackageGraph g = Graphs.random((int) (seed * 37 % 300), 2.5, seed % 2 == 0, seed);
      Path d = dir.resolve("r" + seed);
      GraphFormat.TSV.write(g, d);
      assertSameGraph(g, GraphFormat.TSV.read(d, Progress.NONE));
    }
    PackageGraph nix = SampleGraphs.nixLike(3000, 7.5, 42);
    GraphFormat.TSV.write(nix, dir.resolve("nix"));
    assertSameGraph(nix, GraphFormat.TSV.read(dir.resolve("nix"), Progress.NONE));
  }

  @Test
  void roundTrip_emptyGraph_isIdentical() {
    PackageGraph g = Graphs.graph("");
    GraphFormat.TSV.write(g, dir.resolve("empty"));
    assertSameGraph(g, GraphFormat.TSV.read(dir.resolve("empty"), Progress.NONE));
  }

  @Test
  void write_sameGraph_givesByteIdenticalFiles() throws IOException {
    GraphFormat.TSV.write(SampleGraphs.rich(), dir.resolve("a"));
    GraphFormat.TSV.write(SampleGraphs.rich(), dir.resolve("b"));
    for (String f : List.of("nodes.tsv", "edges.tsv")) {
      assertEquals(-1, Files.mismatch(dir.resolve("a").resolve(f), dir.resolve("b").resolve(f)));
    }
  }

  @Test
  void write_escapesSoEveryLineHasItsFields() throws IOException {
    GraphFormat.TSV.write(SampleGraphs.rich(), dir.resolve("g"));
    List<String> lines = Files.readAllLines(dir.resolve("g/nodes.tsv"));
    long rows = lines.stream().filter(l -> !l.startsWith("#")).count();
    assertEquals(1 + 6, rows, "header + 6 nodes, no line broken by a newline in a value");
    for (String l : lines) {
      if (!l.startsWith("#")) {
        assertEquals(10, l.split("\t", -1).length, l);
      }
    }
    assertTrue(
        lines.contains(
            "\\#hash-first\t#hash\t\tx86_64-linux\t0.0\tUNKNOWN"
                + "\tnixos-small,release-blocking\t\t0\t0.0"),
        String.join("\n", lines));
    assertTrue(
        lines.stream().anyMatch(l -> l.contains("\tzlib-ng-compat,a\\,b,back\\\\slash\t")),
        String.join("\n", lines));
  }

  @Test
  void escape_arbitraryStrings_roundTrip() {
    SplittableRandom r = new SplittableRandom(5);
    String alphabet = "ab,\\\t\n\r#tn ü";
    for (int i = 0; i < 5000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int k = r.nextInt(8); k > 0; k--) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String s = sb.toString();
      String plain = TsvEscapes.escape(s, false);
      assertFalse(plain.contains("\t") || plain.contains("\n") || plain.contains("\r"), plain);
      assertEquals(s, TsvEscapes.unescape(plain));
      if (!s.isEmpty()) {
        assertEquals(
            List.of(s, s),
            TsvEscapes.splitList(TsvEscapes.escape(s, true) + "," + TsvEscapes.escape(s, true)));
      }
    }
  }

  @Test
  void read_handWrittenFiles_withCommentsCrlfAndColumnSubset() throws IOException {
    Path d = Files.createDirectory(dir.resolve("hand"));
    Files.writeString(
        d.resolve("nodes.tsv"),
        "# nodes of a tiny set\r\n"
            + "id\tsystem\tlastStatus\tbuildSeconds\tchannels\r\n"
            + "gcc@x86_64-linux\tx86_64-linux\tsuccess\t9000\trelease-blocking\r\n"
            + "\r\n"
            + "hello@x86_64-linux\tx86_64-linux\tfailed\t\t\r\n");
    Files.writeString(
        d.resolve("edges.tsv"),
        "# hello needs gcc\ndependent\tinput\nhello@x86_64-linux\tgcc@x86_64-linux\n");
    PackageGraph g = GraphFormat.load(d, null, Progress.NONE);
    assertEquals(2, g.nodeCount());
    assertEquals(1, g.edgeCount());
    assertEquals("gcc@x86_64-linux", g.name(0), "name defaults to the id");
    assertEquals(NodeStatus.GREEN, g.lastStatus(0));
    assertEquals(NodeStatus.RED, g.lastStatus(1));
    assertEquals(9000.0, g.buildSeconds(0));
    assertTrue(Double.isNaN(g.buildSeconds(1)));
    assertEquals(List.of("release-blocking"), g.channels(0));
    assertArrayEquals(new int[] {0}, g.inputsOf(1));
  }

  @Test
  void read_edgesOnly_impliesNodesInOrderOfAppearance() throws IOException {
    Path f = dir.resolve("deps.tsv");
    Files.writeString(
        f,
        "curl@x86_64-linux\tzlib@x86_64-linux\n"
            + "curl@x86_64-linux\topenssl@x86_64-linux\n"
            + "/nix/store/abc-hello.drv\tcurl@x86_64-linux\n"
            + "curl@x86_64-linux\tzlib@x86_64-linux\n"
            + "loop\tloop\n");
    PackageGraph g = GraphFormat.load(f, null, Progress.NONE);
    assertEquals(
        List.of(
            "curl@x86_64-linux",
            "zlib@x86_64-linux",
            "openssl@x86_64-linux",
            "/nix/store/abc-hello.drv",
            "loop"),
        SampleGraphs.ids(g));
    assertEquals("curl", g.name(0));
    assertEquals("x86_64-linux", g.system(0));
    assertEquals("/nix/store/abc-hello.drv", g.name(3));
    assertEquals("", g.system(3));
    assertEquals(3, g.edgeCount());
    assertEquals(1, g.metadata().selfLoopsDropped());
    assertEquals(1, g.metadata().duplicateEdgesMerged());
    assertSameGraph(g, TsvGraphFormat.read(f, null, Progress.NONE));
  }

  @Test
  void read_headerWithoutId_namesFileAndLine() throws IOException {
    Path d = Files.createDirectory(dir.resolve("noid"));
    Files.writeString(d.resolve("nodes.tsv"), "# x\nname\tsystem\nzlib\tx86_64-linux\n");
    InputException e =
        assertThrows(InputException.class, () -> GraphFormat.load(d, null, Progress.NONE));
    assertTrue(
        e.getMessage().startsWith(d.resolve("nodes.tsv") + ":line 2: missing column 'id'"),
        e.getMessage());
  }

  @Test
  void read_rowWithAMissingColumn_namesFileAndLine() throws IOException {
    Path d = Files.createDirectory(dir.resolve("short"));
    Files.writeString(
        d.resolve("nodes.tsv"),
        HEADER
            + "a\ta\t1\tx86_64-linux\t\tGREEN\t\t\t\t\n"
            + "b\tb\t1\tx86_64-linux\t\tGREEN\t\t\t\n");
    InputException e =
        assertThrows(InputException.class, () -> GraphFormat.load(d, null, Progress.NONE));
    assertEquals(
        d.resolve("nodes.tsv")
            + ":line 3: expected 10 tab-separated fields as in the header, found 9",
        e.getMessage());
  }

  @Test
  void read_edgeToUnknownNode_namesEdgesFileAndLine() throws IOException {
    Path nodes = dir.resolve("x.nodes.tsv");
    Path edges = dir.resolve("x.edges.tsv");
    Files.writeString(nodes, "id\na\nb\n");
    Files.writeString(edges, "dependent\tinput\na\tb\n\nb\tc\n");
    InputException e =
        assertThrows(InputException.class, () -> GraphFormat.load(edges, null, Progress.NONE));
    assertEquals(
        edges + ":line 4: edge b -> c names unknown node 'c' (not in x.nodes.tsv)", e.getMessage());
  }

  @Test
  void read_badValues_areNamedWithFileAndLine() throws IOException {
    Path nodes = dir.resolve("v.nodes.tsv");
    String[][] cases = {
      {"id\tbuildSeconds\na\tfast\n", ":line 2: column 'buildSeconds': not a number: 'fast'"},
      {"id\tsizeBytes\na\t1.5\n", ":line 2: column 'sizeBytes': not a whole number: '1.5'"},
      {"id\tlastStatus\na\tpurple\n", ":line 2: column 'lastStatus': unknown status 'purple'"},
      {"id\tbuildSeconds\na\t-3\n", ":line 2: node 'a': buildSeconds must be >= 0, got -3.0"},
      {"id\tunchangedProbability\na\t1.5\n", ":line 2: node 'a': unchangedProbability must be"},
      {"id\tcolour\na\tred\n", ":line 1: unknown column 'colour' in the header"},
      {"id\tname\tid\n", ":line 1: column 'id' appears twice"},
      {"id\na\n\na\n", ":line 4: duplicate node id 'a' (first defined at line 2)"},
      {"# only a comment\n", ": no header line"},
      {"#: formatVersion\t2\nid\n", ":line 1: unsupported formatVersion 2"},
      {"#: colour\tred\nid\n", ":line 1: unknown metadata key 'colour'"},
      {"id\n\t\n", ":line 2: expected 1 tab-separated fields as in the header, found 2"},
    };
    for (String[] c : cases) {
      Files.writeString(nodes, c[0]);
      InputException e =
          assertThrows(
              InputException.class, () -> GraphFormat.load(nodes, null, Progress.NONE), c[0]);
      assertTrue(e.getMessage().startsWith(nodes + c[1]), e.getMessage());
    }
  }

  @Test
  void read_badEdgeLines_areNamedWithFileAndLine() throws IOException {
    Path edges = dir.resolve("e.tsv");
    Files.writeString(edges, "a\tb\na\tb\tc\n");
    InputException e =
        assertThrows(InputException.class, () -> GraphFormat.load(edges, null, Progress.NONE));
    assertEquals(
        edges + ":line 2: expected 2 tab-separated fields (dependent<TAB>input), found 3",
        e.getMessage());
    Files.writeString(edges, "a b\n");
    e = assertThrows(InputException.class, () -> GraphFormat.load(edges, null, Progress.NONE));
    assertTrue(e.getMessage().startsWith(edges + ":line 1: expected 2"), e.getMessage());
    Files.write(edges, new byte[] {'a', '\t', (byte) 0xff, '\n'});
    e = assertThrows(InputException.class, () -> GraphFormat.load(edges, null, Progress.NONE));
    assertEquals(edges + ":line 1: not valid UTF-8 (here or a little further on)", e.getMessage());
  }

  @Test
  void paths_nameThePairOrFail() throws IOException {
    Path emptyDir = Files.createDirectory(dir.resolve("nothing"));
    InputException e =
        assertThrows(InputException.class, () -> GraphFormat.load(emptyDir, null, Progress.NONE));
    assertEquals(emptyDir + ": directory holds neither nodes.tsv nor edges.tsv", e.getMessage());
    InputException w =
        assertThrows(
            InputException.class,
            () -> GraphFormat.TSV.write(SampleGraphs.rich(), dir.resolve("g.tsv")));
    assertTrue(w.getMessage().contains("name a directory, X.nodes.tsv or X.edges.tsv"));
    assertFalse(Files.exists(dir.resolve("g.tsv")));
    // nodes.tsv alone (no edges file) is a graph without edges.
    Path nodes = dir.resolve("solo.nodes.tsv");
    Files.writeString(nodes, "id\na\nb\n");
    assertEquals(2, GraphFormat.load(nodes, null, Progress.NONE).nodeCount());
  }
}
