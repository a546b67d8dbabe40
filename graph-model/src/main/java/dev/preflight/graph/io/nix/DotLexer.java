package dev.preflight.graph.io.nix;

import dev.preflight.graph.InputException;
import java.io.IOException;
import java.io.Reader;

/**
 * A tokenizer for the Graphviz DOT language as its grammar page defines it: identifiers, numerals,
 * double-quoted strings (with {@code \"} escapes and backslash-newline continuations), HTML strings
 * ({@code <…>}, nested), the punctuation {@code { } [ ] ; , = : + -> --}, and the three kinds of
 * comment ({@code //}, {@code /* *}{@code /}, and {@code #} lines, which DOT treats as C
 * preprocessor output). Streams its input: nothing but the current token is held in memory.
 *
 * <p>Every token carries its line and column (both 1-based), and errors name them. Not thread-safe.
 */
final class DotLexer {
  enum Kind {
    ID,
    LBRACE,
    RBRACE,
    LBRACKET,
    RBRACKET,
    SEMI,
    COMMA,
    EQUALS,
    COLON,
    PLUS,
    ARROW,
    DASHDASH,
    EOF
  }

  /** One token; {@code quoted} tells a {@code "keyword"} string from the keyword itself. */
  record Token(Kind kind, String text, boolean quoted, int line, int column) {
    String where() {
      return "line " + line + ", column " + column;
    }

    String describe() {
      return switch (kind) {
        case ID -> quoted ? "\"" + shorten(text) + "\"" : "'" + shorten(text) + "'";
        case EOF -> "the end of the file";
        default -> "'" + text + "'";
      };
    }

    private static String shorten(String s) {
      return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
  }

  private final Reader in;
  private final char[] buffer = new char[1 << 16];
  private int length;
  private int position;
  private int pushedBack = -2; // one character of look-ahead beyond the buffer logic
  private int line = 1;
  private int column = 0;
  private boolean atLineStart = true;

  DotLexer(Reader in) {
    this.in = in;
  }

  /** The next token; {@link Kind#EOF} at the end (and on every later call). */
  Token next() throws IOException {
    while (true) {
      int c = read();
      if (c < 0) {
        return new Token(Kind.EOF, "", false, line, column + 1);
      }
      if (c == '\n') {
        atLineStart = true;
        continue;
      }
      if (Character.isWhitespace(c) || c == '\uFEFF') {
        continue;
      }
      int tokenLine = line;
      int tokenColumn = column;
      boolean lineStart = atLineStart;
      atLineStart = false;
      switch (c) {
        case '#' -> {
          if (!lineStart) {
            throw new InputException(
                null,
                where(tokenLine, tokenColumn),
                "unexpected '#' (a '#' starts a comment line only at the start of a line)");
          }
          skipLine();
          continue;
        }
        case '/' -> {
          int d = peek();
          if (d == '/') {
            skipLine();
            continue;
          }
          if (d == '*') {
            read();
            skipBlockComment(tokenLine, tokenColumn);
            continue;
          }
          throw new InputException(null, where(tokenLine, tokenColumn), "unexpected '/'");
        }
        case '{' -> {
          return punct(Kind.LBRACE, "{", tokenLine, tokenColumn);
        }
        case '}' -> {
          return punct(Kind.RBRACE, "}", tokenLine, tokenColumn);
        }
        case '[' -> {
          return punct(Kind.LBRACKET, "[", tokenLine, tokenColumn);
        }
        case ']' -> {
          return punct(Kind.RBRACKET, "]", tokenLine, tokenColumn);
        }
        case ';' -> {
          return punct(Kind.SEMI, ";", tokenLine, tokenColumn);
        }
        case ',' -> {
          return punct(Kind.COMMA, ",", tokenLine, tokenColumn);
        }
        case '=' -> {
          return punct(Kind.EQUALS, "=", tokenLine, tokenColumn);
        }
        case ':' -> {
          return punct(Kind.COLON, ":", tokenLine, tokenColumn);
        }
        case '+' -> {
          return punct(Kind.PLUS, "+", tokenLine, tokenColumn);
        }
        case '"' -> {
          return quoted(tokenLine, tokenColumn);
        }
        case '<' -> {
          return html(tokenLine, tokenColumn);
        }
        case '-' -> {
          int d = peek();
          if (d == '>') {
            read();
            return punct(Kind.ARROW, "->", tokenLine, tokenColumn);
          }
          if (d == '-') {
            read();
            return punct(Kind.DASHDASH, "--", tokenLine, tokenColumn);
          }
          if (d == '.' || (d >= '0' && d <= '9')) {
            return numeral('-', tokenLine, tokenColumn);
          }
          throw new InputException(null, where(tokenLine, tokenColumn), "unexpected '-'");
        }
        default -> {
          if (c == '.' || (c >= '0' && c <= '9')) {
            return numeral((char) c, tokenLine, tokenColumn);
          }
          if (isIdStart(c)) {
            StringBuilder sb = new StringBuilder();
            sb.append((char) c);
            while (isIdPart(peek())) {
              sb.append((char) read());
            }
            return new Token(Kind.ID, sb.toString(), false, tokenLine, tokenColumn);
          }
          throw new InputException(
              null, where(tokenLine, tokenColumn), "unexpected character '" + printable(c) + "'");
        }
      }
    }
  }

