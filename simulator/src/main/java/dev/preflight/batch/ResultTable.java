package dev.preflight.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A computed result as a table, for the output formats to render: typed columns and rows of values
 * ({@code null} where a value is absent). Results are computed once into records; this is only
 * their tabular shape (STYLE.md habit 7).
 *
 * @param columns the columns, in output order
 * @param rows one array per row, values matching the columns' types
 */
public record ResultTable(List<Column> columns, List<Object[]> rows) {

  /** A column's value type. */
  public enum Type {
    /** {@link String} values. */
    STRING,
    /** {@link Long} values. */
    LONG,
    /** {@link Double} values; NaN is written as absent. */
    DOUBLE,
    /**
     * {@code List<String>} values: a Parquet {@code LIST} of strings, an Arrow {@code List<Utf8>},
     * in CSV the elements joined with {@code ;} (as the batch input's CSV lists its changes).
     */
    STRING_LIST
  }

  /**
   * A named, typed column.
   *
   * @param name the column name
   * @param type the value type
   */
  public record Column(String name, Type type) {
    public Column {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  public ResultTable {
    columns = List.copyOf(columns);
    rows = Collections.unmodifiableList(new ArrayList<>(rows));
    for (Object[] row : rows) {
      if (row.length != columns.size()) {
        throw new IllegalArgumentException(
            "row has " + row.length + " values for " + columns.size() + " columns");
      }
      for (int c = 0; c < row.length; c++) {
        Object v = row[c];
        boolean ok =
            v == null
                || switch (columns.get(c).type()) {
                  case STRING -> v instanceof String;
                  case LONG -> v instanceof Long;
                  case DOUBLE -> v instanceof Double;
                  case STRING_LIST ->
                      v instanceof List<?> l && l.stream().allMatch(e -> e instanceof String);
                };
        if (!ok) {
          throw new IllegalArgumentException(
              "column " + columns.get(c).name() + " cannot hold " + v.getClass().getSimpleName());
        }
      }
    }
  }

  /** Index of the column with this name, or -1. */
  public int columnIndex(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The absent-aware value of a double cell: null for null and NaN. */
  static Double present(Object v) {
    return v == null || ((Double) v).isNaN() ? null : (Double) v;
  }
}
