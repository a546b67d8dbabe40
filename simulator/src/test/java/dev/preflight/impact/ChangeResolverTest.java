package dev.preflight.impact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.preflight.graph.InputException;
import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ChangeResolverTest {
  @TempDir Path dir;

  /** A nixpkgs-like graph: ids {@code name.system}, two systems, an alias. */
  private static PackageGraph sample() {
    PackageGraphBuilder b = PackageGraph.builder();
    String[][] nodes = {
      {"hello", "x86_64-linux"},
      {"hello", "aarch64-darwin"},
      {"zlib", "x86_64-linux"},
      {"zlib", "aarch64-darwin"},
      {"zlib-ng", "x86_64-linux"},
      {"python3Packages.requests", "x86_64-linux"},
      {"python3Packages.six", "x86_64-linux"},
      {"libfoo", "x86_64-linux"},
      {"libbar", "aarch64-darwin"},
      {"python311", "x86_64-linux"},
      {"python311", "aarch64-darwin"},
    };
    for (String[] n : nodes) {
      NodeRecord r = NodeRecord.of(n[0] + "." + n[1], n[0], n[1]);
      if (n[0].equals("python311")) {
        r = r.withAliases(List.of("python3"));
      }
      b.addNode(r);
    }
    b.addEdge(0, 2);
    return b.build();
  }

  private static int[] ids(PackageGraph g, String... ids) {
    return java.util.Arrays.stream(ids).mapToInt(g::indexOfId).sorted().toArray();
  }

  @Test
  void resolve_exactId_isOneNode() {
    PackageGraph g = sample();
    assertArrayEquals(
        ids(g, "hello.aarch64-darwin"), new ChangeResolver(g).resolveSpec("hello.aarch64-darwin"));
  }

  @Test
  void resolve_name_coversEverySystem() {
    PackageGraph g = sample();
    Changes c = new ChangeResolver(g).resolve(List.of("zlib"));
    assertArrayEquals(ids(g, "zlib.x86_64-linux", "zlib.aarch64-darwin"), c.nodes());
    assertEquals(List.of("zlib"), c.resolvedNames());
  }

  @Test
  void resolve_nameAtSystem_picksThatSystem() {
    PackageGraph g = sample();
    assertArrayEquals(
        ids(g, "zlib.aarch64-darwin"), new ChangeResolver(g).resolveSpec("zlib@aarch64-darwin"));
  }

  @Test
  void resolve_alias_coversEveryNodeCarryingIt() {
    PackageGraph g = sample();
    ChangeResolver r = new ChangeResolver(g);
    assertArrayEquals(
        ids(g, "python311.x86_64-linux", "python311.aarch64-darwin"), r.resolveSpec("python3"));
    assertArrayEquals(ids(g, "python311.x86_64-linux"), r.resolveSpec("python3.x86_64-linux"));
  }

  @Test
  void resolve_glob_matchesNamesAndIds() {
    PackageGraph g = sample();
    ChangeResolver r = new ChangeResolver(g);
    Changes c = r.resolve(List.of("python3Packages.*"));
    assertEquals(List.of("python3Packages.requests", "python3Packages.six"), c.resolvedNames());
    assertArrayEquals(
        ids(g, "libfoo.x86_64-linux", "libbar.aarch64-darwin"), r.resolveSpec("lib*"));
    assertArrayEquals(ids(g, "zlib.x86_64-linux", "zlib.aarch64-darwin"), r.resolveSpec("zlib.*"));
    InputException e = assertThrows(InputException.class, () -> r.resolveSpec("nothing*"));
    assertEquals("pattern 'nothing*' matches no package", e.getMessage());
  }

  @Test
  void resolve_severalSpecs_unionSortedNames() {
    PackageGraph g = sample();
    Changes c = new ChangeResolver(g).resolve(List.of("zlib", "hello.x86_64-linux", "zlib"));
    assertEquals(3, c.size());
    assertEquals(List.of("hello", "zlib"), c.resolvedNames());
  }

  @Test
  void resolve_unknown_listsClosestNames() {
    PackageGraph g = sample();
    InputException e =
        assertThrows(InputException.class, () -> new ChangeResolver(g).resolveSpec("zlb"));
    assertEquals("unknown package 'zlb' (closest: zlib, zlib-ng)", e.getMessage());
  }

  @Test
  void suggestions_areAtMostFiveClosestFirst() {
    PackageGraphBuilder b = PackageGraph.builder();
    for (String n : new String[] {"aaa", "aab", "aac", "aad", "aae", "aaf", "abc", "zzz"}) {
      b.addNode(NodeRecord.of(n, n, "x86_64-linux"));
    }
    List<String> s = new ChangeResolver(b.build()).suggestions("aa");
    assertEquals(List.of("aaa", "aab", "aac", "aad", "aae"), s);
  }

  @Test
  void suggestions_on40kNames_findTheIntendedName() {
    PackageGraphBuilder b = PackageGraph.builder();
    for (int i = 0; i < 40_000; i++) {
      b.addNode(NodeRecord.of("package-number-" + i, "package-number-" + i, "x86_64-linux"));
    }
    ChangeResolver r = new ChangeResolver(b.build());
    // Speed is a benchmark's business (STYLE: no timed unit tests); this checks the ranking.
    List<String> s = r.suggestions("package-numbr-12345");
    assertEquals("package-number-12345", s.get(0));
  }

  @Test
  void resolveFile_skipsCommentsAndBlankLines() throws Exception {
    PackageGraph g = sample();
    Path f = dir.resolve("changes.txt");
    Files.writeString(f, "# a comment\nzlib   # trailing comment\n\n  hello.x86_64-linux\n");
    Changes c = new ChangeResolver(g).resolve(List.of(), f);
    assertArrayEquals(
        ids(g, "zlib.x86_64-linux", "zlib.aarch64-darwin", "hello.x86_64-linux"), c.nodes());
  }

  @Test
  void resolveFile_unknownName_namesFileAndLine() throws Exception {
    PackageGraph g = sample();
    Path f = dir.resolve("changes.txt");
    Files.writeString(f, "zlib\n# ok\nzlb\n");
    InputException e =
        assertThrows(InputException.class, () -> new ChangeResolver(g).resolveFile(f));
    assertEquals(f + ":line 3: unknown package 'zlb' (closest: zlib, zlib-ng)", e.getMessage());
  }

  @Test
  void resolveFile_missing_isInputError() {
    PackageGraph g = sample();
    Path f = dir.resolve("nope.txt");
    InputException e =
        assertThrows(InputException.class, () -> new ChangeResolver(g).resolveFile(f));
    assertEquals(f + ": no such file", e.getMessage());
  }

  @Test
  void resolve_emptySpec_isInputError() {
    assertThrows(InputException.class, () -> new ChangeResolver(sample()).resolveSpec("  "));
  }
}
