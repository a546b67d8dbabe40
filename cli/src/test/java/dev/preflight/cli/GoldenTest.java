package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte-for-byte golden outputs of every report format of {@code impact}, {@code cost}, {@code risk}
 * and {@code plan} on the bundled sample graph (33 nodes, two systems) with a pinned cluster,
 * history and the settings' seeds. Arrow files are compared as a canonical text dump (schema,
 * sorted metadata, rows), since IPC bytes may legitimately differ in padding.
 *
 * <p>After an intended change of output, regenerate the files under {@code
 * cli/src/test/resources/golden/} and review the diff. Update mode writes every file and then fails
 * each case with "golden files rewritten: review git diff" (it never passes), and is refused when
 * the environment variable {@code CI} is set:
 *
 * <pre>
 * ./mvnw -B -q -pl cli -am verify -Dtest=GoldenTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dpreflight.updateGolden=true
 * git diff cli/src/test/resources/golden/
 * </pre>
 */
final class GoldenTest {
  private static final Path REPO = Path.of(System.getProperty("preflight.repo", "."));
  private static final Path GOLDEN = REPO.resolve("cli/src/test/resources/golden");
  private static final boolean UPDATE = Boolean.getBoolean("preflight.updateGolden");
  private static final String HISTORY =
      REPO.resolve("fixtures/history/nixpkgs-sample-history.csv").toString();

  @TempDir Path dir;

  static Stream<Arguments> cases() {
    String[] impact = {"impact", "--change", "zlib"};
    String[] cost = {"cost", "--change", "zlib", "--builders", "2", "--slots", "2"};
    String[] risk = {"risk", "--change", "zlib", "--history", HISTORY};
    String[] plan = {
      "plan", "--change", "zlib", "--builders", "2", "--slots", "2", "--history", HISTORY
    };
    return Stream.of(
        Arguments.of("impact.table.txt", with(impact, "--format", "table")),
        Arguments.of("impact.json", with(impact, "--format", "json", "--list")),
        Arguments.of("impact.csv", with(impact, "--format", "csv")),
        Arguments.of("impact.labels.txt", with(impact, "--labels")),
        Arguments.of("cost.table.txt", with(cost, "--format", "table", "--sizes", "1,2,4")),
        Arguments.of("cost.json", with(cost, "--format", "json", "--sizes", "1,2,4")),
        Arguments.of("cost.csv", with(cost, "--format", "csv", "--sizes", "1,2,4")),
        Arguments.of("risk.table.txt", with(risk, "--format", "table")),
        Arguments.of("risk.json", with(risk, "--format", "json")),
        Arguments.of("risk.csv", with(risk, "--format", "csv")),
        Arguments.of("plan.table.txt", with(plan, "--format", "table", "--list")),
        Arguments.of("plan.json", with(plan, "--format", "json", "--list")),
        Arguments.of("plan.csv", with(plan, "--format", "csv")),
        Arguments.of("plan.arrow.txt", with(plan, "--format", "arrow")),
        Arguments.of("plan.html", with(plan, "--format", "html")),
        Arguments.of("plan.labels.txt", with(plan, "--labels")));
  }

