package dev.preflight.graph.io;

import dev.preflight.graph.InputException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 records (https://www.rfc-editor.org/rfc/rfc4180, section 2), what {@link Csv}
 * writes: comma-separated fields, a field quoted with {@code "} may hold commas, quotes (doubled)
 * and line breaks; records end with LF, CRLF or CR. A quote opens a quoted field only as the
 * field's first character (elsewhere it is an ordinary character, as Python's {@code csv} module
 * reads it); text after a closing quote is an error, as is a quoted field still open at the end. A
 * UTF-8 byte-order mark at the start is skipped (Excel writes one). With a {@link #commentChar}, a
 * line starting with it is skipped. A blank line is a record of one empty field; callers skip it.
 *
 * <p>Errors are {@link InputException}s naming the source and the line the record starts on. Reads
 * in one pass with a 64 KiB buffer; not thread-safe.
 */
public final class CsvReader {
  private final Reader in;
  private final String source;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int len;
  private int line = 1;
  private int recordLine;
  private char commentChar;
  private boolean started;

  /**
   * @param in the text
   * @param source names the input in error messages; may be null
   */
  public CsvReader(Reader in, String source) {
    this.in = in;
    this.source = source;
  }

  public CsvReader(String text, String source) {
    this(new StringReader(text), source);
  }

  /** Skips lines that start with {@code c} (outside a quoted field). */
  public CsvReader commentChar(char c) {
    this.commentChar = c;
    return this;
  }

  /** The line (1-based) the record {@link #next} returned last starts on. */
  public int line() {
    return recordLine;
  }

  /**
   * The next record that is not a blank line (a record whose one field is empty or white space), or
   * null at the end of the input.
   */
  public List<String> nextNonBlank() {
    List<String> fields;
    do {
      fields = next();
    } while (fields != null && fields.size() == 1 && fields.get(0).isBlank());
    return fields;
  }

  /** The next record's fields, or null at the end of the input. */
  public List<String> next() {
    if (!started) {
      started = true;
      if (peek() == '\uFEFF') {
        pos++;
      }
    }
    while (commentChar != 0 && peek() == commentChar) {
      int c;
      while ((c = read()) >= 0 && c != '\n' && c != '\r') {
        // skip the comment
      }
      endOfLine(c);
    }
    if (peek() < 0) {
      return null;
    }
    int startLine = line;
    recordLine = line;
    List<String> fields = new ArrayList<>(8);
    StringBuilder field = new StringBuilder();
    while (true) {
      int c = read();
      if (c == '"' && field.length() == 0) {
        quoted(field, startLine);
        c = read();
        if (c >= 0 && c != Csv.SEPARATOR && c != '\n' && c != '\r') {
          throw new InputException(source, "line " + startLine, "text after a closing quote");
        }
      } else {
        while (c >= 0 && c != Csv.SEPARATOR && c != '\n' && c != '\r') {
          field.append((char) c);
          c = read();
        }
      }
      fields.add(field.toString());
      field.setLength(0);
      if (c != Csv.SEPARATOR) {
        endOfLine(c);
        return fields;
      }
    }
  }

  /** Reads a quoted field's content after its opening quote, up to and with the closing quote. */
  private void quoted(StringBuilder field, int startLine) {
    while (true) {
      int c = read();
      if (c < 0) {
        throw new InputException(source, "line " + startLine, "unterminated quoted field");
      }
      if (c == '"') {
        if (peek() != '"') {
          return;
        }
        pos++;
      } else if (c == '\n' || (c == '\r' && peek() != '\n')) {
        line++;
      }
      field.append((char) c);
    }
  }

  private void endOfLine(int c) {
    if (c == '\r' && peek() == '\n') {
      pos++;
    }
    if (c >= 0) {
      line++;
    }
  }

  private int read() {
    int c = peek();
    if (c >= 0) {
      pos++;
    }
    return c;
  }

  private int peek() {
    if (pos >= len) {
      try {
        len = in.read(buf, 0, buf.length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      pos = 0;
      if (len <= 0) {
        len = 0;
        return -1;
      }
    }
    return buf[pos];
  }
}
