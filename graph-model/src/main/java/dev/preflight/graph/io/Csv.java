package dev.preflight.graph.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one CSV writer of every Preflight output (history files, batch results, the report's
 * exports): RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180, section 2) with a comma separator and
 * {@code \n} line ends. A field is quoted when it holds the separator, a quote, CR or LF (rule 6 of
 * RFC 4180), or starts or ends with whitespace (which many readers trim otherwise: pandas' {@code
 * skipinitialspace}, Excel); a quote inside a quoted field is doubled (rule 7). A record whose only
 * field is empty is written as {@code ""}, not as a blank line a reader would skip (as CPython's
 * {@code csv} writer does, Modules/_csv.c {@code join_append}: "if this is the only field and it is
 * empty, quote it").
 *
 * <p>Fields are written as {@link String#valueOf} gives them, {@code null} as an empty field;
 * callers format numbers themselves ({@code Locale.ROOT}). {@link CsvReader} reads what this
 * writes. Not thread-safe; writes to an {@link Appendable}, by default a {@link StringBuilder}.
 */
public final class Csv {
  /** The field separator. */
  public static final char SEPARATOR = ',';

  private final Appendable out;
  private char commentChar;

  /** A writer into a new {@link StringBuilder}; {@link #toString} returns the text. */
  public Csv() {
    this(new StringBuilder());
  }

  /** A writer into {@code out} (an {@link IOException} is rethrown unchecked). */
  public Csv(Appendable out) {
    this.out = out;
  }

  /**
   * Also quotes a record's first field when it starts with {@code c}: for files whose reader skips
   * lines starting with a comment character ({@link CsvReader#commentChar}).
   */
  public Csv quoteLeading(char c) {
    this.commentChar = c;
    return this;
  }

  /** Appends one record. */
  public Csv row(Object... fields) {
    try {
      if (fields.length == 1 && text(fields[0]).isEmpty()) {
        out.append("\"\"\n");
        return this;
      }
      for (int i = 0; i < fields.length; i++) {
        String f = text(fields[i]);
        if (i > 0) {
          out.append(SEPARATOR);
        } else if (commentChar != 0 && !f.isEmpty() && f.charAt(0) == commentChar) {
          out.append('"').append(f.replace("\"", "\"\"")).append('"');
          continue;
        }
        out.append(quote(f));
      }
      out.append('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Appends one record from a list. */
  public Csv row(List<?> fields) {
    return row(fields.toArray());
  }

  /** {@code f} as one field: quoted and its quotes doubled if {@link #needsQuotes} says so. */
  public static String quote(String f) {
    return needsQuotes(f) ? '"' + f.replace("\"", "\"\"") + '"' : f;
  }

  /**
   * Whether {@code f} must be quoted: it holds the separator, a quote, CR or LF, or starts or ends
   * with whitespace.
   */
  public static boolean needsQuotes(String f) {
    int n = f.length();
    if (n == 0) {
      return false;
    }
    if (blank(f.charAt(0)) || blank(f.charAt(n - 1))) {
      return true;
    }
    for (int i = 0; i < n; i++) {
      char c = f.charAt(i);
      if (c == SEPARATOR || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  private static boolean blank(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static String text(Object o) {
    return o == null ? "" : String.valueOf(o);
  }

  /** The text written so far, when writing into the default {@link StringBuilder}. */
  @Override
  public String toString() {
    return out.toString();
  }
}
