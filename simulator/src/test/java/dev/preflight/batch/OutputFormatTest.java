package dev.preflight.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.preflight.batch.ResultTable.Column;
import dev.preflight.batch.ResultTable.Type;
import dev.preflight.graph.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class OutputFormatTest {
  @TempDir Path dir;

  private static ResultTable table() {
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {"a,1", 3L, 1.5});
    rows.add(new Object[] {"say \"hi\"", null, Double.NaN});
    rows.add(new Object[] {null, -7L, 12345678.0});
    return new ResultTable(
        List.of(
            new Column("id", Type.STRING),
            new Column("count", Type.LONG),
            new Column("hours", Type.DOUBLE)),
        rows);
  }

  @Test
  void csv_headerQuotingAndAbsentValues() throws IOException {
    Path f = dir.resolve("out.csv");
    OutputFormat.forPath(f).write(table(), f);
    assertEquals(
        "id,count,hours\n\"a,1\",3,1.5\n\"say \"\"hi\"\"\",,\n,-7,12345678\n", Files.readString(f));
  }

  @Test
  void arrow_readsBackWithNulls() throws IOException {
    Path f = dir.resolve("out.arrow");
    OutputFormat.forPath(f).write(table(), f);
    try (RootAllocator alloc = new RootAllocator();
        ArrowFileReader reader = new ArrowFileReader(Files.newByteChannel(f), alloc)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      assertEquals(
          "1",
          reader
              .getVectorSchemaRoot()
              .getSchema()
              .getCustomMetadata()
              .get("preflight.schemaVersion"));
      reader.loadNextBatch();
      assertEquals(3, root.getRowCount());
      assertEquals("a,1", root.getVector("id").getObject(0).toString());
      assertNull(root.getVector("id").getObject(2));
      assertNull(root.getVector("count").getObject(1));
      assertEquals(-7L, root.getVector("count").getObject(2));
      assertNull(root.getVector("hours").getObject(1));
      assertEquals(12345678.0, root.getVector("hours").getObject(2));
      assertFalse(reader.loadNextBatch());
    }
  }

  @Test
  void parquet_singleFileReadsBack() throws IOException {
    Path f = dir.resolve("out.parquet");
    OutputFormat.forPath(f).write(table(), f);
    List<String> seen = new ArrayList<>();
    try (ParquetReader<Group> reader =
        ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(f.toUri()))
            .build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        seen.add(
            (g.getFieldRepetitionCount("id") == 0 ? "-" : g.getString("id", 0))
                + "|"
                + (g.getFieldRepetitionCount("count") == 0 ? "-" : g.getLong("count", 0))
                + "|"
                + (g.getFieldRepetitionCount("hours") == 0 ? "-" : g.getDouble("hours", 0)));
      }
    }
    assertEquals(List.of("a,1|3|1.5", "say \"hi\"|-|-", "-|-7|1.2345678E7"), seen);
    try (Stream<Path> files = Files.list(dir)) {
      assertArrayEquals(new Object[] {f}, files.toArray(), "one file, no leftovers");
    }
  }

  /** A table with a list column: empty, absent and two-element lists. */
  static ResultTable listTable() {
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {"r1", List.of("zlib", "a;b"), 1.25});
    rows.add(new Object[] {"r2", List.of(), null});
    rows.add(new Object[] {"r3", null, 2.0});
    return new ResultTable(
        List.of(
            new Column("id", Type.STRING),
            new Column("changed", Type.STRING_LIST),
            new Column("cost", Type.DOUBLE)),
        rows);
  }

  /**
   * Regression: the batch CSV left leading and trailing spaces unquoted (pandas with {@code
   * skipinitialspace}, Excel and many loaders trim them), and wrote a line break in a list element
   * as it came. Now the shared writer ({@link dev.preflight.graph.io.Csv}) quotes them.
   */
  @Test
  void csv_leadingOrTrailingSpaceAndLineBreaks_areQuoted() throws IOException {
    Path f = dir.resolve("spaces.csv");
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {" lead", List.of("a", "b ")});
    rows.add(new Object[] {"trail\t", List.of("x\ny")});
    rows.add(new Object[] {"plain", List.of("p", "q")});
    ResultTable t =
        new ResultTable(
            List.of(new Column("id", Type.STRING), new Column("pins", Type.STRING_LIST)), rows);
    OutputFormat.forPath(f).write(t, f);
    String text = Files.readString(f);
    assertEquals("id,pins\n\" lead\",\"a;b \"\n\"trail\t\",\"x\ny\"\nplain,p;q\n", text);
    dev.preflight.graph.io.CsvReader back = new dev.preflight.graph.io.CsvReader(text, "spaces");
    assertEquals(List.of("id", "pins"), back.next());
    assertEquals(List.of(" lead", "a;b "), back.next());
    assertEquals(List.of("trail\t", "x\ny"), back.next());
  }

  @Test
  void csv_listColumn_elementsJoinedWithSemicolons() throws IOException {
    Path f = dir.resolve("l.csv");
    OutputFormat.forPath(f).write(listTable(), f);
    assertEquals("id,changed,cost\nr1,zlib;a;b,1.25\nr2,,\nr3,,2\n", Files.readString(f));
  }

  @Test
  void arrow_listColumn_isAListOfUtf8() throws IOException {
    Path f = dir.resolve("l.arrow");
    OutputFormat.forPath(f).write(listTable(), f);
    try (RootAllocator alloc = new RootAllocator();
        ArrowFileReader reader = new ArrowFileReader(Files.newByteChannel(f), alloc)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      reader.loadNextBatch();
      var field = root.getSchema().findField("changed");
      assertEquals(org.apache.arrow.vector.types.pojo.ArrowType.List.INSTANCE, field.getType());
      assertEquals(
          org.apache.arrow.vector.types.pojo.ArrowType.Utf8.INSTANCE,
          field.getChildren().get(0).getType());
      assertEquals("[\"zlib\",\"a;b\"]", root.getVector("changed").getObject(0).toString());
      assertEquals("[]", root.getVector("changed").getObject(1).toString());
      assertNull(root.getVector("changed").getObject(2));
    }
  }

  @Test
  void parquet_listColumn_isAStandardListAndTheModelIsPreflight() throws IOException {
    Path f = dir.resolve("l.parquet");
    OutputFormat.forPath(f).write(listTable(), f);
    try (var file =
        org.apache.parquet.hadoop.ParquetFileReader.open(
            new org.apache.parquet.io.LocalInputFile(f))) {
      var meta = file.getFooter().getFileMetaData();
      assertEquals("preflight", meta.getKeyValueMetaData().get("writer.model.name"));
      assertEquals("preflight_batch", meta.getSchema().getName());
      var changed = meta.getSchema().getType("changed").asGroupType();
      assertEquals(
          org.apache.parquet.schema.LogicalTypeAnnotation.listType(),
          changed.getLogicalTypeAnnotation());
      var element = changed.getType("list").asGroupType().getType("element");
      assertEquals(
          org.apache.parquet.schema.LogicalTypeAnnotation.stringType(),
          element.getLogicalTypeAnnotation());
    }
    List<String> seen = new ArrayList<>();
    try (ParquetReader<Group> reader =
        ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(f.toUri()))
            .build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        List<String> items = new ArrayList<>();
        if (g.getFieldRepetitionCount("changed") > 0) {
          Group list = g.getGroup("changed", 0);
          for (int k = 0; k < list.getFieldRepetitionCount("list"); k++) {
            items.add(list.getGroup("list", k).getString("element", 0));
          }
        } else {
          items.add("absent");
        }
        seen.add(g.getString("id", 0) + "=" + items);
      }
    }
    assertEquals(List.of("r1=[zlib, a;b]", "r2=[]", "r3=[absent]"), seen);
  }

  @Test
  void sameTable_byteIdenticalFiles() throws IOException {
    for (String ext : List.of(".csv", ".arrow", ".parquet")) {
      Path a = dir.resolve("a" + ext);
      Path b = dir.resolve("b" + ext);
      OutputFormat.forPath(a).write(table(), a);
      OutputFormat.forPath(b).write(table(), b);
      assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), ext);
    }
  }

  @Test
  void forPath_unknownExtension_listsKnownOnes() {
    InputException e =
        assertThrows(InputException.class, () -> OutputFormat.forPath(Path.of("x.xlsx")));
    assertEquals(
        "x.xlsx: cannot tell the output format from the file name (known extensions: .csv,"
            + " .arrow, .feather, .parquet)",
        e.getMessage());
  }
}
