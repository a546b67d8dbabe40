package dev.preflight.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class RenderTest {

  @Test
  void table_alignsTextLeftAndNumbersRight() {
    String t = new TextTable("name", "count>").row("zlib", 12).row("openssl", 3).render(0);
    assertEquals(
        "name     count\n" + "-------  -----\n" + "zlib        12\n" + "openssl      3\n", t);
  }

  @Test
  void table_truncatesTheWidestColumnToFit() {
    String t = new TextTable("name", "n>").row("a-very-long-package-name", 1).render(15);
    assertEquals("name          n\n------------  -\na-very-long…  1\n", t);
  }

  @Test
  void table_wrongArity_isAnError() {
    assertThrows(IllegalArgumentException.class, () -> new TextTable("a", "b").row(1));
  }

  @Test
  void cells_neutraliseTerminalEscapes() {
    assertEquals("?[31mevil?", Cells.clean("\033[31mevil\n"));
    assertEquals("plain-name", Cells.clean("plain-name"));
  }

  @Test
  void ansi_offNeverColours() {
    assertEquals("x", Ansi.off().red("x"));
  }

  @Test
  void ansi_noColorSet_neverColoursEvenOnATerminal() {
    assertFalse(Ansi.decide("1", true).enabled());
    assertEquals("x", Ansi.decide("1", true).green("x"));
  }

  @Test
  void ansi_notATerminal_neverColours() {
    assertFalse(Ansi.decide(null, false).enabled());
    assertEquals("x", Ansi.decide(null, false).bold("x"));
  }

  @Test
  void ansi_terminalWithoutNoColor_colours() {
    assertTrue(Ansi.decide(null, true).enabled());
    assertEquals("\033[31mx\033[0m", Ansi.decide(null, true).red("x"));
    // An empty NO_COLOR does not disable colour (no-color.org).
    assertTrue(Ansi.decide("", true).enabled());
  }

  @Test
  void width_onlyATerminalIsNarrowed() {
    assertEquals(0, TextTable.widthFor("100", false));
    assertEquals(100, TextTable.widthFor("100", true));
    assertEquals(40, TextTable.widthFor("10", true));
    assertEquals(0, TextTable.widthFor(null, true));
    assertEquals(0, TextTable.widthFor("wide", true));
  }
}
