package dev.preflight.graph.io.arrow;

import dev.preflight.graph.InputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One column of one record batch as the IPC body holds it (Arrow's columnar format: a validity
 * bitmap, for variable-width and list types an int32 offsets buffer, a values buffer, and for a
 * list its child column), read-only views over the batch's (decompressed) body, little-endian.
 *
 * <p>Every buffer is checked against what the column's length needs when the column is made, as
 * Arrow Java's {@code ValueVectorUtility.validate} does, so that the accessors below never read
 * past a buffer: a corrupt length is an {@link InputException} naming the file, batch and column.
 * Offsets are checked where they are read ({@link #offsets}).
 */
final class IpcColumn {
  final IpcField field;
  final int length;
  final int nullCount;
  private final ByteBuffer validity;
  private final ByteBuffer offsets;
  private final ByteBuffer values;
  final IpcColumn child;

  /**
   * @param width the bytes per value of a fixed-width column (0 for bool, which is a bitmap; -1 for
   *     a column with offsets, whose values are checked through the offsets)
   */
  IpcColumn(
      IpcField field,
      long length,
      long nullCount,
      ByteBuffer validity,
      ByteBuffer offsets,
      ByteBuffer values,
      IpcColumn child,
      int width,
      String source,
      String where) {
    this.field = field;
    if (length < 0 || length > Integer.MAX_VALUE - 1 || nullCount < 0 || nullCount > length) {
      throw bad(source, where, field, "length " + length + " with " + nullCount + " nulls");
    }
    this.length = (int) length;
    this.nullCount = (int) nullCount;
    this.validity = validity;
    this.offsets = offsets;
    this.values = values == null ? null : values.order(ByteOrder.LITTLE_ENDIAN);
    this.child = child;
    if (nullCount > 0 && (validity == null || validity.capacity() < (length + 7) / 8)) {
      throw bad(source, where, field, "validity bitmap shorter than its " + length + " values");
    }
    if (offsets != null && length > 0 && offsets.capacity() < 4 * (length + 1)) {
      throw bad(source, where, field, "offsets buffer shorter than its " + length + " values");
    }
    long need = width > 0 ? length * width : width == 0 ? (length + 7) / 8 : 0;
    if (values != null && values.capacity() < need || values == null && need > 0) {
      throw bad(source, where, field, "values buffer shorter than its " + length + " values");
    }
  }

  static InputException bad(String source, String where, IpcField field, String what) {
    return new InputException(
        source, where, "corrupt Arrow IPC file: column '" + field.name() + "': " + what);
  }

  boolean isNull(int i) {
    return nullCount > 0 && (validity.get(i >>> 3) & (1 << (i & 7))) == 0;
  }

  /** The first {@code rows + 1} offsets, checked to be monotone and at most {@code limit}. */
  int[] offsets(int rows, long limit, String source, String where) {
    int[] o = new int[rows + 1];
    if (rows > 0) {
      offsets.duplicate().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(o, 0, rows + 1);
    }
    if (o[0] < 0 || o[rows] > limit) {
      throw new InputException(
          source, where, "column '" + field.name() + "': offsets out of range");
    }
    for (int r = 0; r < rows; r++) {
      if (o[r + 1] < o[r]) {
        throw new InputException(
            source, where + ", row " + (r + 1), "column '" + field.name() + "': offsets decrease");
      }
    }
    return o;
  }

  /** The values buffer, little-endian, positioned at 0. */
  ByteBuffer values() {
    return values.duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }

  int valuesCapacity() {
    return values == null ? 0 : values.capacity();
  }

  /**
   * The strings of rows {@code [0, rows)} of a utf8 column into {@code out[at..]}; nulls stay null.
   */
  void strings(int rows, String[] out, int at, String source, String where) {
    if (rows == 0) {
      return;
    }
    int[] o = offsets(rows, valuesCapacity(), source, where);
    byte[] data = new byte[o[rows] - o[0]];
    values().get(o[0], data, 0, data.length);
    for (int r = 0; r < rows; r++) {
      out[at + r] =
          isNull(r) ? null : new String(data, o[r] - o[0], o[r + 1] - o[r], StandardCharsets.UTF_8);
    }
  }

  /** Value {@code i} of an integer column of any width, as a long. */
  long integer(int i) {
    boolean dictionary = field.isDictionary();
    boolean signed = dictionary ? field.indexSigned() : field.signed();
    return switch (dictionary ? field.indexBits() : field.bitWidth()) {
      case 8 -> signed ? values.get(i) : values.get(i) & 0xFFL;
      case 16 -> signed ? values.getShort(2 * i) : values.getShort(2 * i) & 0xFFFFL;
      case 32 -> signed ? values.getInt(4 * i) : values.getInt(4 * i) & 0xFFFF_FFFFL;
      default -> values.getLong(8 * i); // the constructor checked 8 * length fits the buffer
    };
  }

  /** Bit {@code i} of a bool column. */
  boolean bit(int i) {
    return (values.get(i >>> 3) & (1 << (i & 7))) != 0;
  }
}
