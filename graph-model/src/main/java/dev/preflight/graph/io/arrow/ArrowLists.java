package dev.preflight.graph.io.arrow;

import dev.preflight.graph.CsrGraph;
import dev.preflight.graph.InputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;

/** Helpers for Arrow list and categorical columns accumulated over record batches. */
final class ArrowLists {
  private ArrowLists() {}

  /** A {@code list<utf8>} column accumulated over batches into CSR offsets and values. */
  static final class StringLists {
    private final String source;
    private final String column;
    private int[] offsets = new int[1025];
    private String[] values = new String[16];
    private int count;

    StringLists(String source, String column) {
      this.source = source;
      this.column = column;
    }

    void read(ListVector v, int at, int rows, String where) {
      if (offsets.length < at + rows + 1) {
        offsets = Arrays.copyOf(offsets, Math.max(at + rows + 1, 2 * offsets.length));
      }
      if (rows == 0) {
        return;
      }
      VarCharVector items = (VarCharVector) v.getDataVector();
      int[] o = listOffsets(v, rows, items.getValueCount(), source, where, column);
      String[] all = new String[o[rows]];
      if (o[rows] > 0) {
        stringsOf(items, o[rows], all, source, where, column);
      }
      boolean nulls = v.getNullCount() > 0;
      for (int r = 0; r < rows; r++) {
        if (!(nulls && v.isNull(r))) {
          for (int p = o[r]; p < o[r + 1]; p++) {
            if (all[p] == null || all[p].isEmpty()) {
              throw new InputException(
                  source,
                  where + ", row " + (r + 1),
                  "column '" + column + "' holds an empty value");
            }
            if (count == values.length) {
              values = Arrays.copyOf(values, 2 * count);
            }
            values[count++] = all[p];
          }
        }
        offsets[at + r + 1] = count;
      }
    }

    int[] offsets(int n) {
      return Arrays.copyOf(offsets, n + 1);
    }

    String[] values() {
      return Arrays.copyOf(values, count);
    }
  }

  /** A {@code list<int32>} column (a relation) accumulated over batches into a CSR graph. */
  static final class IntLists {
    private final String source;
    private final String column;
    private int[] offsets = new int[1025];
    private int[] values = new int[16];
    private int count;

    IntLists(String source, String column) {
      this.source = source;
      this.column = column;
    }

    void read(ListVector v, int at, int rows, String where) {
      if (offsets.length < at + rows + 1) {
        offsets = Arrays.copyOf(offsets, Math.max(at + rows + 1, 2 * offsets.length));
      }
      if (rows == 0) {
        return;
      }
      IntVector items = (IntVector) v.getDataVector();
      if (items.getNullCount() > 0) {
        throw new InputException(source, where, "column '" + column + "' holds a null node index");
      }
      int[] o = listOffsets(v, rows, items.getValueCount(), source, where, column);
      boolean nulls = v.getNullCount() > 0;
      for (int r = 0; r < rows; r++) {
        if (!(nulls && v.isNull(r))) {
          for (int p = o[r]; p < o[r + 1]; p++) {
            if (count == values.length) {
              values = Arrays.copyOf(values, 2 * count);
            }
            values[count++] = items.get(p);
          }
        }
        offsets[at + r + 1] = count;
      }
    }

    CsrGraph graph(int n) {
      int[] o = Arrays.copyOf(offsets, n + 1);
      for (int p = 0; p < count; p++) {
        if (values[p] < 0 || values[p] >= n) {
          throw new InputException(
              source, "column '" + column + "'", "node index " + values[p] + " out of range");
        }
      }
      return CsrGraph.fromInputs(o, Arrays.copyOf(values, count));
    }
  }

  /** A list vector's first {@code rows + 1} offsets, checked to be monotone and inside the data. */
  static int[] listOffsets(
      ListVector v, int rows, long limit, String source, String where, String column) {
    int[] o = new int[rows + 1];
    for (int r = 0; r <= rows; r++) {
      o[r] = v.getOffsetBuffer().getInt(4L * r);
    }
    if (o[0] < 0 || o[rows] > limit) {
      throw new InputException(source, where, "column '" + column + "': offsets out of range");
    }
    for (int r = 0; r < rows; r++) {
      if (o[r + 1] < o[r]) {
        throw new InputException(
            source, where + ", row " + (r + 1), "column '" + column + "': offsets decrease");
      }
    }
    return o;
  }

  /** The first {@code count} strings of a varchar vector (nulls stay null). */
  static void stringsOf(
      VarCharVector v, int count, String[] out, String source, String where, String column) {
    for (int i = 0; i < count; i++) {
      byte[] b = v.isNull(i) ? null : v.get(i);
      out[i] = b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
  }

  /** Distinct strings of a categorical column, numbered in order of first sight. */
  static final class Categories {
    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> words = new ArrayList<>();
    private int[] rank;

    int code(String word) {
      Integer c = codes.get(word);
      if (c == null) {
        c = words.size();
        codes.put(word, c);
        words.add(word);
      }
      return c;
    }

    int size() {
      return words.size();
    }

    String word(int code) {
      return words.get(code);
    }

    /** The sorted distinct words that {@code refs[0..count)} use; prepares the remapping. */
    String[] sortedUsed(int[] refs, int count) {
      boolean[] used = new boolean[words.size()];
      for (int i = 0; i < count; i++) {
        used[refs[i]] = true;
      }
      TreeSet<String> sorted = new TreeSet<>();
      for (int c = 0; c < used.length; c++) {
        if (used[c]) {
          sorted.add(words.get(c));
        }
      }
      String[] table = sorted.toArray(new String[0]);
      Map<String, Integer> position = new HashMap<>();
      for (int i = 0; i < table.length; i++) {
        position.put(table[i], i);
      }
      rank = new int[words.size()];
      for (int c = 0; c < used.length; c++) {
        rank[c] = used[c] ? position.get(words.get(c)) : -1;
      }
      return table;
    }

    short[] remapToShort(int[] refs, int count, String source, String column) {
      short[] out = new short[count];
      for (int i = 0; i < count; i++) {
        int r = rank[refs[i]];
        if (r > Short.MAX_VALUE) {
          throw new InputException(
              source,
              "column '" + column + "'",
              "more than " + Short.MAX_VALUE + " distinct values");
        }
        out[i] = (short) r;
      }
      return out;
    }
  }
}
