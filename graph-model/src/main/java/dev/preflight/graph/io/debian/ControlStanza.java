package dev.preflight.graph.io.debian;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One stanza (paragraph) of a deb822 control file: its fields in file order, each with the line it
 * starts on. Field names are matched case-insensitively, as Debian Policy §5.1 says. A multi-line
 * value keeps its line breaks: continuation lines follow a {@code \n} with their first space or tab
 * removed, and a continuation line of only dots loses one dot (so {@code " ."} is an empty line),
 * exactly as dpkg stores them.
 *
 * <p>Immutable.
 */
public final class ControlStanza {
  private final int number;
  private final int line;
  private final String[] names;
  private final String[] keys;
  private final String[] values;
  private final int[] lines;

  ControlStanza(int number, int line, List<String> names, List<String> values, int[] lines) {
    this.number = number;
    this.line = line;
    this.names = names.toArray(new String[0]);
    this.values = values.toArray(new String[0]);
    this.lines = lines;
    this.keys = new String[this.names.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = this.names[i].toLowerCase(Locale.ROOT);
    }
  }

  /** The 1-based position of this stanza in its file. */
  public int number() {
    return number;
  }

  /** The line the stanza starts on (1-based). */
  public int line() {
    return line;
  }

  /** The value of a field (case-insensitive name), or null if the stanza does not have it. */
  public String get(String field) {
    int i = indexOf(field);
    return i < 0 ? null : values[i];
  }

  /** The line a field starts on, or -1 if the stanza does not have it. */
  public int lineOf(String field) {
    int i = indexOf(field);
    return i < 0 ? -1 : lines[i];
  }

  /** The value with line breaks and runs of whitespace folded to single spaces, or null. */
  public String folded(String field) {
    String v = get(field);
    return v == null ? null : v.replaceAll("\\s+", " ").strip();
  }

  /** The field names in file order, as written. */
  public List<String> fieldNames() {
    return Collections.unmodifiableList(new ArrayList<>(List.of(names)));
  }

  /** {@code line N (stanza K)}: where the stanza starts, for error messages. */
  public String location() {
    return location(line, number);
  }

  /** {@code line N (stanza K)} for the line a field starts on (the stanza's line if absent). */
  public String location(String field) {
    int l = lineOf(field);
    return location(l < 0 ? line : l, number);
  }

  static String location(int line, int stanza) {
    return "line " + line + " (stanza " + stanza + ")";
  }

  private int indexOf(String field) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equalsIgnoreCase(field)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      sb.append(names[i]).append(':');
      String[] ls = values[i].split("\n", -1);
      if (!ls[0].isEmpty()) {
        sb.append(' ').append(ls[0]);
      }
      sb.append('\n');
      for (int k = 1; k < ls.length; k++) {
        // dpkg drops one dot from all-dot lines, so write one more back.
        boolean dots = ls[k].chars().allMatch(c -> c == '.');
        sb.append(' ').append(dots ? "." + ls[k] : ls[k]).append('\n');
      }
    }
    return sb.toString();
  }
}
