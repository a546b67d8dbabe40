package dev.preflight.graph.io.arrow;

import java.util.List;
import org.apache.arrow.flatbuf.Type;

/**
 * One field of an Arrow schema as the reader needs it, decoded from the footer's FlatBuffers
 * ({@code org.apache.arrow.flatbuf.Field}, Arrow's {@code format/Schema.fbs}): its name, its
 * physical type, its dictionary encoding and its children.
 *
 * @param type the {@link Type} id of the values (for a dictionary-encoded field: of the
 *     dictionary's values; the column itself then holds {@code indexBits}-wide integers)
 * @param bitWidth for {@link Type#Int}: 8, 16, 32 or 64
 * @param signed for {@link Type#Int}
 * @param precision for {@link Type#FloatingPoint}: 0 half, 1 single, 2 double
 * @param unionMode for {@link Type#Union}: 0 sparse, 1 dense
 * @param dictionaryId the dictionary's id, or -1 when the field is not dictionary-encoded
 * @param indexBits the width of a dictionary-encoded field's indexes
 * @param indexSigned whether those indexes are signed
 */
record IpcField(
    String name,
    byte type,
    int bitWidth,
    boolean signed,
    short precision,
    short unionMode,
    long dictionaryId,
    int indexBits,
    boolean indexSigned,
    List<IpcField> children) {

  static final short DOUBLE = 2;

  boolean isDictionary() {
    return dictionaryId >= 0;
  }

  /** A utf8 field that is not dictionary-encoded. */
  boolean isUtf8() {
    return !isDictionary() && type == Type.Utf8;
  }

  /** A list field (not dictionary-encoded) whose one child is {@code item}. */
  boolean isListOf(java.util.function.Predicate<IpcField> item) {
    return !isDictionary()
        && type == Type.List
        && children.size() == 1
        && item.test(children.get(0));
  }

  boolean isInt(int bits, boolean isSigned) {
    return !isDictionary() && type == Type.Int && bitWidth == bits && signed == isSigned;
  }

  boolean isFloat64() {
    return !isDictionary() && type == Type.FloatingPoint && precision == DOUBLE;
  }

  boolean isBool() {
    return !isDictionary() && type == Type.Bool;
  }

  /**
   * The type as messages show it, in Arrow Java's spelling ({@code Int(32, true)}, {@code
   * FloatingPoint(DOUBLE)}, {@code Utf8}, {@code List}, a dictionary as {@code Dictionary<Int(16,
   * true), Utf8>}).
   */
  String typeName() {
    String values = valueTypeName();
    return isDictionary()
        ? "Dictionary<Int(" + indexBits + ", " + indexSigned + "), " + values + ">"
        : values;
  }

  private String valueTypeName() {
    String base = type >= 0 && type < Type.names.length ? Type.names[type] : "type#" + type;
    if (type == Type.Int) {
      return "Int(" + bitWidth + ", " + signed + ")";
    }
    if (type == Type.FloatingPoint) {
      return "FloatingPoint("
          + (precision == 0 ? "HALF" : precision == 1 ? "SINGLE" : "DOUBLE")
          + ")";
    }
    return base.equals("Struct_") ? "Struct" : base;
  }
}
