package dev.preflight.graph.io.nix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** Syntax cases of each Nix format, on small inline documents. */
final class NixFormatDetailsTest {
  private static final String H1 = "0c5rb2wzjxlzc9b57yjmzcwfyvpnhmhl";
  private static final String H2 = "1ij2prr6bz9blpvk8hr3m3ypwqgrfwaz";
  private static final String H3 = "2ck3m7x4dvlbaq04w1mzri2f7jnqxjfk";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  private PackageGraph derivations(String json) throws IOException {
    return NixImport.readDerivations(write("d.drv.json", json), Progress.NONE);
  }

  private PackageGraph dot(String text) throws IOException {
    return NixImport.create()
        .dot(write("g.dot", text))
        .dotEdges(DotEdges.DEPENDENT_TO_DEPENDENCY)
        .run(Progress.NONE)
        .graph();
  }

  private static String edges(PackageGraph g) {
    return String.join(", ", NixFixtures.edges(g, null));
  }

  // ---------------------------------------------------------------- names

  @Test
  void parseDrvName_splitsAtFirstDashBeforeANonLetter() {
    assertArrayEquals(new String[] {"curl", "8.6.0"}, StorePaths.parseDrvName("curl-8.6.0"));
    assertArrayEquals(
        new String[] {"perl5.38.2-XML-Parser", "2.46"},
        StorePaths.parseDrvName("perl5.38.2-XML-Parser-2.46"));
    assertArrayEquals(
        new String[] {"bootstrap-stage0-stdenv-linux", ""},
        StorePaths.parseDrvName("bootstrap-stage0-stdenv-linux"));
    assertArrayEquals(new String[] {"glibc", "2.39-52"}, StorePaths.parseDrvName("glibc-2.39-52"));
    assertArrayEquals(new String[] {"a", "-b"}, StorePaths.parseDrvName("a--b"));
    assertArrayEquals(new String[] {"x-", ""}, StorePaths.parseDrvName("x-"));
  }

  @Test
  void storeName_andNormalize_handleBaseNamesAndFullPaths() {
    assertEquals("curl-8.6.0", StorePaths.storeName("/nix/store/" + H1 + "-curl-8.6.0.drv"));
    assertEquals("curl-8.6.0", StorePaths.storeName(H1 + "-curl-8.6.0.drv"));
    assertEquals("a", StorePaths.storeName("a.drv"));
    assertEquals("/nix/store/" + H1 + "-x.drv", StorePaths.normalize(H1 + "-x.drv", null));
    assertEquals("/gnu/store/" + H1 + "-x.drv", StorePaths.normalize(H1 + "-x.drv", "/gnu/store"));
    assertEquals("/opt/s/" + H1 + "-x.drv", StorePaths.normalize("/opt/s/" + H1 + "-x.drv", null));
    assertEquals("a.drv", StorePaths.normalize("a.drv", null), "not a store path: kept");
  }

  // ---------------------------------------------------------------- derivation JSON

  @Test
  void derivations_pnameWins_overTheParsedDrvName() throws IOException {
    PackageGraph g =
        derivations(
            "{\"/nix/store/"
                + H1
                + "-python3.12-requests-2.31.0.drv\": {\"name\": \"python3.12-requests-2.31.0\","
                + " \"system\": \"x86_64-linux\", \"inputDrvs\": {},"
                + " \"env\": {\"pname\": \"requests\", \"version\": \"2.31.0\"}}}");
    assertEquals("requests", g.name(0));
    assertEquals("2.31.0", g.version(0));
  }

  @Test
  void derivations_structuredAttrs_giveNameAndVersion() throws IOException {
    PackageGraph g =
        derivations(
            "{\"version\": 4, \"derivations\": {\""
                + H1
                + "-foo-1.0.drv\": {\"name\": \"foo-1.0\", \"system\": \"x86_64-linux\","
                + " \"inputs\": {\"srcs\": [], \"drvs\": {}}, \"env\": {},"
                + " \"structuredAttrs\": {\"pname\": \"foo-bar\", \"version\": \"1.0\"}},"
                + "\""
                + H2
                + "-baz-2.0.drv\": {\"name\": \"baz-2.0\", \"system\": \"x86_64-linux\","
                + " \"inputDrvs\": {}, \"env\": {\"__json\":"
                + " \"{\\\"pname\\\": \\\"baz-py\\\", \\\"version\\\": \\\"2.0\\\"}\"}}}}");
    assertEquals("foo-bar", g.name(0));
    assertEquals("baz-py", g.name(1));
    assertEquals("2.0", g.version(1));
  }

