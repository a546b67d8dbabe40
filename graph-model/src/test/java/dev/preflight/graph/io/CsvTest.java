package dev.preflight.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.graph.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CsvTest {
  /** Characters the random fields are made of: every one a CSV writer can get wrong, and text. */
  private static final String[] PIECES = {
    ",",
    "\"",
    "\r",
    "\n",
    "\r\n",
    " ",
    "\t",
    "a",
    "zlib",
    "x86_64-linux",
    "é",
    "日本",
    "😀",
    "#",
    "\u00a0",
    "1.5",
    "''",
    ";"
  };

  @TempDir Path dir;

  @Test
  void quote_onlyWhatNeedsIt() {
    String c =
        new Csv().row("a,b", "say \"hi\"", "plain", " pad", "tab\t", "a\nb", "c\rd").toString();
    assertEquals("\"a,b\",\"say \"\"hi\"\"\",plain,\" pad\",\"tab\t\",\"a\nb\",\"c\rd\"\n", c);
    assertEquals(
        "x86_64-linux,1.5,,42,true\n",
        new Csv().row("x86_64-linux", "1.5", null, 42, true).toString());
  }

  @Test
  void row_onlyFieldEmpty_isQuotedNotABlankLine() {
    assertEquals("\"\"\n", new Csv().row("").toString());
    assertEquals(List.of(List.of("")), readAll(new Csv().row("").toString()));
  }

  @Test
  void quoteLeading_quotesAFirstFieldThatWouldReadAsAComment() {
    String text = new Csv().quoteLeading('#').row("#x", "#y").toString();
    assertEquals("\"#x\",#y\n", text);
    CsvReader r = new CsvReader(text, "t").commentChar('#');
    assertEquals(List.of("#x", "#y"), r.next());
    assertNull(r.next());
  }

  @Test
  void reader_linesCommentsBomAndErrors() {
    CsvReader r =
        new CsvReader("\uFEFFa,b\r\n# note, here\n\"x\ny\",2\rlast", "f.csv").commentChar('#');
    assertEquals(List.of("a", "b"), r.next());
    assertEquals(1, r.line());
    assertEquals(List.of("x\ny", "2"), r.next());
    assertEquals(3, r.line());
    assertEquals(List.of("last"), r.next());
    assertEquals(5, r.line());
    assertNull(r.next());
    CsvReader unterminated = new CsvReader("a\n\"b,\nc\n", "f.csv");
    assertEquals(List.of("a"), unterminated.next());
    InputException open = assertThrows(InputException.class, unterminated::next);
    assertEquals("f.csv:line 2: unterminated quoted field", open.getMessage());
    InputException after =
        assertThrows(InputException.class, () -> new CsvReader("\"a\"b,c\n", "f.csv").next());
    assertEquals("f.csv:line 1: text after a closing quote", after.getMessage());
  }

  /** Writer then the project's reader, over 2,000 random records: the same fields come back. */
  @Test
  void roundTrip_randomFields_projectReader() {
    List<List<String>> records = random(new SplittableRandom(4180), 2_000);
    Csv csv = new Csv();
    records.forEach(csv::row);
    assertEquals(records, readAll(csv.toString()));
  }

  /**
   * The same records read by an independent reader, CPython's {@code csv} module (strict mode, so a
   * malformed quote is an error there too). Skipped only when python3 is not installed.
   */
  @Test
  void roundTrip_randomFields_pythonCsvModule() throws Exception {
    Assumptions.assumeTrue(dev.preflight.graph.testing.Python.available(), "python3 not installed");
    List<List<String>> records = random(new SplittableRandom(20261206), 2_000);
    Csv csv = new Csv();
    records.forEach(csv::row);
    Path in = dir.resolve("in.csv");
    Files.writeString(in, csv.toString(), StandardCharsets.UTF_8);
    Path out = dir.resolve("out.json");
    Process p =
        new ProcessBuilder(
                "python3",
                "-c",
                "import csv, json, sys\n"
                    + "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
                    + "    rows = list(csv.reader(f, strict=True))\n"
                    + "with open(sys.argv[2], 'w', encoding='utf-8') as f:\n"
                    + "    json.dump(rows, f)\n",
                in.toString(),
                out.toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
    assertEquals(0, p.exitValue(), log);
    List<List<String>> back =
        new ObjectMapper().readValue(out.toFile(), new TypeReference<List<List<String>>>() {});
    assertEquals(records, back);
  }

  private static List<List<String>> readAll(String text) {
    CsvReader r = new CsvReader(text, "t");
    List<List<String>> out = new ArrayList<>();
    List<String> record;
    while ((record = r.next()) != null) {
      out.add(record);
    }
    return out;
  }

  /** Records of 1 to 6 fields, each empty or 1 to 5 random pieces. */
  private static List<List<String>> random(SplittableRandom r, int n) {
    List<List<String>> records = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int fields = 1 + r.nextInt(6);
      List<String> record = new ArrayList<>(fields);
      for (int f = 0; f < fields; f++) {
        StringBuilder sb = new StringBuilder();
        int pieces = r.nextInt(6);
        for (int k = 0; k < pieces; k++) {
          sb.append(PIECES[r.nextInt(PIECES.length)]);
        }
        record.add(sb.toString());
      }
      records.add(record);
    }
    return records;
  }
}
