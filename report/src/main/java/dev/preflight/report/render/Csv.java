package dev.preflight.report.render;

import java.util.List;

/** RFC 4180 CSV: comma-separated, fields quoted when they need it, CRLF-free (LF) line ends. */
public final class Csv {
  private final StringBuilder sb = new StringBuilder();

  /** Appends one record. */
  public Csv row(Object... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(quote(String.valueOf(fields[i])));
    }
    sb.append('\n');
    return this;
  }

  /** Appends one record from a list. */
  public Csv row(List<?> fields) {
    return row(fields.toArray());
  }

  /** A field, quoted if it holds a comma, quote, CR or LF, or starts/ends with a space. */
  public static String quote(String f) {
    boolean needs =
        f.indexOf(',') >= 0
            || f.indexOf('"') >= 0
            || f.indexOf('\n') >= 0
            || f.indexOf('\r') >= 0
            || (!f.isEmpty() && (f.charAt(0) == ' ' || f.charAt(f.length() - 1) == ' '));
    return needs ? '"' + f.replace("\"", "\"\"") + '"' : f;
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
