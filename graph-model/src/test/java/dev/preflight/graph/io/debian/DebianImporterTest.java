package dev.preflight.graph.io.debian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.GraphStats;
import dev.preflight.graph.InputException;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.scc.Components;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The importer on the committed excerpt of the real bookworm indices (fixtures/debian/excerpt). The
 * expected edges were checked against dpkg's own parser (Dpkg::Deps with reduce_arch and
 * reduce_profiles) when the excerpt was made; each test names the stanza text it relies on.
 */
final class DebianImporterTest {
  private static DebianImporter.Result defaults;

  @TempDir Path dir;

  @BeforeAll
  static void importExcerpt() {
    defaults = importWith("amd64");
  }

  private static DebianImporter.Result importWith(String arch, String... profiles) {
    return DebianImporter.read(
        DebianTestData.excerptSources(),
        DebianTestData.excerptPackages(),
        new DebianImporter.Options(DebianArch.of(arch), BuildProfiles.of(List.of(profiles))),
        Progress.NONE);
  }

  private static boolean edge(PackageGraph g, String from, String to) {
    int a = node(g, from);
    int b = node(g, to);
    for (int p = g.inputsStart(a); p < g.inputsEnd(a); p++) {
      if (g.input(p) == b) {
        return true;
      }
    }
    return false;
  }

  private static int node(PackageGraph g, String name) {
    int[] nodes = g.nodesNamed(name);
    assertEquals(1, nodes.length, "one node named " + name);
    return nodes[0];
  }

  @Test
  void excerpt_countsAgreeWithDpkgsParser() {
    PackageGraph g = defaults.graph();
    assertEquals(46, g.nodeCount());
    assertEquals(167, g.edgeCount());
    assertEquals(207, g.metadata().unresolved().size());
    assertEquals(1, g.metadata().selfLoopsDropped());
    assertEquals(0, g.metadata().duplicateEdgesMerged());
    assertEquals(50, defaults.sourceStanzas());
    assertEquals(337, defaults.binaryStanzas());
  }

  @Test
  void nodes_idNameVersionSystemSizeStatus() {
    PackageGraph g = defaults.graph();
    int hello = g.indexOfId("hello@amd64-linux");
    assertTrue(hello >= 0);
    assertEquals("hello", g.name(hello));
    assertEquals("2.10-3", g.version(hello));
    assertEquals("amd64-linux", g.system(hello));
    // Files: 1755 hello_2.10-3.dsc + 725946 hello_2.10.orig.tar.gz + 13469
    // hello_2.10-3.debian.tar.xz
    assertEquals(741_170, g.sizeBytes(hello));
    assertEquals(NodeStatus.UNKNOWN, g.lastStatus(hello));
    assertTrue(Double.isNaN(g.buildSeconds(hello)));
    assertEquals(List.of("amd64-linux"), g.systems());
  }

  @Test
  void extraSourceOnlyStanzas_areNotNodes() {
    PackageGraph g = defaults.graph();
    assertEquals(3, defaults.extraSourceOnly()); // alabaster 0.7.8-1.1, cglib 3.2.12-1, jquery
    assertEquals("3.3.0-1", g.version(node(g, "cglib")));
    assertEquals("0.7.12-1", g.version(node(g, "alabaster")));
    assertEquals(0, g.nodesNamed("jquery").length, "jquery has only an Extra-Source-Only stanza");
  }

  @Test
  void twoVersionsOfOneSource_highestByDpkgOrderWins() {
    PackageGraph g = defaults.graph();
    assertEquals("6.1.176+1", g.version(node(g, "linux-signed-amd64")));
    assertEquals(List.of("linux-signed-amd64 6.1.170+3"), defaults.olderVersions());
    assertTrue(g.metadata().unresolved().contains("linux-support-6.1.0-50"));
    assertFalse(g.metadata().unresolved().contains("linux-support-6.1.0-47"));
  }

  @Test
  void plainName_andVersionConstraintDropped() {
    PackageGraph g = defaults.graph();
    assertTrue(edge(g, "hello", "help2man")); // help2man
    assertTrue(edge(g, "libtool", "automake-1.16")); // automake (>= 1:1.14.1-3)
    assertTrue(edge(g, "autoconf", "m4")); // m4 (>= 1.4.13), in Build-Depends-Indep
  }

