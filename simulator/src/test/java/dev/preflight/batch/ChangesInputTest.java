package dev.preflight.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.preflight.graph.InputException;
import dev.preflight.graph.testing.Graphs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ChangesInputTest {
  private static final UnaryOperator<String> POLICIES =
      p -> {
        String l = p.toLowerCase(Locale.ROOT);
        if (!List.of("transitive", "direct", "local").contains(l)) {
          throw InputException.of("unknown policy '" + p + "'");
        }
        return l;
      };

  @TempDir Path dir;

  private BatchGraphs graphs() {
    Map<String, dev.preflight.graph.PackageGraph> m = new LinkedHashMap<>();
    m.put("main", Graphs.graph("a->b"));
    m.put("stable", Graphs.graph("a->b"));
    return new BatchGraphs(m);
  }

  private List<BatchRow> read(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return ChangesInput.read(f, graphs(), "transitive", POLICIES);
  }

  private InputException bad(String name, String text) {
    return assertThrows(InputException.class, () -> read(name, text));
  }

  @Test
  void jsonLines_defaultsFilledIn_orderKept() throws IOException {
    List<BatchRow> rows =
        read(
            "c.jsonl",
            """
            {"id": "pr-1", "changes": ["a", "b"]}

            {"id": 42, "changes": ["b"], "policy": "DIRECT", "graph": "stable"}
            """);
    assertEquals(
        List.of(
            new BatchRow(0, 1, "pr-1", List.of("a", "b"), "transitive", "main"),
            new BatchRow(1, 3, "42", List.of("b"), "direct", "stable")),
        rows);
  }

  @Test
  void csv_headerInAnyOrder_quotedFieldsAndSemicolonLists() throws IOException {
    List<BatchRow> rows =
        read(
            "c.csv",
            "graph,changes,id\r\n" + "stable,a; b ,\"x,1\"\r\n" + ",\"b\",\"say \"\"hi\"\"\"\r\n");
    assertEquals(
        List.of(
            new BatchRow(0, 2, "x,1", List.of("a", "b"), "transitive", "stable"),
            new BatchRow(1, 3, "say \"hi\"", List.of("b"), "transitive", "main")),
        rows);
  }

  @Test
  void jsonLines_badRows_nameFileAndLine() {
    Path f = dir.resolve("c.jsonl");
    assertEquals(
        f + ":line 2: missing \"changes\"",
        bad("c.jsonl", "{\"id\":\"1\",\"changes\":[\"a\"]}\n{\"id\":\"2\"}\n").getMessage());
    assertEquals(
        f + ":line 1: no changes: name at least one package",
        bad("c.jsonl", "{\"id\":\"1\",\"changes\":[\" \"]}").getMessage());
    assertEquals(
        f + ":line 2: duplicate id '1' (first at line 1)",
        bad("c.jsonl", "{\"id\":\"1\",\"changes\":[\"a\"]}\n{\"id\":\"1\",\"changes\":[\"b\"]}")
            .getMessage());
    assertEquals(
        f + ":line 1: unknown graph 'old' (known: main, stable)",
        bad("c.jsonl", "{\"id\":\"1\",\"changes\":[\"a\"],\"graph\":\"old\"}").getMessage());
    assertEquals(
        f + ":line 1: unknown policy 'wide'",
        bad("c.jsonl", "{\"id\":\"1\",\"changes\":[\"a\"],\"policy\":\"wide\"}").getMessage());
    assertEquals(
        f
            + ":line 1: unknown key 'polcy': did you mean 'policy'? (known: id, changes, policy, graph)",
        bad("c.jsonl", "{\"id\":\"1\",\"changes\":[\"a\"],\"polcy\":\"direct\"}").getMessage());
    assertEquals(
        f + ":line 1: \"changes\" must be a list of names",
        bad("c.jsonl", "{\"id\":\"1\",\"changes\":\"a\"}").getMessage());
    assertEquals(
        f + ":line 1: expected a JSON object {\"id\": ..., \"changes\": [...]}",
        bad("c.jsonl", "[1]").getMessage());
    InputException malformed = bad("c.jsonl", "{\"id\": \"1\",");
    assertEquals(f.toString(), malformed.source());
    assertEquals("line 1", malformed.location());
  }

  @Test
  void csv_badRows_nameFileAndLine() {
    Path f = dir.resolve("c.csv");
    assertEquals(
        f
            + ":line 1: unknown column 'change': did you mean 'changes'? (known: id, changes, policy,"
            + " graph)",
        bad("c.csv", "id,change\n1,a\n").getMessage());
    assertEquals(
        f + ":line 1: the header needs the column 'changes'",
        bad("c.csv", "id,policy\n1,direct\n").getMessage());
    assertEquals(
        f + ":line 3: expected 2 fields (header at line 1), found 3",
        bad("c.csv", "id,changes\n1,a\n2,b,c\n").getMessage());
    assertEquals(
        f + ":line 2: unterminated quoted field", bad("c.csv", "id,changes\n1,\"a\n").getMessage());
    assertEquals(f + ": no change rows", bad("c.csv", "id,changes\n").getMessage());
  }

  @Test
  void format_unknownExtension_listsKnownOnes() {
    InputException e = bad("c.txt", "x");
    assertEquals(
        dir.resolve("c.txt")
            + ": cannot tell the changes format from the file name (known extensions: .jsonl,"
            + " .ndjson, .csv)",
        e.getMessage());
  }
}
