package dev.preflight.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class HistoryTest {
  @TempDir Path dir;

  private Path csv(String text) throws Exception {
    Path f = dir.resolve("history.csv");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void read_takesTheMedianOfTheLatestSuccessfulBuilds() throws Exception {
    History h =
        History.read(
            csv(
                "id,seconds,status,finishedAt\n"
                    + "a,1000,success,2026-01-01T00:00:00Z\n" // oldest: outside a window of 3
                    + "a,10,success,2026-01-02T00:00:00Z\n"
                    + "a,30,success,2026-01-03T00:00:00Z\n"
                    + "a,9999,failed,2026-01-04T00:00:00Z\n" // failures are ignored
                    + "a,20,success,2026-01-05T00:00:00Z\n"
                    + "b,7,GREEN,1767225600\n"
                    + "b,9,GREEN,\n" // no time: older than any timed row
                    + "c,5,dependency-failed,2026-01-01\n"),
            3);
    assertEquals(20, h.observedSeconds("a")); // median of 10, 30, 20
    assertEquals(8, h.observedSeconds("b")); // window holds both: (9 + 7) / 2
    assertTrue(Double.isNaN(h.observedSeconds("c")));
    assertTrue(Double.isNaN(h.observedSeconds("zzz")));
    assertEquals(2, h.size());
    assertEquals(8, h.rows());
    assertEquals(6, h.successfulRows());
  }

  @Test
  void read_acceptsAnyColumnOrderQuotesAndExtraColumns() throws Exception {
    History h =
        History.read(
            csv(
                "status,machine,ID,finishedAt,seconds\n\"success\",x,\"a,b\",2026-01-01T10:00,12.5\n"),
            5);
    assertEquals(12.5, h.observedSeconds("a,b"));
  }

  @Test
  void read_latestWindowOfOne_isTheLatestBuild() throws Exception {
    History h =
        History.read(csv("id,seconds,status,finishedAt\na,10,success,200\na,50,success,100\n"), 1);
    assertEquals(10, h.observedSeconds("a"));
  }

  @Test
  void badRows_nameFileAndLine() throws Exception {
    assertError("id,seconds,status,finishedAt\na,ten,success,\n", ":line 2: seconds 'ten'");
    assertError("id,seconds,status,finishedAt\n\na,-1,success,\n", ":line 3: seconds must be >= 0");
    assertError("id,seconds,status,finishedAt\na,1,maybe,\n", ":line 2: unknown status 'maybe'");
    assertError("id,seconds,status,finishedAt\na,1,success,yesterday\n", ":line 2: finishedAt");
    assertError("id,seconds,status,finishedAt\na,1\n", ":line 2: expected 4 fields");
    assertError("id,seconds,status\na,1,success\n", ":line 1: header must name the columns");
    assertError("id,seconds,status,finishedAt\n\"a,1,success,\n", ":line 2: unterminated");
    assertError("", "empty history file");
  }

  @Test
  void missingFile_isAnInputError() {
    InputException e =
        assertThrows(InputException.class, () -> History.read(dir.resolve("nope.csv"), 5));
    assertTrue(e.getMessage().endsWith("nope.csv: no such file"), e.getMessage());
  }

  private void assertError(String text, String expected) throws Exception {
    Path f = csv(text);
    InputException e = assertThrows(InputException.class, () -> History.read(f, 5));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage() + " lacks " + expected);
  }
}
