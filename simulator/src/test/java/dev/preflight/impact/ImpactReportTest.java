package dev.preflight.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.settings.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ImpactReportTest {
  /** zlib on three systems; curl needs zlib on each; python3 (alias python) needs curl on linux. */
  private static PackageGraph graph() {
    PackageGraphBuilder b = PackageGraph.builder();
    String[] systems = {"x86_64-linux", "aarch64-linux", "aarch64-darwin"};
    for (String s : systems) {
      b.addNode(NodeRecord.of("zlib." + s, "zlib", s));
      b.addNode(NodeRecord.of("curl." + s, "curl", s));
    }
    b.addNode(
        NodeRecord.of("python311.x86_64-linux", "python311", "x86_64-linux")
            .withAliases(List.of("python3", "python")));
    b.addNode(NodeRecord.of("hello.x86_64-freebsd", "hello", "x86_64-freebsd"));
    for (int s = 0; s < 3; s++) {
      b.addEdge(2 * s + 1, 2 * s);
    }
    b.addEdge(6, 1);
    return b.build();
  }

  private static ImpactReport analyze(PackageGraph g, Policy p, String... specs) {
    Changes c = new ChangeResolver(g).resolve(List.of(specs));
    return new ImpactAnalysis(g, Settings.defaults().impact(), null, 1).analyze(c, p);
  }

  @Test
  void report_countsNodesPerSystemAndNamesPerKernel() {
    PackageGraph g = graph();
    ImpactReport r = analyze(g, Policy.TRANSITIVE, "zlib");
    assertEquals(List.of("zlib"), r.changed());
    assertEquals(7, r.rebuildCount());
    assertEquals(
        Map.of("aarch64-darwin", 2, "aarch64-linux", 2, "x86_64-freebsd", 0, "x86_64-linux", 3),
        r.bySystem());
    assertEquals(
        List.of("aarch64-darwin", "aarch64-linux", "x86_64-freebsd", "x86_64-linux"),
        List.copyOf(r.bySystem().keySet()));
    // linux: zlib, curl, python311 (zlib and curl rebuild on two linux systems: counted once).
    assertEquals(List.of("linux", "darwin"), List.copyOf(r.byKernel().keySet()));
    assertEquals(3, r.byKernel().get("linux"));
    assertEquals(2, r.byKernel().get("darwin"));
    // Attribute paths as nixpkgs CI counts them: python311, python3 and python are three.
    assertEquals(Map.of("linux", 5, "darwin", 2), r.attrCount());
    assertEquals(List.of("10.rebuild-darwin: 1-10", "10.rebuild-linux: 1-10"), r.labels());
    assertEquals(3, r.depth());
    assertEquals(
        List.of(
            "curl.aarch64-darwin",
            "curl.aarch64-linux",
            "curl.x86_64-linux",
            "python311.x86_64-linux",
            "zlib.aarch64-darwin",
            "zlib.aarch64-linux",
            "zlib.x86_64-linux"),
        r.rebuilds());
    assertEquals(
        List.of("curl", "python", "python3", "python311", "zlib"),
        r.attrsBySystem().get("x86_64-linux"));
    assertNull(r.cutoff());
  }

  @Test
  void report_aliasIsOneNode() {
    PackageGraph g = graph();
    ImpactReport r = analyze(g, Policy.TRANSITIVE, "python3", "python", "python311");
    assertEquals(1, r.rebuildCount());
    assertEquals(List.of("python311.x86_64-linux"), r.rebuilds());
    assertEquals(
        List.of("10.rebuild-darwin: 0", "10.rebuild-linux: 1-10"), r.labels(), "three attrpaths");
    assertEquals(List.of("python311"), r.changed());
  }

  @Test
  void report_otherKernelsAreListedAsThemselves() {
    PackageGraph g = graph();
    ImpactReport r = analyze(g, Policy.LOCAL, "hello");
    assertEquals(Map.of("linux", 0, "darwin", 0, "freebsd", 1), r.byKernel());
    assertEquals(List.of("10.rebuild-darwin: 0", "10.rebuild-linux: 0"), r.labels());
  }

  @Test
  void report_stdenvRebuilt_setsTheKernelsStdenvLabel() {
    PackageGraphBuilder b = PackageGraph.builder();
    b.addNode(NodeRecord.of("stdenv.x86_64-linux", "stdenv", "x86_64-linux"));
    b.addNode(NodeRecord.of("hello.x86_64-linux", "hello", "x86_64-linux"));
    b.addNode(NodeRecord.of("stdenv.aarch64-darwin", "stdenv", "aarch64-darwin"));
    b.addEdge(1, 0);
    PackageGraph g = b.build();
    ImpactReport r = analyze(g, Policy.TRANSITIVE, "stdenv.x86_64-linux");
    assertEquals(
        List.of("10.rebuild-darwin: 0", "10.rebuild-linux: 1-10", "10.rebuild-linux-stdenv"),
        r.labels());
    // hello alone: stdenv is not among the rebuilds.
    assertEquals(
        List.of("10.rebuild-darwin: 0", "10.rebuild-linux: 1", "10.rebuild-linux: 1-10"),
        analyze(g, Policy.TRANSITIVE, "hello").labels());
  }

  @Test
  void report_cutoffCarriesItsDistribution() {
    PackageGraph g = graph();
    ImpactReport r = analyze(g, Policy.CUTOFF, "zlib.x86_64-linux");
    assertEquals(3, r.rebuildCount());
    assertEquals(1000, r.cutoff().samples());
    assertEquals(2, r.cutoff().min());
    assertEquals(3, r.cutoff().max());
    assertEquals(2.1, r.cutoff().expected(), 0.05);
  }

  @Test
  void report_inconsistentValues_areRejected() {
    RebuildSet set = RebuildSet.of(3, new int[] {0}, new int[] {0});
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ImpactReport(
                Policy.LOCAL,
                List.of("a"),
                List.of(),
                2,
                Map.of("s", 1),
                Map.of(),
                Map.of(),
                List.of(),
                1,
                List.of(),
                Map.of(),
                set,
                null));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ImpactReport(
                Policy.CUTOFF,
                List.of("a"),
                List.of(),
                1,
                Map.of("s", 1),
                Map.of(),
                Map.of(),
                List.of(),
                1,
                List.of(),
                Map.of(),
                set,
                null));
  }
}
