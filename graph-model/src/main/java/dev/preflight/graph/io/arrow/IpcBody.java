package dev.preflight.graph.io.arrow;

import dev.preflight.graph.InputException;
import java.nio.ByteBuffer;
import org.apache.arrow.flatbuf.Type;

/**
 * The field nodes and (decompressed) buffers of one record batch body, handed out column by column
 * in schema order, as Arrow's "Columnar Format" lays them out (apache/arrow, {@code
 * docs/source/format/Columnar.rst}, "Buffer Listing for Each Layout"): one field node per field and
 * its children in pre-order; validity and data buffers for fixed-width types, validity, offsets and
 * data for utf8 and binary, validity and offsets then the child for lists, validity then the
 * children for structs, no buffers for null, the type-ids (and for dense unions the offsets) for
 * unions, and for the view types two plus the batch's variadic buffer count. Columns of the types
 * Preflight reads become {@link IpcColumn}s; the others are skipped by counting their buffers.
 */
final class IpcBody {
  private final long[][] nodes;
  private final ByteBuffer[] buffers;
  private final long[] variadic;
  private final String source;
  private int node;
  private int buffer;
  private int variadicAt;

  IpcBody(long[][] nodes, ByteBuffer[] buffers, long[] variadic, String source) {
    this.nodes = nodes;
    this.buffers = buffers;
    this.variadic = variadic;
    this.source = source;
  }

  /** The next column, of {@code f}'s type; null for a type Preflight skips without reading. */
  IpcColumn column(IpcField f, String where) {
    if (node >= nodes.length) {
      throw corrupt(where, "cannot load the batch (fewer field nodes than columns)", null);
    }
    long[] n = nodes[node++];
    if (f.isDictionary()) {
      return new IpcColumn(
          f, n[0], n[1], next(where), null, next(where), null, f.indexBits() / 8, source, where);
    }
    switch (f.type()) {
      case Type.Int, Type.FloatingPoint, Type.Bool -> {
        int width =
            f.type() == Type.Bool
                ? 0
                : f.type() == Type.Int
                    ? f.bitWidth() / 8
                    : f.precision() == 0 ? 2 : f.precision() == 1 ? 4 : 8;
        return new IpcColumn(
            f, n[0], n[1], next(where), null, next(where), null, width, source, where);
      }
      case Type.Utf8 -> {
        return new IpcColumn(
            f, n[0], n[1], next(where), next(where), next(where), null, -1, source, where);
      }
      case Type.List -> {
        ByteBuffer validity = next(where);
        ByteBuffer offsets = next(where);
        IpcColumn child = null;
        if (f.children().size() == 1) {
          child = column(f.children().get(0), where); // null when of a skipped type
        } else {
          skipChildren(f, where);
        }
        return new IpcColumn(f, n[0], n[1], validity, offsets, null, child, -1, source, where);
      }
      default -> {
        skip(f, where);
        return null;
      }
    }
  }

  /** Skips the buffers and children of a column of a type Preflight does not read. */
  private void skip(IpcField f, String where) {
    int own =
        switch (f.type()) {
          case Type.Null, Type.RunEndEncoded -> 0;
          case Type.Struct_, Type.FixedSizeList -> 1;
          case Type.Union -> f.unionMode() == 0 ? 1 : 2;
          case Type.Decimal,
              Type.Date,
              Type.Time,
              Type.Timestamp,
              Type.Interval,
              Type.FixedSizeBinary,
              Type.Duration,
              Type.Map,
              Type.LargeList ->
              2;
          case Type.Binary, Type.LargeBinary, Type.LargeUtf8, Type.ListView, Type.LargeListView ->
              3;
          case Type.BinaryView, Type.Utf8View -> {
            if (variadicAt >= variadic.length || variadic[variadicAt] < 0) {
              throw corrupt(where, "cannot load the batch (missing variadic buffer count)", null);
            }
            yield (int) Math.min(2 + variadic[variadicAt++], Integer.MAX_VALUE);
          }
          default ->
              throw new InputException(
                  source,
                  "schema",
                  "column '" + f.name() + "' has an unknown Arrow type (id " + f.type() + ")");
        };
    for (int i = 0; i < own; i++) {
      next(where);
    }
    skipChildren(f, where);
  }

  private void skipChildren(IpcField f, String where) {
    for (IpcField c : f.children()) {
      IpcColumn ignored = column(c, where);
    }
  }

  private ByteBuffer next(String where) {
    if (buffer >= buffers.length) {
      throw corrupt(where, "cannot load the batch (fewer buffers than the columns need)", null);
    }
    return buffers[buffer++];
  }

  void checkAllUsed(String where) {
    if (node != nodes.length || buffer != buffers.length) {
      throw corrupt(
          where,
          "cannot load the batch ("
              + nodes.length
              + " field nodes and "
              + buffers.length
              + " buffers for a schema that has "
              + node
              + " and "
              + buffer
              + ")",
          null);
    }
  }

  private InputException corrupt(String where, String what, Throwable cause) {
    return new InputException(source, where, "corrupt Arrow IPC file: " + what, cause);
  }
}
