package dev.preflight.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import dev.preflight.graph.NodeStatus;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class HistoryFileTest {
  @TempDir Path dir;

  private static History parse(String text) {
    return HistoryFile.parse(new StringReader(text), "h.csv");
  }

  @Test
  void parse_isoAndEpochTimes_sortsEachIdByTime() {
    History h =
        parse(
            "id,seconds,status,finishedAt\n"
                + "a,10,success,2026-11-02T10:00:00Z\n"
                + "b,,dependency-failed,1793000000\n"
                + "a,12.5,failed,2026-11-01T10:00:00+00:00\n"
                + "a,11,timeout,1793000000.9\n");
    assertEquals(2, h.size());
    assertEquals(4, h.entryCount());
    List<History.Entry> a = h.entries("a");
    assertEquals(3, a.size());
    assertEquals(1793000000L, a.get(0).finishedAt());
    assertEquals(BuildResult.TIMEOUT, a.get(0).result());
    assertEquals(BuildResult.FAILED, a.get(1).result());
    assertEquals(12.5, a.get(1).seconds());
    assertEquals(BuildResult.SUCCESS, a.get(2).result());
    assertEquals(1793613600L, a.get(2).finishedAt());
    assertTrue(Double.isNaN(h.entries("b").get(0).seconds()));
    assertEquals(BuildResult.SUCCESS, h.latestResult(h.indexOf("a")));
    assertEquals(1793613600L, h.latestTime());
  }

  @Test
  void parse_sameTime_keepsFileOrder() {
    History h =
        parse(
            "id,seconds,status,finishedAt\n"
                + "a,1,failed,2026-01-01\n"
                + "a,1,success,2026-01-01\n");
    assertEquals(BuildResult.SUCCESS, h.latestResult(0));
  }

  @Test
  void parse_columnsInAnyOrderQuotedFieldsAndComments() {
    History h =
        parse(
            "# exported from hydra\n"
                + "status,finishedAt,extra,id,seconds\n"
                + "\n"
                + "cached-failure,2026-05-05T00:00:00,x,\"/nix/store/abc-q,uote\"\"d.drv\",3\n");
    assertEquals("/nix/store/abc-q,uote\"d.drv", h.id(0));
    assertEquals(BuildResult.CACHED_FAILURE, h.latestResult(0));
  }

  @Test
  void buildResult_mapsToTheSameStatusAsNodeStatusParse() {
    for (String w :
        List.of(
            "success",
            "failed",
            "dependency-failed",
            "dependency_failed",
            "timeout",
            "cached-failure",
            "aborted",
            "GREEN",
            "red",
            "ok",
            "timed-out")) {
      assertEquals(NodeStatus.parse(w), BuildResult.parse(w).status(), w);
    }
    assertTrue(BuildResult.FAILED.ownFailure());
    assertTrue(BuildResult.TIMEOUT.ownFailure());
    assertTrue(BuildResult.CACHED_FAILURE.ownFailure());
    assertFalse(BuildResult.DEPENDENCY_FAILED.informative());
    assertFalse(BuildResult.ABORTED.informative());
    assertTrue(BuildResult.SUCCESS.informative());
  }

  @Test
  void parse_errorsNameFileAndLine() {
    assertError("id,seconds,status\n", "h.csv:line 1: header lacks column(s) finishedAt");
    assertError(
        "id,seconds,status,finishedAt\na,1,exploded,2026-01-01\n", "h.csv:line 2: unknown status");
    assertError(
        "id,seconds,status,finishedAt\na,1,unknown,2026-01-01\n",
        "h.csv:line 2: status 'unknown' is not a build result");
    assertError(
        "id,seconds,status,finishedAt\na,1,success,yesterday\n",
        "h.csv:line 2: finishedAt 'yesterday' is neither ISO-8601");
    assertError(
        "id,seconds,status,finishedAt\na,-3,success,2026-01-01\n",
        "h.csv:line 2: seconds must be a number >= 0");
    assertError(
        "id,seconds,status,finishedAt\n\"a,1,success,2026-01-01\n",
        "h.csv:line 2: unterminated quoted field");
    assertError(
        "id,seconds,status,finishedAt\na,1,success\n", "h.csv:line 2: expected at least 4 fields");
    assertError("id,seconds,status,finishedAt\n,1,success,2026-01-01\n", "h.csv:line 2: empty id");
    assertError("", "h.csv: empty history");
  }

  private static void assertError(String text, String prefix) {
    InputException e = assertThrows(InputException.class, () -> parse(text));
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
  }

  @Test
  void read_missingFile_isInputError() {
    InputException e =
        assertThrows(InputException.class, () -> HistoryFile.read(dir.resolve("nope.csv")));
    assertTrue(e.getMessage().endsWith("nope.csv: no such file"), e.getMessage());
  }

  @Test
  void read_badRows_nameTheFileAndLine() throws Exception {
    assertFileError("id,seconds,status,finishedAt\na,ten,success,1\n", ":line 2: seconds 'ten'");
    assertFileError(
        "id,seconds,status,finishedAt\n\na,-1,success,1\n",
        ":line 3: seconds must be a number >= 0");
    assertFileError(
        "id,seconds,status,finishedAt\na,1,maybe,1\n", ":line 2: unknown status 'maybe'");
    assertFileError("id,seconds,status,finishedAt\na,1,success,yesterday\n", ":line 2: finishedAt");
    assertFileError("id,seconds,status,finishedAt\na,1,success,\n", ":line 2: finishedAt is empty");
    assertFileError("id,seconds,status,finishedAt\na,1\n", ":line 2: expected at least 4 fields");
    assertFileError("id,seconds,status\na,1,success\n", ":line 1: header lacks column(s)");
    assertFileError("id,seconds,status,finishedAt\n\"a,1,success,\n", ":line 2: unterminated");
    assertFileError("", ": empty history");
  }

  private void assertFileError(String text, String expected) throws Exception {
    Path f = dir.resolve("history.csv");
    Files.writeString(f, text);
    InputException e = assertThrows(InputException.class, () -> HistoryFile.read(f));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage() + " lacks " + expected);
  }

  @Test
  void write_thenRead_roundTrips() throws Exception {
    History h =
        parse(
            "id,seconds,status,finishedAt\n"
                + "a,10,success,2026-11-02T10:00:00Z\n"
                + "\"x,y\",,dependency-failed,1793000000\n"
                + "a,2.5,failed,2026-11-01T10:00:00Z\n");
    Path f = dir.resolve("out/h.csv");
    HistoryFile.write(h, f);
    History back = HistoryFile.read(f);
    assertEquals(h.entries("a"), back.entries("a"));
    assertEquals(h.entries("x,y").get(0).result(), back.entries("x,y").get(0).result());
    assertTrue(Files.readString(f).startsWith("id,seconds,status,finishedAt\n"));
  }

  /**
   * Regression: HistoryFile.write left a line break in an id unquoted, so the written file had a
   * row split in two (read back as "expected at least 4 fields"). Ids starting with '#' were read
   * back as comments.
   */
  @Test
  void write_idWithLineBreakOrLeadingHash_roundTrips() throws Exception {
    History h =
        parse(
            "id,seconds,status,finishedAt\n"
                + "\"two\nlines\",7,success,2026-11-02T10:00:00Z\n"
                + "\"cr\r\nlf\",8,failed,2026-11-02T11:00:00Z\n"
                + "\"#hash\",9,success,2026-11-02T12:00:00Z\n");
    assertEquals(7.0, h.entries("two\nlines").get(0).seconds());
    Path f = dir.resolve("breaks.csv");
    HistoryFile.write(h, f);
    String text = Files.readString(f);
    for (String row :
        List.of(
            "\n\"two\nlines\",7,success,2026-11-02T10:00:00Z\n",
            "\n\"cr\r\nlf\",8,failed,2026-11-02T11:00:00Z\n",
            "\n\"#hash\",9,success,2026-11-02T12:00:00Z\n")) {
      assertTrue(text.contains(row), text + " lacks " + row);
    }
    History back = HistoryFile.read(f);
    for (String id : List.of("two\nlines", "cr\r\nlf", "#hash")) {
      assertEquals(h.entries(id), back.entries(id), id);
    }
  }

  @Test
  void read_quotedLineBreak_errorsNameTheRecordsFirstLine() throws Exception {
    assertFileError(
        "id,seconds,status,finishedAt\n\"a\nb\",1,success,1\nc,x,success,1\n",
        ":line 4: seconds 'x'");
  }
}
