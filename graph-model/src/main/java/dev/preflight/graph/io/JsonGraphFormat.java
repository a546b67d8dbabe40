package dev.preflight.graph.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.graph.CsrGraph;
import dev.preflight.graph.GraphMetadata;
import dev.preflight.graph.InputException;
import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Preflight's JSON graph document, for people and for tools without Arrow:
 *
 * <pre>{@code
 * {"schemaVersion": 1, "format": "preflight-graph",
 *  "metadata": {"source": "...", "selfLoopsDropped": 0, "duplicateEdgesMerged": 0,
 *               "unresolved": [...], "properties": {...}},
 *  "nodes": [{"id": "zlib@x86_64-linux", "name": "zlib", "version": "1.3", "system": "x86_64-linux",
 *             "buildSeconds": 20.5, "lastStatus": "GREEN", "channels": ["nixos-small"],
 *             "aliases": [], "sizeBytes": 1234, "unchangedProbability": 0.9}, ...],
 *  "edges": [["curl@x86_64-linux", "zlib@x86_64-linux"], ...],
 *  "relations": {"binnmu": [["curl@amd64-linux", "zlib@amd64-linux"], ...]}}
 * }</pre>
 *
 * Schema version 2 adds, only where a graph has them, the node fields {@code binaries}, {@code
 * features} and {@code fixedOutput} and the top-level {@code relations} ({@link
 * dev.preflight.graph.NodeExtras}); version 1 documents are read as graphs without them. Relations
 * come after the nodes. Absent numbers are omitted. Edges are {@code [dependent, input]} id pairs.
 * Read with a streaming parser, so errors name the line and column.
 */
final class JsonGraphFormat {
  static final int SCHEMA_VERSION = 2;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonGraphFormat() {}

  static void write(PackageGraph g, Path file) throws IOException {
    JsonFactory factory = MAPPER.getFactory();
    try (JsonGenerator out = factory.createGenerator(file.toFile(), JsonEncoding.UTF8)) {
      out.writeStartObject();
      out.writeNumberField("schemaVersion", SCHEMA_VERSION);
      out.writeStringField("format", "preflight-graph");
      GraphMetadata m = g.metadata();
      out.writeObjectFieldStart("metadata");
      out.writeStringField("source", m.source());
      out.writeNumberField("selfLoopsDropped", m.selfLoopsDropped());
      out.writeNumberField("duplicateEdgesMerged", m.duplicateEdgesMerged());
      out.writeArrayFieldStart("unresolved");
      for (String u : m.unresolved()) {
        out.writeString(u);
      }
      out.writeEndArray();
      out.writeObjectFieldStart("properties");
      for (Map.Entry<String, String> e : m.properties().entrySet()) {
        out.writeStringField(e.getKey(), e.getValue());
      }
      out.writeEndObject();
      out.writeEndObject();
      out.writeArrayFieldStart("nodes");
      for (int v = 0; v < g.nodeCount(); v++) {
        out.writeRaw('\n');
        out.writeStartObject();
        out.writeStringField("id", g.id(v));
        out.writeStringField("name", g.name(v));
        out.writeStringField("version", g.version(v));
        out.writeStringField("system", g.system(v));
        if (!Double.isNaN(g.buildSeconds(v))) {
          out.writeNumberField("buildSeconds", g.buildSeconds(v));
        }
        out.writeStringField("lastStatus", g.lastStatus(v).name());
        writeStrings(out, "channels", g.channels(v));
        writeStrings(out, "aliases", g.aliases(v));
        if (g.sizeBytes(v) >= 0) {
          out.writeNumberField("sizeBytes", g.sizeBytes(v));
        }
        if (!Double.isNaN(g.unchangedProbability(v))) {
          out.writeNumberField("unchangedProbability", g.unchangedProbability(v));
        }
        if (!g.binaries(v).isEmpty()) {
          writeStrings(out, "binaries", g.binaries(v));
        }
        if (!g.requiredFeatures(v).isEmpty()) {
          writeStrings(out, "features", g.requiredFeatures(v));
        }
        if (g.isFixedOutput(v)) {
          out.writeBooleanField("fixedOutput", true);
        }
        out.writeEndObject();
      }
      out.writeEndArray();
      out.writeArrayFieldStart("edges");
      for (int v = 0; v < g.nodeCount(); v++) {
        for (int p = g.inputsStart(v); p < g.inputsEnd(v); p++) {
          out.writeRaw('\n');
          out.writeStartArray();
          out.writeString(g.id(v));
          out.writeString(g.id(g.input(p)));
          out.writeEndArray();
        }
      }
      out.writeEndArray();
      if (!g.relationNames().isEmpty()) {
        out.writeObjectFieldStart("relations");
        for (Map.Entry<String, CsrGraph> e : g.extras().relations().entrySet()) {
          out.writeArrayFieldStart(e.getKey());
          CsrGraph r = e.getValue();
          for (int v = 0; v < r.nodeCount(); v++) {
            for (int q = r.inputsStart(v); q < r.inputsEnd(v); q++) {
              out.writeRaw('\n');
              out.writeStartArray();
              out.writeString(g.id(v));
              out.writeString(g.id(r.input(q)));
              out.writeEndArray();
            }
          }
          out.writeEndArray();
        }
        out.writeEndObject();
      }
      out.writeRaw('\n');
      out.writeEndObject();
      out.writeRaw('\n');
    }
  }