  private static String[] with(String[] base, String... more) {
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void output_matchesGolden(String golden, String[] args) throws IOException {
    String actual;
    if (golden.endsWith(".arrow.txt")) {
      Path file = dir.resolve("out.arrow");
      Cli r = Cli.runSample(with(args, "-o", file.toString()));
      assertEquals(0, r.exitCode, r.toString());
      assertEquals("", r.out, "nothing on stdout with -o");
      actual = arrowDump(file);
    } else {
      Cli r = Cli.runSample(args);
      assertEquals(0, r.exitCode, r.toString());
      actual = r.out;
    }
    assertTrue(actual.indexOf('\033') < 0, "no colour outside a terminal");
    Path expectedFile = GOLDEN.resolve(golden);
    if (UPDATE) {
      update(golden, expectedFile, actual);
    }
    if (!Files.exists(expectedFile)) {
      fail(
          "missing golden file "
              + expectedFile
              + "; generate it with -Dpreflight.updateGolden=true");
    }
    String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
    if (!expected.equals(actual)) {
      fail(diff(golden, expected, actual));
    }
  }

  /**
   * Update mode: writes the golden file, then fails, so a run that rewrote the expectations can
   * never pass as a run that checked them. Refused where the environment variable {@code CI} is
   * set: CI checks the golden files, it never regenerates them.
   */
  private static void update(String golden, Path expectedFile, String actual) throws IOException {
    String ci = System.getenv("CI");
    if (ci != null && !ci.isEmpty()) {
      fail(
          "golden update mode (-Dpreflight.updateGolden=true) refused: CI="
              + ci
              + " is set; CI checks the golden files, regenerate them on a workstation");
    }
    boolean changed =
        !Files.exists(expectedFile)
            || !Files.readString(expectedFile, StandardCharsets.UTF_8).equals(actual);
    Files.createDirectories(GOLDEN);
    Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
    fail(
        "golden files rewritten: review git diff "
            + "cli/src/test/resources/golden/"
            + golden
            + (changed ? " (changed)" : " (unchanged)")
            + ", then run without -Dpreflight.updateGolden");
  }

  /** The first differing line with a little context, and how to regenerate. */
  static String diff(String name, String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    int i = 0;
    while (i < e.length && i < a.length && e[i].equals(a[i])) {
      i++;
    }
    StringBuilder sb = new StringBuilder();
    sb.append(name)
        .append(" differs from its golden file (")
        .append(e.length)
        .append(" expected lines, ")
        .append(a.length)
        .append(" actual); first difference at line ")
        .append(i + 1)
        .append(":\n");
    for (int k = Math.max(0, i - 2); k < i; k++) {
      sb.append("    ").append(e[k]).append('\n');
    }
    for (int k = i; k < Math.min(e.length, i + 3); k++) {
      sb.append("  - ").append(e[k]).append('\n');
    }
    for (int k = i; k < Math.min(a.length, i + 3); k++) {
      sb.append("  + ").append(a[k]).append('\n');
    }
    sb.append("If the change is intended: -Dpreflight.updateGolden=true, then review git diff.");
    return sb.toString();
  }

  /** Schema, metadata sorted by key, then one tab-separated line per row: stable across writers. */
  static String arrowDump(Path file) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (BufferAllocator allocator = new RootAllocator();
        ArrowFileReader reader = new ArrowFileReader(Files.newByteChannel(file), allocator)) {
      Schema schema = reader.getVectorSchemaRoot().getSchema();
      sb.append("schema\n");
      for (Field f : schema.getFields()) {
        sb.append("  ").append(f).append('\n');
      }
      sb.append("metadata\n");
      Map<String, String> meta = new TreeMap<>(schema.getCustomMetadata());
      meta.forEach(
          (k, v) ->
              sb.append("  ")
                  .append(k)
                  .append(" = ")
                  .append(v.replace("\n", "\n    "))
                  .append('\n'));
      int batches = 0;
      List<String> names = new ArrayList<>();
      for (Field f : schema.getFields()) {
        names.add(f.getName());
      }
      sb.append("rows\n  ").append(String.join("\t", names)).append('\n');
      while (reader.loadNextBatch()) {
        batches++;
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        for (int i = 0; i < root.getRowCount(); i++) {
          List<String> cells = new ArrayList<>();
          for (FieldVector v : root.getFieldVectors()) {
            Object o = v.getObject(i);
            cells.add(o == null ? "null" : o.toString());
          }
          sb.append("  ").append(String.join("\t", cells)).append('\n');
        }
      }
      sb.append("batches ").append(batches).append('\n');
    }
    return sb.toString();
  }
}
