package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class TerminalProgressTest {
  private static final long S = 1_000_000_000L;

  @Test
  void line_withATotal_showsCountUnitShareAndEta() {
    // 4 s for 34,288 of 63,000: 28,712 left at the same rate is 3.35 s, shown as 4s.
    assertEquals(
        "resolving build-dependencies: 34,288/63,000 sources 54% ETA 4s",
        TerminalProgress.line("resolving build-dependencies", "sources", 34_288, 63_000, 4 * S));
  }

  @Test
  void line_withoutATotal_showsCountUnitAndTimeSoFar() {
    assertEquals(
        "reading Sources.xz and Packages.xz: 12,000 stanzas 3s",
        TerminalProgress.line(
            "reading Sources.xz and Packages.xz", "stanzas", 12_000, -1, 2 * S + S / 2));
    assertEquals("starting Spark: 0 1s", TerminalProgress.line("starting Spark", "", 0, -1, S));
  }

  @Test
  void line_inBytes_showsMegabytes_andNoEtaBeforeTheFirstUnit() {
    assertEquals(
        "reading edges.tsv: 1.5/4.0 MB 37% ETA 9s",
        TerminalProgress.line("reading edges.tsv", "bytes", 1_500_000, 4_000_000, 5 * S));
    assertEquals("batch: 0/1,000 rows 0%", TerminalProgress.line("batch", "rows", 0, 1_000, 7 * S));
  }

  @Test
  void duration_isSecondsMinutesOrHours() {
    assertEquals("1s", TerminalProgress.duration(1));
    assertEquals("59s", TerminalProgress.duration(59 * S));
    assertEquals("2m05s", TerminalProgress.duration(125 * S));
    assertEquals("1h02m", TerminalProgress.duration(3720 * S));
  }

  @Test
  void events_drawAtMostTenTimesASecond_andDoneClearsTheLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicLong clock = new AtomicLong(100 * S);
    TerminalProgress p =
        new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock::get);
    p.start("batch", 1_000, "rows");
    clock.addAndGet(S / 20);
    p.advance(100); // 50 ms after the last line: not drawn
    clock.addAndGet(S / 20);
    p.advance(100); // 100 ms: drawn
    p.done();
    String clear = "\r\033[2K";
    assertEquals(
        clear + "batch: 0/1,000 rows 0%" + clear + "batch: 200/1,000 rows 20% ETA 1s" + clear,
        bytes.toString(StandardCharsets.UTF_8));
  }
}
