package dev.preflight.report.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An aligned plain-text table: a header row, data rows, columns right-aligned when numeric. Columns
 * wider than the terminal allows are truncated with an ellipsis, the widest first.
 */
public final class TextTable {
  private final String[] header;
  private final boolean[] numeric;
  private final List<String[]> rows = new ArrayList<>();

  /** A table with these column names; a name ending in {@code >} marks a right-aligned column. */
  public TextTable(String... header) {
    this.header = new String[header.length];
    this.numeric = new boolean[header.length];
    for (int i = 0; i < header.length; i++) {
      boolean right = header[i].endsWith(">");
      this.header[i] = right ? header[i].substring(0, header[i].length() - 1) : header[i];
      this.numeric[i] = right;
    }
  }

  /** Adds a row; values are rendered with {@link String#valueOf}. */
  public TextTable row(Object... values) {
    if (values.length != header.length) {
      throw new IllegalArgumentException(
          "row has " + values.length + " values, table has " + header.length + " columns");
    }
    String[] r = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      r[i] = Cells.clean(String.valueOf(values[i]));
    }
    rows.add(r);
    return this;
  }

  public int rowCount() {
    return rows.size();
  }

  /** Renders with columns fitted into {@code maxWidth} characters (0 = unlimited). */
  public String render(int maxWidth) {
    int n = header.length;
    int[] width = new int[n];
    for (int i = 0; i < n; i++) {
      width[i] = header[i].length();
    }
    for (String[] r : rows) {
      for (int i = 0; i < n; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    if (maxWidth > 0) {
      int total = Arrays.stream(width).sum() + 2 * (n - 1);
      while (total > maxWidth) {
        int widest = 0;
        for (int i = 1; i < n; i++) {
          if (width[i] > width[widest]) {
            widest = i;
          }
        }
        if (width[widest] <= 8) {
          break;
        }
        width[widest]--;
        total--;
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, header, width);
    String[] rule = new String[n];
    for (int i = 0; i < n; i++) {
      rule[i] = "-".repeat(width[i]);
    }
    line(sb, rule, width);
    for (String[] r : rows) {
      line(sb, r, width);
    }
    return sb.toString();
  }

  private void line(StringBuilder sb, String[] cells, int[] width) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String c = fit(cells[i], width[i]);
      String pad = " ".repeat(width[i] - c.length());
      if (i > 0) {
        l.append("  ");
      }
      l.append(numeric[i] ? pad + c : c + (i == cells.length - 1 ? "" : pad));
    }
    sb.append(l.toString().stripTrailing()).append('\n');
  }

  private static String fit(String s, int width) {
    return s.length() <= width ? s : s.substring(0, Math.max(0, width - 1)) + "…";
  }

  /**
   * The width to fit tables into: {@code $COLUMNS} when stdout is a terminal, else 0 (unlimited:
   * output into a pipe or a file is never truncated).
   */
  public static int terminalWidth() {
    return widthFor(System.getenv("COLUMNS"), Terminal.stdout());
  }

  /**
   * The rule itself.
   *
   * @param cols the value of {@code $COLUMNS}, or null when unset
   * @param terminal whether stdout is a terminal
   * @return at least 40 columns on a terminal that states its width, else 0 (unlimited)
   */
  public static int widthFor(String cols, boolean terminal) {
    if (terminal && cols != null) {
      try {
        return Math.max(40, Integer.parseInt(cols.trim()));
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }
}