  @Test
  void derivations_version5_envObjectsAndListInputs() throws IOException {
    PackageGraph g =
        derivations(
            "{\"derivations\": {\""
                + H1
                + "-a-1.drv\": {\"name\": \"a-1\", \"system\": \"s\", \"version\": 5,"
                + " \"env\": {\"pname\": {\"value\": \"aa\", \"passAsFile\": false}},"
                + " \"inputs\": {\"srcs\": [], \"drvs\": {\""
                + H2
                + "-b-2.drv\": [\"out\", \"dev\"]}}, \"options\": {}},"
                + "\""
                + H2
                + "-b-2.drv\": {\"name\": \"b-2\", \"system\": \"s\", \"version\": 5,"
                + " \"inputs\": {\"srcs\": [], \"drvs\": {}}}}, \"version\": 5}");
    assertEquals("aa", g.name(0));
    assertEquals("/nix/store/" + H1 + "-a-1.drv -> /nix/store/" + H2 + "-b-2.drv", edges(g));
  }

  @Test
  void derivations_storeDirField_isUsedForBaseNames() throws IOException {
    PackageGraph g =
        derivations(
            "{\"derivations\": {\""
                + H1
                + "-a.drv\": {\"system\": \"s\"}}, \"storeDir\": \"/gnu/store\", \"version\": 4}");
    assertEquals("/gnu/store/" + H1 + "-a.drv", g.id(0));
  }

  @Test
  void derivations_notRecursive_inputsUnresolvedAndWarned() throws IOException {
    NixImport.Result r =
        NixImport.create()
            .derivations(
                write(
                    "one.drv.json",
                    "{\"/nix/store/"
                        + H1
                        + "-hello-2.12.1.drv\": {\"name\": \"hello-2.12.1\", \"system\":"
                        + " \"x86_64-linux\", \"inputDrvs\": {\"/nix/store/"
                        + H2
                        + "-bash-5.2.drv\": {\"outputs\": [\"out\"], \"dynamicOutputs\": {}},"
                        + " \"/nix/store/"
                        + H3
                        + "-stdenv-linux.drv\": {\"outputs\": [\"out\"], \"dynamicOutputs\":"
                        + " {}}}}}"))
            .run(Progress.NONE);
    assertEquals(1, r.graph().nodeCount());
    assertEquals(0, r.graph().edgeCount());
    assertEquals(2, r.unresolvedInputs());
    assertEquals(2, r.graph().metadata().unresolved().size());
    assertTrue(r.warnings().get(0).contains("--recursive"), r.warnings().toString());
  }

