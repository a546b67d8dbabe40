package dev.preflight.graph.io.arrow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.graph.ContentHash;
import dev.preflight.graph.GraphMetadata;
import dev.preflight.graph.NodeExtras;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** The graph's Arrow schema: column names and types, dictionaries, schema metadata. */
final class ArrowSchema {
  private ArrowSchema() {}

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final long SYSTEM_DICTIONARY_ID = 0;
  static final long STATUS_DICTIONARY_ID = 1;

  static final String ID = "id";
  static final String NAME = "name";
  static final String VERSION = "version";
  static final String SYSTEM = "system";
  static final String BUILD_SECONDS = "buildSeconds";
  static final String LAST_STATUS = "lastStatus";
  static final String CHANNELS = "channels";
  static final String ALIASES = "aliases";
  static final String SIZE_BYTES = "sizeBytes";
  static final String UNCHANGED_PROBABILITY = "unchangedProbability";
  static final String INPUTS = "inputs";
  static final String BINARIES = "binaries";
  static final String FEATURES = "features";
  static final String FIXED_OUTPUT = "fixedOutput";
  static final String RELATION_PREFIX = "relation:";

  static Schema schema(Map<String, String> metadata, NodeExtras extras) {
    ArrowType utf8 = ArrowType.Utf8.INSTANCE;
    ArrowType float64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    List<Field> fields =
        new ArrayList<>(
            List.of(
                new Field(ID, FieldType.notNullable(utf8), null),
                new Field(NAME, FieldType.notNullable(utf8), null),
                new Field(VERSION, FieldType.notNullable(utf8), null),
                new Field(
                    SYSTEM,
                    new FieldType(false, new ArrowType.Int(16, true), systemEncoding()),
                    null),
                new Field(BUILD_SECONDS, FieldType.nullable(float64), null),
                new Field(
                    LAST_STATUS,
                    new FieldType(false, new ArrowType.Int(8, true), statusEncoding()),
                    null),
                list(CHANNELS, utf8),
                list(ALIASES, utf8),
                new Field(SIZE_BYTES, FieldType.nullable(new ArrowType.Int(64, true)), null),
                new Field(UNCHANGED_PROBABILITY, FieldType.nullable(float64), null),
                list(INPUTS, new ArrowType.Int(32, true))));
    if (extras.binaryOffsets() != null) {
      fields.add(list(BINARIES, utf8));
    }
    if (extras.featureOffsets() != null) {
      fields.add(list(FEATURES, utf8));
    }
    if (extras.fixedOutput() != null) {
      fields.add(new Field(FIXED_OUTPUT, FieldType.notNullable(ArrowType.Bool.INSTANCE), null));
    }
    for (String relation : extras.relations().keySet()) {
      fields.add(list(RELATION_PREFIX + relation, new ArrowType.Int(32, true)));
    }
    return new Schema(fields, metadata);
  }

  static Field list(String name, ArrowType item) {
    return new Field(
        name,
        FieldType.notNullable(ArrowType.List.INSTANCE),
        List.of(new Field("item", FieldType.notNullable(item), null)));
  }

  static DictionaryEncoding systemEncoding() {
    return new DictionaryEncoding(SYSTEM_DICTIONARY_ID, false, new ArrowType.Int(16, true));
  }

  static DictionaryEncoding statusEncoding() {
    return new DictionaryEncoding(STATUS_DICTIONARY_ID, false, new ArrowType.Int(8, true));
  }

  static List<String> statusWords() {
    List<String> words = new ArrayList<>();
    for (NodeStatus s : NodeStatus.values()) {
      words.add(s.name());
    }
    return words;
  }

  static VarCharVector dictionary(String name, List<String> values, BufferAllocator allocator) {
    VarCharVector v = new VarCharVector(name, allocator);
    v.allocateNew(Math.max(values.size(), 1));
    for (int i = 0; i < values.size(); i++) {
      v.setSafe(i, ArrowGraphWriter.utf8(values.get(i)));
    }
    v.setValueCount(values.size());
    return v;
  }

  static Map<String, String> metadata(PackageGraph g) {
    GraphMetadata m = g.metadata();
    Map<String, String> out = new LinkedHashMap<>();
    out.put("format", ArrowGraphFormat.FORMAT_NAME);
    out.put("formatVersion", Integer.toString(ArrowGraphFormat.FORMAT_VERSION));
    out.put("source", m.source());
    out.put("selfLoopsDropped", Long.toString(m.selfLoopsDropped()));
    out.put("duplicateEdgesMerged", Long.toString(m.duplicateEdgesMerged()));
    out.put("nodeCount", Integer.toString(g.nodeCount()));
    out.put("edgeCount", Integer.toString(g.edgeCount()));
    out.put("contentHash", ContentHash.hex(g.contentHash()));
    try {
      out.put("unresolved", MAPPER.writeValueAsString(m.unresolved()));
      out.put("properties", MAPPER.writeValueAsString(m.properties()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render graph metadata", e);
    }
    return out;
  }
}