  @Test
  void alternatives_everyAlternativeCounts() {
    PackageGraph g = defaults.graph();
    // libtool: gfortran | fortran95-compiler; gfortran is built by gcc-defaults, and
    // fortran95-compiler's providers (gcc-12) are not in the excerpt.
    assertTrue(edge(g, "libtool", "gcc-defaults"));
    assertTrue(g.metadata().unresolved().contains("fortran95-compiler"));
    // hwloc: ocl-icd-opencl-dev [!hurd-i386] | opencl-dev: both unresolved here.
    assertTrue(g.metadata().unresolved().contains("ocl-icd-opencl-dev"));
    assertTrue(g.metadata().unresolved().contains("opencl-dev"));
  }

  @Test
  void architectureRestrictions_honouredForTheChosenArchitecture() {
    PackageGraph g = defaults.graph();
    assertTrue(edge(g, "x264", "nasm")); // nasm (>= 2.13) [any-i386 any-amd64]
    assertTrue(edge(g, "htop", "libnl3")); // libnl-3-dev [linux-any]
    assertTrue(edge(g, "htop", "lm-sensors")); // libsensors-dev [!hurd-any]
    assertFalse(edge(g, "htop", "hwloc")); // libhwloc-dev [!linux-any]
    assertFalse(edge(g, "hwloc", "libtool")); // libltdl-dev [!gnu-any-any]
    assertTrue(edge(g, "llvm-toolchain-16", "hello")); // hello [!any-i386]
    assertFalse(edge(g, "kexec-tools", "zlib")); // libz-dev [arm64 ia64]
    // arch-test: binutils-x86-64-linux-gnu [!amd64 !i386 !x32], binutils-aarch64-linux-gnu [!arm64]
    assertFalse(g.metadata().unresolved().contains("binutils-x86-64-linux-gnu"));
    assertTrue(g.metadata().unresolved().contains("binutils-aarch64-linux-gnu"));
    assertFalse(g.metadata().unresolved().contains("libdevstat-dev")); // [kfreebsd-any]
  }

  @Test
  void architectureRestrictions_otherArchitectures() {
    PackageGraph arm64 = importWith("arm64").graph();
    assertEquals("arm64-linux", arm64.system(node(arm64, "hello")));
    assertTrue(arm64.indexOfId("hello@arm64-linux") >= 0);
    assertFalse(edge(arm64, "x264", "nasm"));
    assertTrue(edge(arm64, "kexec-tools", "zlib")); // libz-dev, a virtual package of zlib1g-dev
    assertTrue(arm64.metadata().unresolved().contains("binutils-x86-64-linux-gnu"));
    PackageGraph i386 = importWith("i386").graph();
    assertFalse(edge(i386, "llvm-toolchain-16", "hello"));
    assertTrue(edge(i386, "x264", "nasm"));
    PackageGraph kfreebsd = importWith("kfreebsd-amd64").graph();
    assertTrue(edge(kfreebsd, "htop", "hwloc"));
    assertFalse(edge(kfreebsd, "htop", "libnl3"));
    assertFalse(edge(kfreebsd, "hwloc", "libtool"), "gnu-any-any matches GNU/kFreeBSD too");
    assertTrue(edge(importWith("musl-linux-amd64").graph(), "hwloc", "libtool"));
    PackageGraph hurd = importWith("hurd-amd64").graph();
    assertFalse(edge(hurd, "htop", "lm-sensors"));
    assertFalse(edge(hurd, "hwloc", "libtool"));
  }

  @Test
  void buildProfiles_defaultBuildHasNoneActive() {
    PackageGraph g = defaults.graph();
    assertTrue(edge(g, "aasvg", "nodejs")); // nodejs <!nodoc> <!nocheck>
    assertTrue(edge(g, "aasvg", "help2man")); // help2man <!nodoc>
    assertTrue(edge(g, "x264", "ffms2")); // libffms2-dev <!stage1>
    assertFalse(g.metadata().unresolved().contains("libtest-pod-perl")); // <pkg.debhelper.ci>
  }

