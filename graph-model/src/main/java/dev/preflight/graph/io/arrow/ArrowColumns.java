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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The columns of one record batch, type-checked against the layout ({@link ArrowSchema}); optional
 * ones may be null. A column of the wrong type is an {@link InputException} naming it, the type
 * expected and the type found.
 */
final class ArrowColumns {
  final IpcColumn ids;
  final IpcColumn names;
  final IpcColumn versions;
  final IpcColumn systems;
  final IpcColumn seconds;
  final IpcColumn status;
  final IpcColumn channels;
  final IpcColumn aliases;
  final IpcColumn sizes;
  final IpcColumn unchanged;
  final IpcColumn inputs;
  final IpcColumn binaries;
  final IpcColumn features;
  final IpcColumn fixedOutput;
  final Map<String, IpcColumn> relations = new TreeMap<>();
  final IpcColumn systemDictionary;
  final IpcColumn statusDictionary;

  private final List<IpcField> fields;
  private final IpcColumn[] columns;
  private final String source;

  ArrowColumns(IpcFile file, IpcFile.Batch batch, String source) {
    this.fields = file.fields;
    this.columns = batch.columns();
    this.source = source;
    Predicate<IpcField> utf8 = IpcField::isUtf8;
    Predicate<IpcField> int32 = f -> f.isInt(32, true);
    ids = column(ID, true, "utf8", utf8);
    names = column(NAME, false, "utf8", utf8);
    versions = column(VERSION, false, "utf8", utf8);
    systems = column(SYSTEM, false, "utf8 or dictionary<int, utf8>", ArrowColumns::categorical);
    seconds = column(BUILD_SECONDS, false, "float64", IpcField::isFloat64);
    status = column(LAST_STATUS, false, "utf8 or dictionary<int, utf8>", ArrowColumns::categorical);
    channels = column(CHANNELS, false, "list<utf8>", f -> f.isListOf(utf8));
    aliases = column(ALIASES, false, "list<utf8>", f -> f.isListOf(utf8));
    sizes = column(SIZE_BYTES, false, "int64", f -> f.isInt(64, true));
    unchanged = column(UNCHANGED_PROBABILITY, false, "float64", IpcField::isFloat64);
    inputs = column(INPUTS, true, "list<int32>", f -> f.isListOf(int32));
    binaries = column(BINARIES, false, "list<utf8>", f -> f.isListOf(utf8));
    features = column(FEATURES, false, "list<utf8>", f -> f.isListOf(utf8));
    fixedOutput = column(FIXED_OUTPUT, false, "bool", IpcField::isBool);
    for (IpcField f : fields) {
      if (f.name().startsWith(RELATION_PREFIX)) {
        String name = f.name().substring(RELATION_PREFIX.length());
        IpcColumn v =
            column(
                f.name(),
                true,
                "list<int32> with a relation name",
                g -> !name.isBlank() && g.isListOf(int32));
        relations.put(name, v);
      }
    }
    systemDictionary = dictionary(systems, file, SYSTEM);
    statusDictionary = dictionary(status, file, LAST_STATUS);
  }

  private static boolean categorical(IpcField f) {
    return f.isUtf8()
        || f.isDictionary()
            && f.type() == org.apache.arrow.flatbuf.Type.Utf8
            && f.children().isEmpty();
  }

  private IpcColumn column(
      String name, boolean required, String expected, Predicate<IpcField> type) {
    for (int i = 0; i < fields.size(); i++) {
      IpcField f = fields.get(i);
      if (f.name().equals(name)) {
        if (!type.test(f)) {
          throw new InputException(
              source,
              "schema",
              "column '" + name + "' must be " + expected + ", found " + f.typeName());
        }
        return columns[i];
      }
    }
    if (required) {
      throw new InputException(
          source, "schema", "missing column '" + name + "' (" + expected + ")");
    }
    return null;
  }

  /** The dictionary of a dictionary-encoded column, or null for a plain utf8 one. */
  private IpcColumn dictionary(IpcColumn v, IpcFile file, String name) {
    if (v == null || !v.field.isDictionary()) {
      return null;
    }
    IpcColumn d = file.dictionaries.get(v.field.dictionaryId());
    if (d == null) {
      throw new InputException(
          source, "schema", "column '" + name + "': its dictionary is missing or not utf8");
    }
    return d;
  }
}
