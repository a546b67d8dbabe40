package dev.preflight.graph.io.debian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.GraphStats;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import dev.preflight.graph.testing.RealData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the real Debian bookworm indices in {@code ../shared/data/debian-bookworm}: when
 * that folder is absent, skipped with a line on stderr, or failed under {@code
 * -Dpreflight.requireRealData=true} (what CI passes; {@link RealData}). The expected figures were
 * checked independently, once, with dpkg's own Perl modules (Dpkg::Control::HashCore, Dpkg::Deps
 * with reduce_arch and reduce_profiles, dpkg --compare-versions) and networkx: same 34,288 nodes
 * with the same versions and sizes, the same 250,406 edges, the same 238 unresolved names.
 */
final class DebianBookwormTest {
  private static Path data;
  private static DebianImporter.Result result;

  @BeforeAll
  static void importBookworm() {
    data = RealData.debianBookworm("DebianBookwormTest", DebianTestData.repo());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      result =
          DebianImporter.read(
              data.resolve("Sources.xz"),
              data.resolve("Packages.xz"),
              DebianImporter.Options.defaults(),
              Progress.NONE,
              pool);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void bookworm_34288SourcesFrom34335Stanzas() {
    PackageGraph g = result.graph();
    assertEquals(34_288, g.nodeCount());
    assertEquals(34_335, result.sourceStanzas());
    assertEquals(36, result.extraSourceOnly());
    assertEquals(
        List.of(
            "astropy 5.2.1-2",
            "firefox-esr 115.15.0esr-1~deb12u1",
            "linux 6.1.170-3",
            "linux-signed-amd64 6.1.170+3",
            "linux-signed-arm64 6.1.170+3",
            "linux-signed-i386 6.1.170+3",
            "mono 6.8.0.105+dfsg-3.3",
            "rust-cbindgen-web 0.26.0-3~deb12u1",
            "rustc-web 1.70.0+dfsg1-7~deb12u2",
            "thunderbird 1:115.16.0esr-1~deb12u1",
            "webkit2gtk 2.42.2-1~deb12u1"),
        result.olderVersions());
    assertEquals(63_440, result.binaryStanzas());
    assertEquals(0, result.binariesOfUnknownSources());
    assertEquals(0, g.nodesNamed("jquery").length, "only an Extra-Source-Only stanza");
  }

  @Test
  void bookworm_edgesCyclesAndUnresolvedNames() {
    PackageGraph g = result.graph();
    GraphStats s = GraphStats.of(g);
    assertEquals(250_406, g.edgeCount());
    assertEquals(52, g.metadata().selfLoopsDropped());
    assertEquals(238, g.metadata().unresolved().size());
    assertEquals(376, result.unresolvedReferences());
    assertEquals(29_094, s.sccCount());
    assertEquals(75, s.cyclicSccCount());
    assertEquals(4_901, s.largestScc());
    assertTrue(g.metadata().unresolved().contains("dh-systemd"), "removed after bullseye");
  }

  @Test
  void bookworm_whatDesignSaysTheRealGraphTeaches() {
    PackageGraph g = result.graph();
    int debhelper = g.nodesNamed("debhelper")[0];
    // 99.8% of sources build-depend on debhelper (34,232 of 34,288).
    assertEquals(34_232, g.dependentsEnd(debhelper) - g.dependentsStart(debhelper));
    // gcc, glibc, perl, python, llvm, texlive... share one cycle with debhelper.
    int scc = g.components().componentOf(debhelper);
    assertEquals(4_901, g.components().size(scc));
    for (String name : List.of("gcc-12", "glibc", "perl", "python3.11", "llvm-toolchain-15")) {
      assertEquals(scc, g.components().componentOf(g.nodesNamed(name)[0]), name);
    }
    // Under transitive propagation a change to any of them rebuilds 34,272 sources (itself
    // included; the 16 that do not have no build-dependency at all).
    assertEquals(34_272, rebuildSet(g, debhelper));
    assertEquals(34_272, rebuildSet(g, g.nodesNamed("gcc-12")[0]));
  }

  @Test
  void bookworm_metadataCarriesTheDigestsOfSha256Sums() throws IOException {
    Map<String, String> p = result.graph().metadata().properties();
    for (String line : Files.readAllLines(data.resolve("SHA256SUMS"))) {
      String[] parts = line.trim().split("\\s+");
      if (!parts[1].equals("Sources.xz") && !parts[1].equals("Packages.xz")) {
        continue; // the other architectures' indices are not in this amd64 graph
      }
      String key = parts[1].startsWith("Sources") ? "debian.sources" : "debian.packages";
      assertEquals(parts[1], p.get(key));
      assertEquals(parts[0], p.get(key + ".sha256"), parts[1]);
    }
  }

  @Test
  void bookworm_bundledDefaultGraphIsWhatTheImporterMakesToday(@TempDir Path tmp)
      throws IOException {
    Path written = tmp.resolve("bookworm.arrow");
    GraphFormat.ARROW.write(result.graph(), written);
    Path bundled = DebianTestData.repo().resolve("fixtures/debian-bookworm-amd64.arrow");
    assertTrue(
        Arrays.equals(Files.readAllBytes(bundled), Files.readAllBytes(written)),
        "fixtures/debian-bookworm-amd64.arrow is stale: regenerate it with the command in"
            + " fixtures/debian-bookworm-amd64.PROVENANCE.md");
  }

  @Test
  void bookworm_buildEnvironmentView_figuresOfAnIndependentImplementation() {
    // Checked once against a separate stdlib-Python implementation (own deb822, relation and
    // version parsing; closures as bitsets over binaries): the identical 5,693,069 edges (and
    // 4,684,849 without build-essential; 5,975,785 and 6,809,187 with every alternative).
    ExecutorService pool = Executors.newSingleThreadExecutor();
    DebianImporter.Result env;
    try {
      env =
          DebianImporter.read(
              data.resolve("Sources.xz"),
              data.resolve("Packages.xz"),
              DebianImporter.Options.defaults()
                  .withBuildEnvironment(
                      new BuildEnvironment(BuildEnvironment.Alternatives.FIRST, true)),
              Progress.NONE,
              pool);
    } finally {
      pool.shutdown();
    }
    PackageGraph g = env.graph();
    assertEquals(34_288, g.nodeCount());
    assertEquals(5_693_069, g.edgeCount());
    assertEquals(723, g.metadata().selfLoopsDropped());
    assertEquals(result.graph().metadata().unresolved(), g.metadata().unresolved());
    assertEquals(76, env.buildEssential().size());
    assertTrue(env.buildEssential().containsAll(List.of("glibc", "gcc-12", "dpkg", "bash")));
    // DESIGN.md §5: python3.11 has 5 direct dependents, ~15,700 by build environment.
    int python = g.nodesNamed("python3.11")[0];
    assertEquals(15_693, g.dependentsEnd(python) - g.dependentsStart(python));
    int zlib = g.nodesNamed("zlib")[0];
    assertEquals(34_287, g.dependentsEnd(zlib) - g.dependentsStart(zlib), "all but itself");
    PackageGraph direct = result.graph();
    for (int v = 0; v < direct.nodeCount(); v++) {
      for (int p = direct.inputsStart(v); p < direct.inputsEnd(v); p++) {
        int t = direct.input(p);
        assertTrue(
            Arrays.binarySearch(g.inputsOf(v), t) >= 0, direct.name(v) + " -> " + direct.name(t));
      }
    }
  }

  /** Nodes that reach {@code changed} (itself included): a plain BFS over dependents. */
  private static int rebuildSet(PackageGraph g, int changed) {
    boolean[] seen = new boolean[g.nodeCount()];
    int[] queue = new int[g.nodeCount()];
    int head = 0;
    int tail = 0;
    seen[changed] = true;
    queue[tail++] = changed;
    while (head < tail) {
      int v = queue[head++];
      for (int p = g.dependentsStart(v); p < g.dependentsEnd(v); p++) {
        int d = g.dependent(p);
        if (!seen[d]) {
          seen[d] = true;
          queue[tail++] = d;
        }
      }
    }
    return tail;
  }
}
