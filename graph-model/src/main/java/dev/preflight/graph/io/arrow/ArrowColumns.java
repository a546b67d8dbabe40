package dev.preflight.graph.io.arrow;

import static dev.preflight.graph.io.arrow.ArrowSchema.ALIASES;
import static dev.preflight.graph.io.arrow.ArrowSchema.BINARIES;
import static dev.preflight.graph.io.arrow.ArrowSchema.BUILD_SECONDS;
import static dev.preflight.graph.io.arrow.ArrowSchema.CHANNELS;
import static dev.preflight.graph.io.arrow.ArrowSchema.FEATURES;
import static dev.preflight.graph.io.arrow.ArrowSchema.FIXED_OUTPUT;
import static dev.preflight.graph.io.arrow.ArrowSchema.ID;
import static dev.preflight.graph.io.arrow.ArrowSchema.INPUTS;
import static dev.preflight.graph.io.arrow.ArrowSchema.LAST_STATUS;
import static dev.preflight.graph.io.arrow.ArrowSchema.NAME;
import static dev.preflight.graph.io.arrow.ArrowSchema.RELATION_PREFIX;
import static dev.preflight.graph.io.arrow.ArrowSchema.SIZE_BYTES;
import static dev.preflight.graph.io.arrow.ArrowSchema.SYSTEM;
import static dev.preflight.graph.io.arrow.ArrowSchema.UNCHANGED_PROBABILITY;
import static dev.preflight.graph.io.arrow.ArrowSchema.VERSION;

import dev.preflight.graph.InputException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The columns of the reader's root, type-checked once against the layout ({@link ArrowSchema});
 * optional ones may be null. A column of the wrong type is an {@link InputException} naming it, the
 * type expected and the type found.
 */
final class ArrowColumns {
  final VarCharVector ids;
  final VarCharVector names;
  final VarCharVector versions;
  final FieldVector systems;
  final Float8Vector seconds;
  final FieldVector status;
  final ListVector channels;
  final ListVector aliases;
  final BigIntVector sizes;
  final Float8Vector unchanged;
  final ListVector inputs;
  final ListVector binaries;
  final ListVector features;
  final BitVector fixedOutput;
  final Map<String, ListVector> relations = new TreeMap<>();
  final Dictionary systemDictionary;
  final Dictionary statusDictionary;

  ArrowColumns(VectorSchemaRoot root, Map<Long, Dictionary> dictionaries, String source) {
    ids = column(root, ID, VarCharVector.class, true, "utf8", source);
    names = column(root, NAME, VarCharVector.class, false, "utf8", source);
    versions = column(root, VERSION, VarCharVector.class, false, "utf8", source);
    systems = column(root, SYSTEM, FieldVector.class, false, "utf8", source);
    seconds = column(root, BUILD_SECONDS, Float8Vector.class, false, "float64", source);
    status = column(root, LAST_STATUS, FieldVector.class, false, "utf8", source);
    channels = stringList(root, CHANNELS, source);
    aliases = stringList(root, ALIASES, source);
    sizes = column(root, SIZE_BYTES, BigIntVector.class, false, "int64", source);
    unchanged = column(root, UNCHANGED_PROBABILITY, Float8Vector.class, false, "float64", source);
    inputs = column(root, INPUTS, ListVector.class, true, "list<int32>", source);
    if (!(inputs.getDataVector() instanceof IntVector)) {
      throw wrongType(INPUTS, "list<int32>", inputs, source);
    }
    binaries = stringList(root, BINARIES, source);
    features = stringList(root, FEATURES, source);
    fixedOutput = column(root, FIXED_OUTPUT, BitVector.class, false, "bool", source);
    for (Field f : root.getSchema().getFields()) {
      if (f.getName().startsWith(RELATION_PREFIX)) {
        String name = f.getName().substring(RELATION_PREFIX.length());
        ListVector v = column(root, f.getName(), ListVector.class, true, "list<int32>", source);
        if (name.isBlank() || !(v.getDataVector() instanceof IntVector)) {
          throw wrongType(f.getName(), "list<int32> with a relation name", v, source);
        }
        relations.put(name, v);
      }
    }
    systemDictionary = categorical(systems, dictionaries, SYSTEM, source);
    statusDictionary = categorical(status, dictionaries, LAST_STATUS, source);
  }

  private static <T> T column(
      VectorSchemaRoot root,
      String name,
      Class<T> type,
      boolean required,
      String expected,
      String source) {
    FieldVector v = root.getVector(name);
    if (v == null) {
      if (required) {
        throw new InputException(
            source, "schema", "missing column '" + name + "' (" + expected + ")");
      }
      return null;
    }
    if (!type.isInstance(v)) {
      throw wrongType(name, expected, v, source);
    }
    return type.cast(v);
  }

  private static ListVector stringList(VectorSchemaRoot root, String name, String source) {
    ListVector v = column(root, name, ListVector.class, false, "list<utf8>", source);
    if (v != null && !(v.getDataVector() instanceof VarCharVector)) {
      throw wrongType(name, "list<utf8>", v, source);
    }
    return v;
  }

  /** Checks a column is utf8 or dictionary-encoded utf8; returns its dictionary or null. */
  private static Dictionary categorical(
      FieldVector v, Map<Long, Dictionary> dictionaries, String name, String source) {
    if (v == null || v instanceof VarCharVector) {
      return null;
    }
    DictionaryEncoding enc = v.getField().getDictionary();
    if (enc == null || !(v instanceof BaseIntVector)) {
      throw wrongType(name, "utf8 or dictionary<int, utf8>", v, source);
    }
    Dictionary d = dictionaries.get(enc.getId());
    if (d == null || !(d.getVector() instanceof VarCharVector)) {
      throw new InputException(
          source, "schema", "column '" + name + "': its dictionary is missing or not utf8");
    }
    return d;
  }

  private static InputException wrongType(
      String name, String expected, FieldVector v, String source) {
    return new InputException(
        source,
        "schema",
        "column '" + name + "' must be " + expected + ", found " + v.getField().getType());
  }
}
