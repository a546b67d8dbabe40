package dev.preflight.graph.io;

import java.util.ArrayList;
import java.util.List;

/**
 * The TSV graph's escaping ({@link TsvGraphFormat}): a backslash escapes tab, newline, carriage
 * return and backslash (as PostgreSQL's {@code COPY ... TEXT} format does), and, inside a list
 * field, the comma; a leading {@code #} is escaped so no data line reads as a comment.
 */
final class TsvEscapes {
  private TsvEscapes() {}

  static String escapeFirst(String s) {
    String e = escape(s, false);
    return e.startsWith("#") ? "\\" + e : e;
  }

  static String escape(String s, boolean inList) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String r =
          switch (c) {
            case '\\' -> "\\\\";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case ',' -> inList ? "\\," : null;
            default -> null;
          };
      if (r != null && sb == null) {
        sb = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (sb != null) {
        if (r != null) {
          sb.append(r);
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? s : sb.toString();
  }

  /** Undoes {@link #escape}; unknown escapes stay as written. */
  static String unescape(String s) {
    int at = s.indexOf('\\');
    if (at < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length()).append(s, 0, at);
    for (int i = at; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        sb.append(c);
        continue;
      }
      char next = s.charAt(i + 1);
      switch (next) {
        case '\\' -> sb.append('\\');
        case 't' -> sb.append('\t');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case ',' -> sb.append(',');
        case '#' -> sb.append('#');
        default -> sb.append(c).append(next);
      }
      i++;
    }
    return sb.toString();
  }

  /** Splits a list field on unescaped commas and unescapes each item; empty field = no items. */
  static List<String> splitList(String field) {
    if (field.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ',') {
        out.add(unescape(field.substring(start, i)));
        start = i + 1;
      }
    }
    out.add(unescape(field.substring(start)));
    return out;
  }

  // ---------------------------------------------------------------- reading

}