  @Test
  void derivations_compressedInput_isReadTransparently() throws IOException {
    String json = "{\"/nix/store/" + H1 + "-a-1.drv\": {\"system\": \"s\", \"inputDrvs\": {}}}";
    Path gz = dir.resolve("d.drv.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
    Path xz = dir.resolve("d.drv.json.xz");
    try (OutputStream out = new XZOutputStream(Files.newOutputStream(xz), new LZMA2Options())) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
    assertEquals("a", NixImport.readDerivations(gz, Progress.NONE).name(0));
    assertEquals("a", NixImport.readDerivations(xz, Progress.NONE).name(0));
  }

  // ---------------------------------------------------------------- DOT

  @Test
  void dot_languageFeatures_commentsEscapesConcatenationPortsAttributes() throws IOException {
    PackageGraph g =
        dot(
            "# preprocessor line\n"
                + "/* block\n comment */ strict digraph \"name\" {\n"
                + "  graph [rankdir = LR]; node [shape=box] edge [color=\"red\"]\n"
                + "  rankdir = TB\n"
                + "  // a line comment\n"
                + "  a [label = <b<i>x</i>>];\n"
                + "  \"q\\\"uo\" + \"ted\" -> b:port:n -> c [weight = 2, label = \"x\"]\n"
                + "  d -> \"multi\\\nline\"; 12 -> -3.5\n"
                + "}\n");
    assertEquals("12 -> -3.5, b -> c, d -> multiline, q\"uoted -> b", edges(g));
    assertEquals("b<i>x</i>", g.name(g.indexOfId("a")), "HTML label is the name of a plain id");
  }

  @Test
  void dot_subgraphs_connectEveryMember() throws IOException {
    PackageGraph g = dot("digraph { a -> { b c } ; subgraph s { d -> e } -> f }");
    assertEquals("a -> b, a -> c, d -> e, d -> f, e -> f", edges(g));
  }

  @Test
  void dot_runtimeClosureWithoutDrvs_keepsEveryPath() throws IOException {
    PackageGraph g =
        NixImport.create()
            .dot(
                write(
                    "rt.dot",
                    "digraph G {\n\""
                        + H1
                        + "-glibc-2.39-52\" [label = \"glibc-2.39-52\"];\n\""
                        + H1
                        + "-glibc-2.39-52\" -> \""
                        + H2
                        + "-hello-2.12.1\" [color = \"black\"];\n}\n"))
            .run(Progress.NONE)
            .graph();
    assertEquals(2, g.nodeCount());
    assertEquals("hello", g.name(g.indexOfId("/nix/store/" + H2 + "-hello-2.12.1")));
    assertEquals(1, g.inputCount(g.indexOfId("/nix/store/" + H2 + "-hello-2.12.1")));
  }

  // ---------------------------------------------------------------- eval-jobs

  @Test
  void evalJobs_flakeStyleAttributes_andAttrSetLinesSkipped() throws IOException {
    NixImport.Result r =
        NixImport.create()
            .evalJobs(
                write(
                    "j.jsonl",
                    "{\"attr\":\"x86_64-linux.hello\",\"attrPath\":[\"x86_64-linux\",\"hello\"],"
                        + "\"drvPath\":\"/nix/store/"
                        + H1
                        + "-hello-2.12.1.drv\",\"name\":\"hello-2.12.1\",\"system\":\"x86_64-linux\","
                        + "\"outputs\":{\"out\":null}}\n"
                        + "\n"
                        + "{\"attr\":\"x86_64-linux\",\"attrPath\":[\"x86_64-linux\"],"
                        + "\"attrs\":[\"hello\"]}\n"
                        + "{\"attrPath\":[\"x86_64-linux\",\"greeting\"],\"drvPath\":\"/nix/store/"
                        + H1
                        + "-hello-2.12.1.drv\",\"name\":\"hello-2.12.1\","
                        + "\"system\":\"x86_64-linux\",\"outputs\":{}}\n"))
            .run(Progress.NONE);
    PackageGraph g = r.graph();
    assertEquals(1, g.nodeCount());
    assertEquals("hello", g.name(0));
    assertEquals(List.of("greeting"), g.aliases(0));
    assertEquals("1", g.metadata().properties().get("nix.eval-jobs.attrSetsSkipped"));
  }

  @Test
  void evalJobs_withoutInputDrvs_warnsThatThereAreNoEdges() throws IOException {
    NixImport.Result r =
        NixImport.create()
            .evalJobs(
                write(
                    "j.jsonl",
                    "{\"attr\":\"a\",\"drvPath\":\"/nix/store/"
                        + H1
                        + "-a-1.drv\",\"name\":\"a-1\",\"system\":\"s\"}\n"
                        + "{\"attr\":\"b\",\"drvPath\":\"/nix/store/"
                        + H2
                        + "-b-1.drv\",\"name\":\"b-1\",\"system\":\"s\"}\n"))
            .run(Progress.NONE);
    assertEquals(0, r.graph().edgeCount());
    assertTrue(r.warnings().get(0).contains("--show-input-drvs"), r.warnings().toString());
  }
}
