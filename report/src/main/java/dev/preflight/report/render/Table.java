package dev.preflight.report.render;

import dev.preflight.graph.InputException;
import dev.preflight.graph.Names;
import dev.preflight.graph.io.Csv;
import dev.preflight.report.Fmt;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rectangular table of an export: typed columns and rows, rendered by {@link #csv} or {@link
 * ArrowTable}. A report exports several tables of different shapes (a curve, a series, per-pool
 * totals); each is its own rectangle, so every CSV loads without options and every Arrow file has a
 * real schema.
 *
 * @param name the name {@code --table} selects it by
 * @param columns the columns, in order
 * @param rows the rows; each as long as {@code columns}, values of the column's type or null
 */
public record Table(String name, List<Column> columns, List<List<Object>> rows) {

  /** A column's type: what Arrow stores it as, and how CSV writes it. */
  public enum Type {
    /** utf8 */
    STRING,
    /** int64 */
    LONG,
    /** float64; CSV rounds to the column's decimals */
    DOUBLE,
    /** bool; CSV {@code true}/{@code false} */
    BOOL
  }

  /**
   * One column.
   *
   * @param decimals for {@link Type#DOUBLE}: places CSV rounds to (Arrow keeps the full value)
   */
  public record Column(String name, Type type, int decimals) {
    public static Column string(String name) {
      return new Column(name, Type.STRING, 0);
    }

    public static Column integer(String name) {
      return new Column(name, Type.LONG, 0);
    }

    public static Column decimal(String name, int decimals) {
      return new Column(name, Type.DOUBLE, decimals);
    }

    public static Column bool(String name) {
      return new Column(name, Type.BOOL, 0);
    }
  }

  public Table {
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (List<Object> r : rows) {
      if (r.size() != columns.size()) {
        throw new IllegalArgumentException(
            "table " + name + ": row of " + r.size() + " for " + columns.size() + " columns");
      }
      copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(r)));
    }
    rows = java.util.Collections.unmodifiableList(copy);
  }

  /** A table with these columns whose rows come one at a time through {@link Builder#row}. */
  public static Builder builder(String name, Column... columns) {
    return new Builder(name, Arrays.asList(columns));
  }

  /** Collects rows. */
  public static final class Builder {
    private final String name;
    private final List<Column> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    private Builder(String name, List<Column> columns) {
      this.name = name;
      this.columns = columns;
    }

    public Builder row(Object... values) {
      rows.add(Arrays.asList(values));
      return this;
    }

    public Table build() {
      return new Table(name, columns, rows);
    }
  }

  /** RFC 4180 CSV with a header; doubles as plain decimals, nulls as empty fields. */
  public String csv() {
    Csv csv = new Csv().row(columns.stream().map(Column::name).toList());
    for (List<Object> r : rows) {
      List<String> cells = new ArrayList<>(r.size());
      for (int i = 0; i < r.size(); i++) {
        cells.add(cell(columns.get(i), r.get(i)));
      }
      csv.row(cells);
    }
    return csv.toString();
  }

  private static String cell(Column c, Object v) {
    if (v == null) {
      return "";
    }
    if (c.type() == Type.DOUBLE) {
      return plain(((Number) v).doubleValue(), c.decimals());
    }
    return String.valueOf(v);
  }

  /** {@code x} rounded to {@code decimals} places, without trailing zeros or an exponent. */
  public static String plain(double x, int decimals) {
    if (!Double.isFinite(x)) {
      return "";
    }
    BigDecimal d = BigDecimal.valueOf(Fmt.round(x, decimals)).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }

  /** The tables by name, in order. */
  public static Map<String, Table> byName(List<Table> tables) {
    Map<String, Table> m = new LinkedHashMap<>();
    for (Table t : tables) {
      m.put(t.name(), t);
    }
    return m;
  }

  /**
   * The table named {@code name} among {@code tables}.
   *
   * @throws InputException naming the word and the known tables
   */
  public static Table select(List<Table> tables, String name) {
    for (Table t : tables) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    throw Names.unknown("--table", name, tables.stream().map(Table::name).toList());
  }
}