  @Test
  void buildProfiles_activatedOnes() {
    PackageGraph nodoc = importWith("amd64", "nodoc").graph();
    assertTrue(edge(nodoc, "aasvg", "nodejs"), "<!nocheck> still holds");
    assertFalse(edge(nodoc, "aasvg", "help2man"));
    PackageGraph both = importWith("amd64", "nodoc", "nocheck").graph();
    assertFalse(edge(both, "aasvg", "nodejs"));
    assertFalse(edge(importWith("amd64", "stage1").graph(), "x264", "ffms2"));
    PackageGraph ci = importWith("amd64", "pkg.debhelper.ci").graph();
    assertTrue(ci.metadata().unresolved().contains("libtest-pod-perl"));
    assertEquals("pkg.debhelper.ci", ci.metadata().properties().get("debian.profiles"));
  }

  @Test
  void selfDependencies_droppedAndCountedPerSource() {
    // libtool: libltdl-dev <!nocheck> is its own binary.
    assertEquals(1, defaults.selfDependencies());
    assertEquals(0, importWith("amd64", "nocheck").graph().metadata().selfLoopsDropped());
    // flex: flex <cross>; dbus-glib: libdbus-glib-1-dev-bin <cross>.
    DebianImporter.Result cross = importWith("amd64", "cross");
    assertEquals(3, cross.graph().metadata().selfLoopsDropped());
    PackageGraph g = cross.graph();
    for (String name : List.of("libtool", "flex", "dbus-glib")) {
      int v = node(g, name);
      for (int p = g.inputsStart(v); p < g.inputsEnd(v); p++) {
        assertTrue(g.input(p) != v, name);
      }
    }
  }

  @Test
  void qualifiers_anyAndNativeAreDropped() {
    PackageGraph g = defaults.graph();
    assertTrue(edge(g, "at", "perl")); // perl:any (>= 5.10.1), at's only perl relation
    assertTrue(edge(g, "nodejs", "python3-defaults")); // python3:native
    assertTrue(edge(g, "linux-signed-amd64", "python3-defaults")); // python3:any
  }

  @Test
  void virtualPackages_resolveToTheSourcesOfTheirProviders() {
    PackageGraph g = defaults.graph();
    // debhelper Provides: debhelper-compat (= 9), ..., debhelper-compat (= 13)
    assertTrue(edge(g, "hello", "debhelper")); // debhelper-compat (= 13)
    assertTrue(edge(g, "gettext", "dh-elpa")); // dh-sequence-elpa, Build-Depends-Indep
    assertTrue(edge(g, "dbus-glib", "expat")); // libexpat-dev, provided by libexpat1-dev
  }

  @Test
  void sourceFieldWithVersion_mapsToTheSourceName() {
    PackageGraph g = defaults.graph();
    // libnl-3-dev: "Source: libnl3 (3.7.0-0.2)"; gfortran: "Source: gcc-defaults (1.203)"
    assertTrue(edge(g, "openvpn", "libnl3"));
    assertTrue(edge(g, "llvm-toolchain-16", "gcc-defaults"));
  }

  @Test
  void buildDependsArch_andIndep_areBothUsed() {
    PackageGraph g = defaults.graph();
    assertTrue(edge(g, "execline", "skalibs")); // Build-Depends-Arch: skalibs-dev
    assertTrue(edge(g, "automake-1.16", "libtool")); // Build-Depends-Indep: libtool
  }

  @Test
  void cycles_areKeptAsStronglyConnectedComponents() {
    PackageGraph g = defaults.graph();
    assertTrue(edge(g, "libtool", "automake-1.16") && edge(g, "automake-1.16", "libtool"));
    assertTrue(edge(g, "bison", "flex") && edge(g, "flex", "bison"));
    assertTrue(edge(g, "debhelper", "dpkg") && edge(g, "dpkg", "debhelper"));
    Components c = g.components();
    int debhelper = c.componentOf(node(g, "debhelper"));
    List<String> core =
        List.of(
            "bison",
            "debhelper",
            "dh-autoreconf",
            "dh-elpa",
            "dpkg",
            "file",
            "flex",
            "gcc-defaults",
            "gettext",
            "help2man",
            "m4",
            "ncurses",
            "perl",
            "pkgconf",
            "po4a",
            "texinfo",
            "zlib");
    for (String name : core) {
      assertEquals(debhelper, c.componentOf(node(g, name)), name);
    }
    assertEquals(core.size(), c.size(debhelper));
    assertEquals(core.size(), GraphStats.of(g).largestScc());
    int libtool = c.componentOf(node(g, "libtool"));
    assertEquals(libtool, c.componentOf(node(g, "automake-1.16")));
    assertEquals(2, c.size(libtool));
    assertEquals(3, GraphStats.of(g).cyclicSccCount()); // and dbus <-> glib2.0
  }

