package dev.preflight.graph.io.nix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** Every bad input is an {@link InputException} naming the file and the line (and column). */
final class NixBadInputTest {
  private static final String H1 = "0c5rb2wzjxlzc9b57yjmzcwfyvpnhmhl";

  @TempDir Path dir;

  private InputException fails(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    InputException e =
        assertThrows(InputException.class, () -> GraphFormat.load(f, null, Progress.NONE));
    assertEquals(f.toString(), e.source(), e.getMessage());
    return e;
  }

  private static void assertLocation(InputException e, String location, String problemPart) {
    assertEquals(location, e.location(), e.getMessage());
    assertTrue(e.problem().contains(problemPart), e.getMessage());
  }

  // ---------------------------------------------------------------- DOT

  @Test
  void dot_missingArrowTarget_namesLineAndColumn() throws IOException {
    InputException e = fails("a.dot", "digraph G {\n  \"a\" -> \"b\";\n  \"c\" -> ;\n}\n");
    assertLocation(e, "line 3, column 10", "expected a node or subgraph after '->'");
  }

  @Test
  void dot_unterminatedString_namesWhereItStarts() throws IOException {
    InputException e = fails("a.dot", "digraph G {\n\"a\" -> \"b\n}\n");
    assertLocation(e, "line 2, column 8", "unterminated string");
  }

  @Test
  void dot_missingClosingBrace_isAnError() throws IOException {
    InputException e = fails("a.dot", "digraph G {\n\"a\" -> \"b\";\n");
    assertLocation(e, "line 3, column 1", "a '}' is missing");
  }

  @Test
  void dot_undirectedGraph_isRejected() throws IOException {
    assertLocation(fails("a.dot", "graph G { a -- b }"), "line 1, column 1", "undirected");
    assertLocation(fails("b.dot", "digraph G {\n a -- b }"), "line 2, column 4", "'--'");
  }

  @Test
  void dot_strayCharacterAndTrailingContent_areErrors() throws IOException {
    assertLocation(fails("a.dot", "digraph G {\n a -> b @\n}"), "line 2, column 9", "'@'");
    assertLocation(
        fails("b.dot", "digraph G { a }\ndigraph H { b }"), "line 2, column 1", "after the end");
    assertLocation(fails("c.dot", "digraph G { a [label] }"), "line 1, column 21", "'='");
    assertLocation(fails("d.dot", "/* never closed\ndigraph {}"), "line 1, column 1", "comment");
  }

  @Test
  void dot_deeplyNestedSubgraphs_failCleanly() throws IOException {
    String open = "{".repeat(DotParser.MAX_DEPTH + 5);
    InputException e = fails("a.dot", "digraph G " + "{" + open);
    assertTrue(e.problem().contains("nested deeper"), e.getMessage());
  }

  // ---------------------------------------------------------------- derivation JSON

  @Test
  void derivations_wrongShape_namesTheLine() throws IOException {
    InputException e = fails("a.drv.json", "{\"schemaVersion\": 1,\n \"nodes\": []}");
    assertLocation(e, "line 1, column 19", "unexpected key 'schemaVersion'");
    InputException array = fails("b.drv.json", "\n[1, 2]");
    assertLocation(array, "line 2, column 1", "expected a JSON object");
  }

  @Test
  void derivations_inputOfTheWrongType_namesTheLine() throws IOException {
    InputException e =
        fails(
            "a.drv.json",
            "{\n\"/nix/store/"
                + H1
                + "-a.drv\": {\n  \"system\": \"s\",\n  \"inputDrvs\": {\"/nix/store/"
                + H1
                + "-b.drv\": \"out\"}\n}}");
    assertLocation(e, "line 4, column " + (17 + 11 + 32 + 10), "expected a list of output names");
  }

  @Test
  void derivations_derivationNotAnObject_isAnError() throws IOException {
    InputException e =
        fails("a.drv.json", "{\"derivations\": {\n\"" + H1 + "-a.drv\": [1]}, \"version\": 4}");
    assertTrue(e.location().startsWith("line 2"), e.getMessage());
    assertTrue(e.problem().contains("must be a JSON object"), e.getMessage());
  }

  @Test
  void derivations_truncated_namesTheLastLine() throws IOException {
    String whole = Files.readString(NixFixtures.file(NixFixtures.NEWEST), StandardCharsets.UTF_8);
    String cut = whole.substring(0, whole.length() / 2);
    long lines = cut.lines().count();
    InputException e = fails("cut.drv.json", cut);
    assertTrue(e.problem().startsWith("truncated JSON"), e.getMessage());
    assertTrue(e.location().startsWith("line " + lines), e.getMessage());
    assertTrue(!e.problem().contains("Source:") && !e.problem().contains("REDACTED"), e.problem());
  }

  @Test
  void derivations_unclosedObject_saysWhereItOpened_withoutJacksonNoise() throws IOException {
    // Jackson's own text is "(start marker at [Source: REDACTED (`StreamReadFeature...` disabled);
    // line: 2, column: 23])".
    InputException e =
        fails("cut.drv.json", "{\n  \"/nix/store/" + H1 + "-a.drv\": {\n    \"args\": []\n");
    assertTrue(e.problem().startsWith("truncated JSON"), e.getMessage());
    assertTrue(e.problem().contains("(opened at line 2, column "), e.getMessage());
    assertTrue(!e.problem().contains("Source:") && !e.problem().contains("REDACTED"), e.problem());
  }

  @Test
  void derivations_truncatedXz_isAnInputError() throws IOException {
    byte[] json = Files.readAllBytes(NixFixtures.file(NixFixtures.OLD));
    Path whole = dir.resolve("w.drv.json.xz");
    try (OutputStream out = new XZOutputStream(Files.newOutputStream(whole), new LZMA2Options())) {
      out.write(json);
    }
    byte[] xz = Files.readAllBytes(whole);
    Path cut = dir.resolve("cut.drv.json");
    Files.write(cut, Arrays.copyOf(xz, xz.length - 40));
    InputException e =
        assertThrows(InputException.class, () -> GraphFormat.load(cut, null, Progress.NONE));
    assertEquals(cut.toString(), e.source());
  }

  // ---------------------------------------------------------------- eval-jobs

  @Test
  void evalJobs_truncatedLastLine_namesIt() throws IOException {
    String whole = Files.readString(NixFixtures.file(NixFixtures.JOBS), StandardCharsets.UTF_8);
    String cut = whole.substring(0, whole.length() - 30);
    InputException e = fails("cut.jsonl", cut);
    assertEquals("line " + cut.lines().count(), e.location(), e.getMessage());
    assertTrue(e.problem().startsWith("truncated JSON line"), e.getMessage());
    assertTrue(!e.problem().contains("Source:") && !e.problem().contains("("), e.problem());
  }

  @Test
  void evalJobs_lineOfTheWrongShape_namesIt() throws IOException {
    assertLocation(
        fails("a.jsonl", "{\"attr\": \"a\", \"drvPath\": \"/nix/store/" + H1 + "-a.drv\"}\n[]\n"),
        "line 2",
        "one JSON object per line");
    assertLocation(fails("b.jsonl", "\n{\"attr\": \"a\"}\n"), "line 2", "neither 'drvPath'");
    assertLocation(
        fails("c.jsonl", "{\"attr\": \"a\", \"drvPath\": 3}"), "line 1", "'drvPath' must be");
  }

  @Test
  void missingFile_isAnInputError() {
    InputException e =
        assertThrows(
            InputException.class,
            () -> NixImport.create().derivations(dir.resolve("nope.drv.json")).run(Progress.NONE));
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
  }
}
