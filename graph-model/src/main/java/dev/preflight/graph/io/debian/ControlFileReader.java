package dev.preflight.graph.io.debian;

import dev.preflight.graph.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Streams the stanzas of a deb822 control file (Debian Policy §5.1): {@code Sources}, {@code
 * Packages}, {@code debian/control}, plain or compressed with gzip, xz, bzip2 or zstd (told by the
 * first bytes, see {@link CompressedInput}).
 *
 * <p>Syntax, as dpkg's {@code Dpkg::Control::HashCore} reads it: stanzas are separated by one or
 * more blank lines (lines of only spaces and tabs count as blank); a field is {@code Name: value}
 * at the start of a line; a line starting with a space or tab continues the previous field;
 * trailing whitespace is ignored. Lines starting with {@code #} are comments only where Policy
 * allows them, in {@code debian/control} ({@link Comments#ALLOWED}); in archive indices they are
 * errors. Errors name the file and {@code line N (stanza K)}: a line that is neither a field nor a
 * continuation, a continuation before any field, an invalid or duplicate field name, and compressed
 * data that ends early or is corrupt.
 *
 * <p>Memory: one stanza at a time; fields not asked for are checked but not stored. Not
 * thread-safe.
 */
public final class ControlFileReader implements AutoCloseable {

  /** Whether {@code #} comment lines are allowed. */
  public enum Comments {
    /** {@code debian/control}: comment lines are skipped. */
    ALLOWED,
    /** Archive indices ({@code Sources}, {@code Packages}): a comment line is an error. */
    FORBIDDEN
  }

  private final CompressedInput input;
  private final BufferedReader reader;
  private final String fileName;
  private final Comments comments;
  private final Set<String> keep;

  private int lineNumber;
  private int stanzas;
  private boolean finished;
  private String sha256;

  // Reused per stanza.
  private final List<String> names = new ArrayList<>();
  private final List<String> values = new ArrayList<>();
  private int[] fieldLines = new int[32];
  private final Set<String> seen = new HashSet<>();
  private final StringBuilder current = new StringBuilder();

  private ControlFileReader(CompressedInput input, Comments comments, Set<String> keepFields) {
    this.input = input;
    this.fileName = input.file().toString();
    this.comments = comments;
    this.keep = keepFields == null ? null : lowerCase(keepFields);
    this.reader =
        new BufferedReader(new InputStreamReader(input.data(), StandardCharsets.UTF_8), 1 << 16);
  }

  /**
   * Opens a control file.
   *
   * @param keepFields the field names to store (case-insensitive), or null for all
   * @throws InputException if the file cannot be opened or its compression is not supported
   */
  public static ControlFileReader open(Path file, Comments comments, Set<String> keepFields) {
    return new ControlFileReader(CompressedInput.open(file), comments, keepFields);
  }

  /** Opens a control file and keeps every field. */
  public static ControlFileReader open(Path file, Comments comments) {
    return open(file, comments, null);
  }

  /** Reads every stanza of a file (for small files and tests). */
  public static List<ControlStanza> readAll(Path file, Comments comments) {
    List<ControlStanza> out = new ArrayList<>();
    try (ControlFileReader r = open(file, comments)) {
      for (ControlStanza s = r.next(); s != null; s = r.next()) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * The next stanza, or null at the end of the file.
   *
   * @throws InputException on a syntax error or corrupt compressed data
   */
  public ControlStanza next() {
    if (finished) {
      return null;
    }
    names.clear();
    values.clear();
    seen.clear();
    current.setLength(0);
    int fields = 0; // fields seen in this stanza, stored or not
    boolean storing = false; // whether the current field is being stored
    int startLine = -1;
    while (true) {
      String line = readLine();
      if (line == null) {
        finished = true;
        sha256 = input.finishSha256();
        if (fields == 0) {
          return null;
        }
        break;
      }
      int end = trimmedEnd(line);
      if (end == 0) {
        if (fields == 0) {
          continue; // blank lines between stanzas
        }
        break;
      }
      char first = line.charAt(0);
      if (first == '#') {
        if (comments == Comments.ALLOWED) {
          continue;
        }
        throw error(
            "comment lines are only allowed in debian/control files, not in an archive index");
      }
      if (first == ' ' || first == '\t') {
        if (fields == 0) {
          throw error("continuation line (starting with a space or tab) before any field");
        }
        if (storing) {
          String content = line.substring(1, end);
          current.append('\n').append(isAllDots(content) ? content.substring(1) : content);
        }
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw error(
            "'"
                + abbreviate(line.substring(0, end))
                + "' is neither a field ('Name: value') nor a continuation line"
                + " (which starts with a space or tab)");
      }
      String name = line.substring(0, trimmedEnd(line.substring(0, colon)));
      checkFieldName(name);
      String key = name.toLowerCase(Locale.ROOT);
      if (!seen.add(key)) {
        throw error("duplicate field '" + name + "' in one stanza");
      }
      if (fields == 0) {
        startLine = lineNumber;
      }
      if (storing) {
        values.add(current.toString());
      }
      fields++;
      storing = keep == null || keep.contains(key);
      if (storing) {
        if (names.size() == fieldLines.length) {
          fieldLines = Arrays.copyOf(fieldLines, fieldLines.length * 2);
        }
        fieldLines[names.size()] = lineNumber;
        names.add(name);
        current.setLength(0);
        current.append(line, skipSpace(line, colon + 1, end), end);
      }
    }
    if (storing) {
      values.add(current.toString());
    }
    stanzas++;
    return new ControlStanza(
        stanzas, startLine, names, values, Arrays.copyOf(fieldLines, names.size()));
  }

  /** Stanzas returned so far. */
  public int stanzaCount() {
    return stanzas;
  }

  /** Lines read so far. */
  public int lineCount() {
    return lineNumber;
  }

  /** The SHA-256 of the file as stored (compressed), lower-case hex; only after the last stanza. */
  public String sha256() {
    if (sha256 == null) {
      throw new IllegalStateException("the digest is known only after the whole file was read");
    }
    return sha256;
  }

  /** The compression the file's first bytes showed. */
  public String compression() {
    return input.compression().label();
  }

  @Override
  public void close() {
    input.close();
  }

  private String readLine() {
    try {
      String line = reader.readLine();
      if (line != null) {
        lineNumber++;
      }
      return line;
    } catch (IOException e) {
      String what =
          input.compression() == dev.preflight.graph.io.Decompression.Compression.PLAIN
              ? "cannot read: " + e.getMessage()
              : "truncated or corrupt "
                  + input.compression().label()
                  + " data ("
                  + (e instanceof java.io.EOFException
                      ? "the file ends in the middle of the compressed stream"
                      : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                  + ")";
      // Cut off before the first whole line, "after line 0" would only puzzle.
      throw new InputException(
          fileName, lineNumber == 0 ? null : "after line " + lineNumber, what, e);
    }
  }

  private InputException error(String what) {
    return new InputException(fileName, ControlStanza.location(lineNumber, stanzas + 1), what);
  }

  /** Debian Policy §5.1: printable US-ASCII except space and colon, not starting with # or -. */
  private void checkFieldName(String name) {
    if (name.isEmpty()) {
      throw error("a line starting with ':' has no field name");
    }
    if (name.charAt(0) == '-') {
      throw error("field name '" + abbreviate(name) + "' starts with a hyphen");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c > '~') {
        throw error(
            "'"
                + abbreviate(name)
                + "' is not a field name (printable ASCII without spaces before the ':')");
      }
    }
  }

  private static int trimmedEnd(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
      end--;
    }
    return end;
  }

  private static int skipSpace(String s, int p, int end) {
    while (p < end && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
      p++;
    }
    return p;
  }

  private static boolean isAllDots(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != '.') {
        return false;
      }
    }
    return true;
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  private static Set<String> lowerCase(Set<String> names) {
    Set<String> out = new HashSet<>();
    for (String n : names) {
      out.add(n.toLowerCase(Locale.ROOT));
    }
    return out;
  }
}