  @Test
  void unresolvedNames_listedOnceAndCountedPerReference() {
    PackageGraph g = defaults.graph();
    List<String> u = g.metadata().unresolved();
    assertTrue(u.contains("libxnvctrl-dev")); // hwloc; non-free, so in no main index
    assertEquals(u.stream().distinct().sorted().toList(), u);
    assertTrue(defaults.unresolvedReferences() > u.size());
    assertEquals(
        Long.toString(defaults.unresolvedReferences()),
        g.metadata().properties().get("debian.unresolvedReferences"));
  }

  @Test
  void metadata_recordsOptionsInputsAndDigests() throws Exception {
    var p = defaults.graph().metadata().properties();
    assertEquals("debian", p.get("importer"));
    assertEquals("amd64", p.get("debian.arch"));
    assertEquals("", p.get("debian.profiles"));
    assertEquals("Sources", p.get("debian.sources"));
    assertEquals("Packages", p.get("debian.packages"));
    assertEquals(sha256(DebianTestData.excerptSources()), p.get("debian.sources.sha256"));
    assertEquals(sha256(DebianTestData.excerptPackages()), p.get("debian.packages.sha256"));
    assertEquals("50", p.get("debian.sourceStanzas"));
    assertEquals("3", p.get("debian.extraSourceOnlySkipped"));
    assertEquals("1", p.get("debian.olderVersionsSkipped"));
    assertEquals("337", p.get("debian.binaryStanzas"));
    assertEquals(
        "debian Sources + Packages (amd64, no build profiles)",
        defaults.graph().metadata().source());
  }

  @Test
  void sameInputs_sameGraph_sequentialOrParallel() {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      AtomicLong advanced = new AtomicLong();
      List<String> tasks = new ArrayList<>();
      Progress recording =
          new Progress() {
            @Override
            public synchronized void start(String task, long total) {
              tasks.add(task);
            }

            @Override
            public void advance(long delta) {
              advanced.addAndGet(delta);
            }

            @Override
            public void done() {}
          };
      DebianImporter.Result parallel =
          DebianImporter.read(
              DebianTestData.excerptSources(),
              DebianTestData.excerptPackages(),
              DebianImporter.Options.defaults(),
              recording,
              pool);
      dev.preflight.graph.testing.GraphAssertions.assertSameGraph(
          defaults.graph(), parallel.graph());
      assertEquals(defaults.graph().metadata(), parallel.graph().metadata());
      assertTrue(tasks.contains("resolving build-dependencies"), tasks.toString());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void badRelation_errorNamesTheLineInsideAContinuedField() throws IOException {
    Path sources = dir.resolve("Sources");
    Files.writeString(
        sources,
        "Package: ok\nVersion: 1\n\n"
            + "Package: broken\n"
            + "Version: 1.0-1\n"
            + "Build-Depends: debhelper-compat (= 13),\n"
            + " libfoo-dev (>= 1.2,\n"
            + " libbar-dev\n");
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                DebianImporter.read(
                    sources,
                    DebianTestData.excerptPackages(),
                    DebianImporter.Options.defaults(),
                    Progress.NONE));
    assertEquals(sources.toString(), e.source());
    assertEquals("line 7 (stanza 2)", e.location());
    assertTrue(
        e.problem().startsWith("Build-Depends of 'broken': cannot parse relation"), e.problem());
  }

