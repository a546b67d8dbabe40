package dev.preflight.graph.io.arrow;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.preflight.graph.GraphMetadata;
import dev.preflight.graph.InputException;
import dev.preflight.graph.io.JsonProblems;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The reader's side of the schema metadata ({@link ArrowGraphFormat} lists the keys): the format
 * check, the sizing hints and the graph metadata. The two JSON values ({@code unresolved}, {@code
 * properties}) are read with Jackson's streaming parser, which a short command has loaded anyway,
 * rather than its object mapper.
 */
final class ArrowMetadata {
  private static final JsonFactory JSON = new JsonFactory();

  private ArrowMetadata() {}

  static void checkFormat(Map<String, String> meta, List<IpcField> fields, String source) {
    String version = meta.get("formatVersion");
    if (version == null || !ArrowGraphFormat.FORMAT_NAME.equals(meta.get("format"))) {
      throw new InputException(
          source,
          "schema",
          "an Arrow file, but not a Preflight graph (its schema metadata lacks format="
              + ArrowGraphFormat.FORMAT_NAME
              + " and formatVersion; columns: "
              + fields.stream().map(IpcField::name).toList()
              + ")");
    }
    if (!ArrowGraphFormat.READABLE_VERSIONS.contains(version)) {
      throw new InputException(
          source,
          "schema",
          "unsupported formatVersion "
              + version
              + " (this Preflight reads versions "
              + new TreeSet<>(ArrowGraphFormat.READABLE_VERSIONS)
              + "; a newer Preflight wrote it?)");
    }
  }

  static int hint(Map<String, String> meta, String key, String source) {
    String v = meta.get(key);
    if (v == null) {
      return 1024;
    }
    try {
      return Math.max(0, Integer.parseInt(v));
    } catch (NumberFormatException e) {
      throw new InputException(source, "schema", "metadata " + key + " is not a number: " + v);
    }
  }

  static GraphMetadata metadata(Map<String, String> meta, String source) {
    List<String> unresolved = new ArrayList<>();
    Map<String, String> properties = new LinkedHashMap<>();
    try {
      try (JsonParser p = JSON.createParser(meta.getOrDefault("unresolved", "[]"))) {
        if (p.nextToken() != JsonToken.START_ARRAY) {
          throw new InputException(source, "schema", "metadata 'unresolved' must be a JSON array");
        }
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          unresolved.add(text(p, t));
        }
        end(p);
      }
      try (JsonParser p = JSON.createParser(meta.getOrDefault("properties", "{}"))) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new InputException(source, "schema", "metadata 'properties' must be a JSON object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          properties.put(key, text(p, p.nextToken()));
        }
        end(p);
      }
    } catch (JsonProcessingException e) {
      throw new InputException(
          source, "schema", "malformed JSON in metadata: " + JsonProblems.describe(e));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // a String does not fail to read
    }
    return new GraphMetadata(
        meta.getOrDefault("source", ""),
        count(meta, "selfLoopsDropped", source),
        count(meta, "duplicateEdgesMerged", source),
        new ArrayList<>(new TreeSet<>(unresolved)),
        properties);
  }

  /**
   * A value as text, as Jackson's {@code JsonNode.asText()} gives it: a scalar's text ({@code null}
   * as "null"), and "" for an array or object, which is skipped.
   */
  private static String text(JsonParser p, JsonToken t) throws IOException {
    if (t == null) {
      throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input");
    }
    if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
      p.skipChildren();
      return "";
    }
    return p.getText();
  }

  /** Nothing may follow the value. */
  private static void end(JsonParser p) throws IOException {
    if (p.nextToken() != null) {
      throw new com.fasterxml.jackson.core.JsonParseException(
          p, "trailing content after the value");
    }
  }

  static long count(Map<String, String> meta, String key, String source) {
    String v = meta.getOrDefault(key, "0");
    try {
      long n = Long.parseLong(v);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InputException(source, "schema", "metadata " + key + " must be a count, got " + v);
  }
}
