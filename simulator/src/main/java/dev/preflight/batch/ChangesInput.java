package dev.preflight.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.graph.InputException;
import dev.preflight.graph.io.CsvReader;
import dev.preflight.graph.io.JsonProblems;
import dev.preflight.impact.Policy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Reads and validates a batch's input rows on the driver, before Spark starts, so that a bad row
 * fails the run at once with the file and line ({@link InputException}) instead of deep inside an
 * executor.
 *
 * <p>Two formats, chosen by extension:
 *
 * <ul>
 *   <li>JSON lines ({@code .jsonl}, {@code .ndjson}): one object per line, {@code {"id": "…",
 *       "changes": ["name", …], "policy": "transitive", "graph": "label"}}; {@code id} (a string or
 *       an integer) and {@code changes} are required; blank lines are skipped.
 *   <li>CSV ({@code .csv}, RFC 4180 quoting): a header naming some of {@code id, changes, policy,
 *       graph} in any order ({@code id} and {@code changes} required), then one row per change with
 *       the changed names separated by {@code ;}.
 * </ul>
 *
 * <p>Checked here: the shape of every row, unknown keys or columns, empty ids and change lists,
 * duplicate ids (the id is the key callers join results on), policy names and graph labels. Not
 * checked here: whether the changed names exist in the graph; that is per-row work (see {@link
 * BatchResult#error()}).
 */
public final class ChangesInput {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> COLUMNS = List.of("id", "changes", "policy", "graph");

  /** The input formats, by extension. */
  public enum Format {
    JSONL(List.of(".jsonl", ".ndjson")),
    CSV(List.of(".csv"));

    private final List<String> extensions;

    Format(List<String> extensions) {
      this.extensions = extensions;
    }

    /** The format {@code file}'s extension names, or an error listing the known extensions. */
    public static Format forPath(Path file) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      for (Format f : values()) {
        for (String ext : f.extensions) {
          if (name.endsWith(ext)) {
            return f;
          }
        }
      }
      throw new InputException(
          file.toString(),
          null,
          "cannot tell the changes format from the file name (known extensions: "
              + Arrays.stream(values())
                  .flatMap(f -> f.extensions.stream())
                  .collect(Collectors.joining(", "))
              + ")");
    }
  }

  private final String file;
  private final BatchGraphs graphs;
  private final String defaultPolicy;
  private final UnaryOperator<String> policies;
  private final Map<String, Integer> idLines = new HashMap<>();
  private final List<BatchRow> rows = new ArrayList<>();

  private ChangesInput(
      String file, BatchGraphs graphs, String defaultPolicy, UnaryOperator<String> policies) {
    this.file = file;
    this.graphs = graphs;
    this.defaultPolicy = defaultPolicy;
    this.policies = policies;
  }

  /**
   * Reads every row of {@code file}.
   *
   * @param graphs the batch's graphs; rows may name only their labels
   * @param defaultPolicy the policy of rows that name none (already normalised), or null for each
   *     row's graph's default ({@link Policy#defaultFor})
   * @param policies normalises a policy name to its canonical spelling, throwing {@link
   *     InputException} (any location; the file and line are added here) for an unknown one
   * @return the rows in file order, {@code seq} numbered from 0
   * @throws InputException naming the file and line of the first bad row
   */
  public static List<BatchRow> read(
      Path file, BatchGraphs graphs, String defaultPolicy, UnaryOperator<String> policies) {
    dev.preflight.graph.io.InputFiles.requireFile(file);
    Format format = Format.forPath(file);
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (IOException e) {
      throw dev.preflight.graph.io.InputFiles.unreadable(file, e);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    ChangesInput in = new ChangesInput(file.toString(), graphs, defaultPolicy, policies);
    switch (format) {
      case JSONL -> in.readJsonLines(text);
      case CSV -> in.readCsv(text);
    }
    if (in.rows.isEmpty()) {
      throw new InputException(file.toString(), null, "no change rows");
    }
    return List.copyOf(in.rows);
  }

  // ---------------------------------------------------------------- JSON lines

  private void readJsonLines(String text) {
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (!line.isEmpty()) {
        readJsonLine(line, i + 1);
      }
    }
  }

  private void readJsonLine(String line, int lineNo) {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw bad(lineNo, "malformed JSON: " + JsonProblems.describeLine(e));
    }
    if (node == null || !node.isObject()) {
      throw bad(lineNo, "expected a JSON object {\"id\": ..., \"changes\": [...]}");
    }
    Iterator<String> keys = node.fieldNames();
    while (keys.hasNext()) {
      String k = keys.next();
      if (!COLUMNS.contains(k)) {
        throw bad(lineNo, dev.preflight.graph.Names.unknownMessage("key", k, COLUMNS));
      }
    }
    JsonNode id = node.get("id");
    String idText;
    if (id == null || id.isNull()) {
      throw bad(lineNo, "missing \"id\"");
    } else if (id.isTextual()) {
      idText = id.asText();
    } else if (id.isIntegralNumber()) {
      idText = id.asText();
    } else {
      throw bad(lineNo, "\"id\" must be a string or an integer");
    }
    JsonNode changes = node.get("changes");
    if (changes == null || changes.isNull()) {
      throw bad(lineNo, "missing \"changes\"");
    }
    if (!changes.isArray()) {
      throw bad(lineNo, "\"changes\" must be a list of names");
    }
    List<String> names = new ArrayList<>();
    for (JsonNode c : changes) {
      if (!c.isTextual()) {
        throw bad(lineNo, "\"changes\" must be a list of names, found " + c);
      }
      names.add(c.asText());
    }
    add(
        lineNo,
        idText,
        names,
        optionalText(node, "policy", lineNo),
        optionalText(node, "graph", lineNo));
  }

  private String optionalText(JsonNode node, String key, int lineNo) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw bad(lineNo, "\"" + key + "\" must be a string");
    }
    return v.asText();
  }

  // ---------------------------------------------------------------- CSV

  private void readCsv(String text) {
    CsvReader csv = new CsvReader(text, file);
    List<String> header = null;
    int headerLine = 0;
    Map<String, Integer> column = new LinkedHashMap<>();
    while (true) {
      List<String> record = csv.nextNonBlank();
      if (record == null) {
        break;
      }
      int lineNo = csv.line();
      if (header == null) {
        header = record;
        headerLine = lineNo;
        for (int i = 0; i < header.size(); i++) {
          String name = header.get(i).strip();
          if (!COLUMNS.contains(name)) {
            throw bad(lineNo, dev.preflight.graph.Names.unknownMessage("column", name, COLUMNS));
          }
          if (column.putIfAbsent(name, i) != null) {
            throw bad(lineNo, "column '" + name + "' appears twice");
          }
        }
        for (String required : List.of("id", "changes")) {
          if (!column.containsKey(required)) {
            throw bad(lineNo, "the header needs the column '" + required + "'");
          }
        }
        continue;
      }
      if (record.size() != header.size()) {
        throw bad(
            lineNo,
            "expected "
                + header.size()
                + " fields (header at line "
                + headerLine
                + "), found "
                + record.size());
      }
      String id = record.get(column.get("id")).strip();
      if (id.isEmpty()) {
        throw bad(lineNo, "missing id");
      }
      List<String> names = new ArrayList<>();
      for (String part : record.get(column.get("changes")).split(";", -1)) {
        names.add(part);
      }
      add(lineNo, id, names, field(record, column, "policy"), field(record, column, "graph"));
    }
    if (header == null) {
      throw new InputException(file, null, "empty CSV: a header line is required");
    }
  }

  private static String field(List<String> record, Map<String, Integer> column, String name) {
    Integer i = column.get(name);
    if (i == null) {
      return null;
    }
    String v = record.get(i).strip();
    return v.isEmpty() ? null : v;
  }

  // ---------------------------------------------------------------- shared checks

  private void add(int lineNo, String id, List<String> rawChanges, String policy, String graph) {
    if (id.isEmpty()) {
      throw bad(lineNo, "empty id");
    }
    Integer first = idLines.putIfAbsent(id, lineNo);
    if (first != null) {
      throw bad(lineNo, "duplicate id '" + id + "' (first at line " + first + ")");
    }
    List<String> changes = new ArrayList<>();
    for (String c : rawChanges) {
      String s = c.strip();
      if (!s.isEmpty()) {
        changes.add(s);
      }
    }
    if (changes.isEmpty()) {
      throw bad(lineNo, "no changes: name at least one package");
    }
    String p;
    String g = graph == null ? graphs.defaultLabel() : graph;
    if (!graphs.has(g)) {
      throw bad(lineNo, graphs.unknownLabel(g));
    }
    if (policy == null) {
      p = defaultPolicy != null ? defaultPolicy : Policy.defaultFor(graphs.get(g)).label();
    } else {
      try {
        p = policies.apply(policy);
      } catch (InputException e) {
        throw bad(lineNo, e.problem());
      }
    }
    rows.add(new BatchRow(rows.size(), lineNo, id, changes, p, g));
  }

  private InputException bad(int lineNo, String problem) {
    return new InputException(file, "line " + lineNo, problem);
  }
}
