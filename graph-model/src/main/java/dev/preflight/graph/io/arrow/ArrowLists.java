package dev.preflight.graph.io.arrow;

import dev.preflight.graph.CsrGraph;
import dev.preflight.graph.InputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Helpers for Arrow list and categorical columns accumulated over record batches. */
final class ArrowLists {
  private ArrowLists() {}

  /** A list column accumulated over batches into CSR offsets: what both kinds of list share. */
  private abstract static class Lists {
    final String source;
    final String column;
    int[] offsets = new int[1025];
    int count;

    Lists(String source, String column) {
      this.source = source;
      this.column = column;
    }

    /** Room for the offsets of rows {@code at} to {@code at + rows}. */
    void growOffsets(int at, int rows) {
      if (offsets.length < at + rows + 1) {
        offsets = Arrays.copyOf(offsets, Math.max(at + rows + 1, 2 * offsets.length));
      }
    }

    int[] offsets(int n) {
      return Arrays.copyOf(offsets, n + 1);
    }
  }

  /** A {@code list<utf8>} column accumulated over batches into CSR offsets and values. */
  static final class StringLists extends Lists {
    private String[] values = new String[16];

    StringLists(String source, String column) {
      super(source, column);
    }

    void read(IpcColumn v, int at, int rows, String where) {
      growOffsets(at, rows);
      if (rows == 0) {
        return;
      }
      IpcColumn items = v.child;
      int[] o = v.offsets(rows, items.length, source, where);
      String[] all = new String[o[rows]];
      items.strings(o[rows], all, 0, source, where);
      for (int r = 0; r < rows; r++) {
        if (!v.isNull(r)) {
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

    String[] values() {
      return Arrays.copyOf(values, count);
    }
  }

  /** A {@code list<int32>} column (a relation) accumulated over batches into a CSR graph. */
  static final class IntLists extends Lists {
    private int[] values = new int[16];

    IntLists(String source, String column) {
      super(source, column);
    }

    void read(IpcColumn v, int at, int rows, String where) {
      growOffsets(at, rows);
      if (rows == 0) {
        return;
      }
      IpcColumn items = v.child;
      if (items.nullCount > 0) {
        throw new InputException(source, where, "column '" + column + "' holds a null node index");
      }
      int[] o = v.offsets(rows, items.length, source, where);
      java.nio.IntBuffer item = items.values().asIntBuffer();
      for (int r = 0; r < rows; r++) {
        if (!v.isNull(r)) {
          for (int p = o[r]; p < o[r + 1]; p++) {
            if (count == values.length) {
              values = Arrays.copyOf(values, 2 * count);
            }
            values[count++] = item.get(p);
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