  private static Token punct(Kind kind, String text, int line, int column) {
    return new Token(kind, text, false, line, column);
  }

  private Token quoted(int startLine, int startColumn) throws IOException {
    StringBuilder sb = new StringBuilder();
    while (true) {
      int c = read();
      if (c < 0) {
        throw new InputException(
            null,
            where(startLine, startColumn),
            "unterminated string (no closing '\"' before the end of the file)");
      }
      if (c == '"') {
        return new Token(Kind.ID, sb.toString(), true, startLine, startColumn);
      }
      if (c == '\\') {
        int d = read();
        if (d == '"') {
          sb.append('"');
        } else if (d == '\n') {
          continue; // line continuation
        } else if (d == '\r' && peek() == '\n') {
          read();
        } else if (d < 0) {
          throw new InputException(
              null,
              where(startLine, startColumn),
              "unterminated string (no closing '\"' before the end of the file)");
        } else {
          sb.append('\\').append((char) d); // other escapes are Graphviz's, kept as written
        }
        continue;
      }
      sb.append((char) c);
    }
  }

  private Token html(int startLine, int startColumn) throws IOException {
    StringBuilder sb = new StringBuilder();
    int depth = 1;
    while (true) {
      int c = read();
      if (c < 0) {
        throw new InputException(
            null,
            where(startLine, startColumn),
            "unterminated HTML string (no matching '>' before the end of the file)");
      }
      if (c == '<') {
        depth++;
      } else if (c == '>' && --depth == 0) {
        return new Token(Kind.ID, sb.toString(), true, startLine, startColumn);
      }
      sb.append((char) c);
    }
  }

  private Token numeral(char first, int startLine, int startColumn) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append(first);
    boolean dot = first == '.';
    while (true) {
      int c = peek();
      if (c >= '0' && c <= '9') {
        sb.append((char) read());
      } else if (c == '.' && !dot) {
        dot = true;
        sb.append((char) read());
      } else {
        break;
      }
    }
    String text = sb.toString();
    if (text.equals("-") || text.equals(".") || text.equals("-.")) {
      throw new InputException(
          null, where(startLine, startColumn), "malformed number '" + text + "'");
    }
    if (isIdStart(peek())) {
      // Graphviz splits "2abc" into two tokens with a warning; a file like that is not ours.
      throw new InputException(
          null,
          where(startLine, startColumn),
          "a number runs into a name ('" + text + (char) peek() + "...'); quote the identifier");
    }
    return new Token(Kind.ID, text, false, startLine, startColumn);
  }

  private void skipLine() throws IOException {
    while (true) {
      int c = peek();
      if (c < 0 || c == '\n') {
        return;
      }
      read();
    }
  }

  private void skipBlockComment(int startLine, int startColumn) throws IOException {
    int previous = -1;
    while (true) {
      int c = read();
      if (c < 0) {
        throw new InputException(
            null,
            where(startLine, startColumn),
            "unterminated comment (no closing '*/' before the end of the file)");
      }
      if (previous == '*' && c == '/') {
        return;
      }
      previous = c;
    }
  }

  private static boolean isIdStart(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
  }

  private static boolean isIdPart(int c) {
    return isIdStart(c) || (c >= '0' && c <= '9');
  }

  private static String printable(int c) {
    return c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c);
  }

  static String where(int line, int column) {
    return "line " + line + ", column " + column;
  }

  // ---------------------------------------------------------------- characters

  private int peek() throws IOException {
    if (pushedBack == -2) {
      pushedBack = rawRead();
    }
    return pushedBack;
  }

  private int read() throws IOException {
    int c;
    if (pushedBack != -2) {
      c = pushedBack;
      pushedBack = -2;
    } else {
      c = rawRead();
    }
    if (c == '\n') {
      line++;
      column = 0;
    } else if (c >= 0) {
      column++;
    }
    return c;
  }

  private int rawRead() throws IOException {
    if (position == length) {
      length = in.read(buffer, 0, buffer.length);
      position = 0;
      if (length <= 0) {
        length = 0;
        return -1;
      }
    }
    return buffer[position++];
  }
}