  private static void writeStrings(JsonGenerator out, String field, List<String> values)
      throws IOException {
    out.writeArrayFieldStart(field);
    for (String s : values) {
      out.writeString(s);
    }
    out.writeEndArray();
  }

  static PackageGraph read(Path file, Progress progress) {
    PackageGraphBuilder b = PackageGraph.builder().sourceFile(file.toString());
    boolean sawVersion = false;
    boolean sawNodes = false;
    progress.start("reading " + file.getFileName(), -1);
    try (InputStream in = Files.newInputStream(file);
        JsonParser p = MAPPER.getFactory().createParser(in)) {
      expect(p, p.nextToken(), JsonToken.START_OBJECT, "the document must be a JSON object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "schemaVersion" -> {
            if (!t.isNumeric() || p.getIntValue() < 1 || p.getIntValue() > SCHEMA_VERSION) {
              throw error(
                  p,
                  "unsupported schemaVersion "
                      + p.getText()
                      + " (this Preflight reads 1 to "
                      + SCHEMA_VERSION
                      + ")");
            }
            sawVersion = true;
          }
          case "metadata" -> b.restoreMetadata(readMetadata(p, t));
          case "nodes" -> {
            sawNodes = true;
            expect(p, t, JsonToken.START_ARRAY, "'nodes' must be an array");
            int k = 0;
            while (p.nextToken() == JsonToken.START_OBJECT) {
              String where = "line " + p.currentLocation().getLineNr() + " (node #" + (k + 1) + ")";
              JsonNode n = MAPPER.readTree(p);
              b.addNode(node(n, p, k), where);
              k++;
            }
            expect(p, p.currentToken(), JsonToken.END_ARRAY, "'nodes' must hold only objects");
          }
          case "edges" -> {
            expect(p, t, JsonToken.START_ARRAY, "'edges' must be an array");
            int k = 0;
            while (p.nextToken() == JsonToken.START_ARRAY) {
              k++;
              int line = p.currentLocation().getLineNr();
              String a = p.nextTextValue();
              String c = p.nextTextValue();
              if (a == null || c == null || p.nextToken() != JsonToken.END_ARRAY) {
                throw error(p, "edge #" + k + " must be [dependentId, inputId]");
              }
              // Nodes normally come first: resolve now so a big graph keeps no strings per edge.
              int from = b.indexOf(a);
              int to = b.indexOf(c);
              if (from >= 0 && to >= 0) {
                b.addEdge(from, to);
              } else {
                b.addEdge(a, c, "line " + line + " (edge #" + k + ")");
              }
            }
            expect(p, p.currentToken(), JsonToken.END_ARRAY, "'edges' must hold only [a, b] pairs");
          }
          case "relations" -> {
            expect(p, t, JsonToken.START_OBJECT, "'relations' must be an object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String relation = p.currentName();
              expect(
                  p,
                  p.nextToken(),
                  JsonToken.START_ARRAY,
                  "relation '" + relation + "' must be an array");
              b.declareRelation(relation);
              int k = 0;
              while (p.nextToken() == JsonToken.START_ARRAY) {
                k++;
                String a = p.nextTextValue();
                String c = p.nextTextValue();
                if (a == null || c == null || p.nextToken() != JsonToken.END_ARRAY) {
                  throw error(
                      p,
                      "relation '" + relation + "' edge #" + k + " must be [dependentId, inputId]");
                }
                int from = b.indexOf(a);
                int to = b.indexOf(c);
                if (from < 0 || to < 0) {
                  throw error(
                      p,
                      "relation '"
                          + relation
                          + "' edge #"
                          + k
                          + " names unknown node '"
                          + (from < 0 ? a : c)
                          + "' (relations come after the nodes)");
                }
                b.addRelationEdge(relation, from, to);
              }
              expect(
                  p,
                  p.currentToken(),
                  JsonToken.END_ARRAY,
                  "relation '" + relation + "' must hold only [a, b] pairs");
            }
          }
          default -> p.skipChildren();
        }
      }
      if (!sawVersion || !sawNodes) {
        throw new InputException(
            file.toString(),
            null,
            "not a Preflight graph document (needs 'schemaVersion' and 'nodes')");
      }
    } catch (JsonProcessingException e) {
      throw new InputException(
          file.toString(),
          e.getLocation() == null ? null : "line " + e.getLocation().getLineNr(),
          "malformed JSON: " + JsonProblems.describe(e),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PackageGraph g = b.build();
    progress.done();
    return g;
  }

  private static GraphMetadata readMetadata(JsonParser p, JsonToken t) throws IOException {
    expect(p, t, JsonToken.START_OBJECT, "'metadata' must be an object");
    JsonNode m = MAPPER.readTree(p);
    List<String> unresolved = new ArrayList<>();
    for (JsonNode u : m.path("unresolved")) {
      unresolved.add(u.asText());
    }
    Map<String, String> props = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = m.path("properties").properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      props.put(e.getKey(), e.getValue().asText());
    }
    return new GraphMetadata(
        m.path("source").asText(""),
        m.path("selfLoopsDropped").asLong(0),
        m.path("duplicateEdgesMerged").asLong(0),
        unresolved,
        props);
  }

  private static NodeRecord node(JsonNode n, JsonParser p, int k) {
    JsonNode id = n.get("id");
    if (id == null || !id.isTextual() || id.asText().isEmpty()) {
      throw error(p, "node #" + (k + 1) + " has no string 'id'");
    }
    try {
      return new NodeRecord(
          id.asText(),
          n.path("name").asText(id.asText()),
          n.path("version").asText(""),
          n.path("system").asText(""),
          n.hasNonNull("buildSeconds") ? number(n, "buildSeconds") : Double.NaN,
          n.hasNonNull("lastStatus")
              ? NodeStatus.parse(n.get("lastStatus").asText())
              : NodeStatus.UNKNOWN,
          strings(n.path("channels")),
          strings(n.path("aliases")),
          n.hasNonNull("sizeBytes") ? (long) number(n, "sizeBytes") : -1,
          n.hasNonNull("unchangedProbability") ? number(n, "unchangedProbability") : Double.NaN,
          strings(n.path("binaries")),
          strings(n.path("features")),
          fixedOutput(n));
    } catch (IllegalArgumentException e) {
      throw error(p, "node '" + id.asText() + "': " + e.getMessage());
    }
  }

  private static boolean fixedOutput(JsonNode n) {
    JsonNode f = n.get("fixedOutput");
    if (f == null || f.isNull()) {
      return false;
    }
    if (!f.isBoolean()) {
      throw new IllegalArgumentException("'fixedOutput' must be true or false, got " + f);
    }
    return f.asBoolean();
  }

  private static double number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (!v.isNumber()) {
      throw new IllegalArgumentException("'" + field + "' must be a number, got " + v);
    }
    return v.asDouble();
  }

  private static List<String> strings(JsonNode array) {
    if (array.isMissingNode() || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException("expected an array of strings, got " + array);
    }
    List<String> out = new ArrayList<>(array.size());
    for (JsonNode s : array) {
      out.add(s.asText());
    }
    return out;
  }

  private static void expect(JsonParser p, JsonToken actual, JsonToken expected, String problem) {
    if (actual != expected) {
      throw error(p, problem);
    }
  }

  private static InputException error(JsonParser p, String problem) {
    return new InputException(null, "line " + p.currentLocation().getLineNr(), problem);
  }
}
