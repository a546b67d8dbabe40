package dev.preflight.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
  void csv_quotesOnlyWhatNeedsIt() {
    String c = new Csv().row("a,b", "say \"hi\"", "plain", " pad").toString();
    assertEquals("\"a,b\",\"say \"\"hi\"\"\",plain,\" pad\"\n", c);
  }

  @Test
  void ansi_offNeverColours() {
    assertEquals("x", Ansi.off().red("x"));
  }
}