  @Test
  void badStanzas_missingFieldsBadVersionBadSourceBadFiles() throws IOException {
    assertSourcesError("Version: 1\n", "line 1 (stanza 1)", "stanza has no Package field");
    assertSourcesError("Package: a\n", "line 1 (stanza 1)", "stanza has no Version field");
    assertSourcesError("Package: a\nVersion: 1.0-\n", "line 2 (stanza 1)", "empty revision");
    assertSourcesError(
        "Package: a\nVersion: 1\nFiles:\n 0123 12 a.dsc\n 4567 big a.tar.gz\n",
        "line 5 (stanza 1)",
        "'4567 big a.tar.gz' is not 'md5sum size filename'");
    assertSourcesError(
        "Package: a\nVersion: 1\nFiles:\n 0123 12\n", "line 4 (stanza 1)", "is not 'md5sum");
    assertSourcesError(
        "Package: a\nVersion: 1\nFiles:\n 0123 12 a.dsc x\n", "line 4 (stanza 1)", "'0123 12");
    Path packages = dir.resolve("Packages");
    Files.writeString(packages, "Package: p\nSource: foo (1.0\n");
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                DebianImporter.read(
                    DebianTestData.excerptSources(),
                    packages,
                    DebianImporter.Options.defaults(),
                    Progress.NONE));
    assertEquals("line 2 (stanza 1)", e.location());
    assertTrue(e.problem().contains("is not 'name' or 'name (version)'"), e.problem());
  }

  @Test
  void emptyOrSwappedIndices_areRejectedNamingTheFile() throws IOException {
    // Regression: an empty Sources imported as a graph of 0 nodes, and Packages given as
    // --sources (and the other way round) as 337 sources without an edge, both exit 0.
    Path empty = dir.resolve("empty");
    Files.writeString(empty, "");
    InputException noSources =
        assertThrows(
            InputException.class,
            () ->
                DebianImporter.read(
                    empty,
                    DebianTestData.excerptPackages(),
                    DebianImporter.Options.defaults(),
                    Progress.NONE));
    assertEquals(empty + ": no stanzas: an empty Sources index", noSources.getMessage());
    InputException noPackages =
        assertThrows(
            InputException.class,
            () ->
                DebianImporter.read(
                    DebianTestData.excerptSources(),
                    empty,
                    DebianImporter.Options.defaults(),
                    Progress.NONE));
    assertEquals(empty + ": no stanzas: an empty Packages index", noPackages.getMessage());
    InputException swapped =
        assertThrows(
            InputException.class,
            () ->
                DebianImporter.read(
                    DebianTestData.excerptPackages(),
                    DebianTestData.excerptSources(),
                    DebianImporter.Options.defaults(),
                    Progress.NONE));
    assertEquals("line 1 (stanza 1)", swapped.location(), swapped.getMessage());
    assertTrue(swapped.problem().contains("is this the"), swapped.getMessage());
  }

  private void assertSourcesError(String text, String location, String problem) throws IOException {
    Path sources = dir.resolve("Sources");
    Files.writeString(sources, text);
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                DebianImporter.read(
                    sources,
                    DebianTestData.excerptPackages(),
                    DebianImporter.Options.defaults(),
                    Progress.NONE));
    assertEquals(location, e.location(), e.getMessage());
    assertTrue(e.problem().contains(problem), e.getMessage());
  }

  @Test
  void archQualifiedNamesAndVersionedProvides_synthetic() throws IOException {
    // Cases the real excerpt lacks: foo:i386 and a versioned Provides naming a real package too.
    Path sources = dir.resolve("Sources");
    Files.writeString(
        sources,
        "Package: app\nVersion: 1\nBuild-Depends: libc6-dev:i386 [amd64], mawk (>= 1.3),"
            + " awk\n\n"
            + "Package: glibc\nVersion: 2.36-9\n\n"
            + "Package: mawk\nVersion: 1.3.4\n\n"
            + "Package: gawk\nVersion: 1:5.2.1-2\n");
    Path packages = dir.resolve("Packages");
    Files.writeString(
        packages,
        BuildEnvironmentTest.withArchitecture(
            "Package: libc6-dev\nSource: glibc (2.36-9+deb12u4)\n\n"
                + "Package: mawk\nProvides: awk (= 1.3.4)\n\n"
                + "Package: gawk\nProvides: awk, mawk (= 1.3.4)\n"));
    PackageGraph g =
        DebianImporter.read(sources, packages, DebianImporter.Options.defaults(), Progress.NONE)
            .graph();
    assertTrue(edge(g, "app", "glibc"));
    assertTrue(edge(g, "app", "mawk"));
    assertTrue(edge(g, "app", "gawk"), "mawk is also provided by gawk, and awk by both");
    assertEquals(3, g.edgeCount());
    assertEquals(List.of(), g.metadata().unresolved());
    assertEquals(-1, g.sizeBytes(node(g, "app")), "no Files field");
  }

  private static String sha256(Path p) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
  }
}
