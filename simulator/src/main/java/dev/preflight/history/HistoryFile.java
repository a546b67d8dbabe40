package dev.preflight.history;

import dev.preflight.graph.InputException;
import dev.preflight.graph.io.Csv;
import dev.preflight.graph.io.CsvReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the history CSV of DESIGN.md §5: a header naming the columns {@code id}, {@code seconds},
 * {@code status}, {@code finishedAt} (any order, other columns ignored), then one row per past
 * build.
 *
 * <ul>
 *   <li>{@code id}: the node: its id (a drv path), its job or attribute with the system ({@code
 *       curl.x86_64-linux}), {@code name@system}, or a bare name on a one-system graph ({@link
 *       History#bind}); required.
 *   <li>{@code seconds}: build duration, a number {@code >= 0}; may be empty (e.g. a
 *       dependency-failed build that never ran).
 *   <li>{@code status}: a {@link BuildResult} word ({@code success}, {@code failed}, {@code
 *       dependency-failed}, {@code timeout}, {@code cached-failure}, {@code aborted}).
 *   <li>{@code finishedAt}: ISO-8601 ({@code 2026-11-02T10:15:00Z}, with an offset, a local date
 *       time or a date, both read as UTC) or epoch seconds (fractions are dropped); required.
 * </ul>
 *
 * <p>Fields may be quoted with {@code "} (RFC 4180, {@code ""} inside quotes); blank lines and
 * lines starting with {@code #} are skipped. Every problem is an {@link InputException} naming the
 * file and line. Reading is {@code O(rows)} plus sorting rows per id by time (stable: rows finished
 * at the same second keep their file order).
 */
public final class HistoryFile {
  /** The columns a history file must have. */
  public static final List<String> COLUMNS = List.of("id", "seconds", "status", "finishedAt");

  private HistoryFile() {}

  /**
   * Reads a history file: the CSV above, or Hydra's JSON list of builds ({@link HydraBuilds}) when
   * the name ends in {@code .json} or the first character is {@code [}.
   */
  public static History read(Path file) {
    dev.preflight.graph.io.InputFiles.requireFile(file);
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      if (HydraBuilds.looksLikeJson(file, r)) {
        return HydraBuilds.parse(r, file.toString());
      }
      return parse(r, file.toString());
    } catch (IOException e) {
      throw dev.preflight.graph.io.InputFiles.unreadable(file, e);
    }
  }

  /** Reads history CSV text; {@code source} names it in error messages. */
  public static History parse(Reader reader, String source) {
    CsvReader csv = new CsvReader(reader, source).commentChar('#');
    Rows rows = new Rows();
    int[] column = null; // position of id, seconds, status, finishedAt
    try {
      while (true) {
        List<String> fields = csv.nextNonBlank();
        if (fields == null) {
          break;
        }
        int lineNo = csv.line();
        String where = "line " + lineNo;
        if (column == null) {
          column = header(fields, source, where);
          continue;
        }
        int needed = Math.max(Math.max(column[0], column[1]), Math.max(column[2], column[3]));
        if (fields.size() <= needed) {
          throw new InputException(
              source,
              where,
              "expected at least " + (needed + 1) + " fields, found " + fields.size());
        }
        String id = fields.get(column[0]).trim();
        if (id.isEmpty()) {
          throw new InputException(source, where, "empty id");
        }
        double seconds = seconds(fields.get(column[1]), source, where);
        BuildResult result;
        try {
          result = BuildResult.parse(fields.get(column[2]));
        } catch (IllegalArgumentException e) {
          throw new InputException(source, where, e.getMessage());
        }
        long time = time(fields.get(column[3]), source, where);
        rows.add(id, seconds, result, time);
      }
    } catch (UncheckedIOException e) {
      throw new InputException(source, null, "cannot read: " + e.getCause().getMessage());
    }
    if (column == null) {
      throw new InputException(
          source, null, "empty history: expected the header " + String.join(",", COLUMNS));
    }
    return rows.build(source);
  }

  private static int[] header(List<String> fields, String source, String where) {
    int[] column = new int[COLUMNS.size()];
    Arrays.fill(column, -1);
    for (int i = 0; i < fields.size(); i++) {
      String f = fields.get(i).trim();
      for (int c = 0; c < COLUMNS.size(); c++) {
        if (COLUMNS.get(c).equalsIgnoreCase(f)) {
          if (column[c] >= 0) {
            throw new InputException(source, where, "column '" + f + "' appears twice");
          }
          column[c] = i;
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (int c = 0; c < COLUMNS.size(); c++) {
      if (column[c] < 0) {
        missing.add(COLUMNS.get(c));
      }
    }
    if (!missing.isEmpty()) {
      throw new InputException(
          source,
          where,
          "header lacks column(s) "
              + String.join(", ", missing)
              + " (expected "
              + String.join(",", COLUMNS)
              + ")");
    }
    return column;
  }

  private static double seconds(String field, String source, String where) {
    String s = field.trim();
    if (s.isEmpty()) {
      return Double.NaN;
    }
    double v;
    try {
      v = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new InputException(source, where, "seconds '" + s + "' is not a number");
    }
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new InputException(source, where, "seconds must be a number >= 0, got '" + s + "'");
    }
    return v;
  }

  /** Epoch seconds of an ISO-8601 time or an epoch-seconds number. */
  static long time(String field, String source, String where) {
    String s = field.trim();
    if (s.isEmpty()) {
      throw new InputException(source, where, "finishedAt is empty");
    }
    char c0 = s.charAt(0);
    boolean numeric = s.chars().allMatch(ch -> (ch >= '0' && ch <= '9') || ch == '.' || ch == '-');
    if (numeric && s.indexOf('-', 1) < 0 && (Character.isDigit(c0) || c0 == '-')) {
      try {
        double v = Double.parseDouble(s);
        if (Math.abs(v) < 1e15) {
          return (long) Math.floor(v);
        }
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
      throw new InputException(source, where, "finishedAt '" + s + "' is not a valid time");
    }
    try {
      return OffsetDateTime.parse(s).toEpochSecond();
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return Instant.parse(s).getEpochSecond();
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(s).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return LocalDate.parse(s).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new InputException(
          source,
          where,
          "finishedAt '"
              + s
              + "' is neither ISO-8601 (2026-11-02T10:15:00Z) nor epoch seconds (1793614500)");
    }
  }

  /** Rows as read, grouped by id on {@link #build}. */
  static final class Rows {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> idList = new ArrayList<>();
    private final List<String> alternates = new ArrayList<>();
    private int skipped;
    private int[] idOf = new int[1024];
    private double[] seconds = new double[1024];
    private byte[] results = new byte[1024];
    private long[] times = new long[1024];
    private int size;

    void add(String id, double secs, BuildResult result, long time) {
      add(id, null, secs, result, time);
    }

    /** A row whose id has an alternate form (a drv path beside a job name); the first one wins. */
    void add(String id, String alternate, double secs, BuildResult result, long time) {
      Integer k = ids.get(id);
      if (k == null) {
        k = idList.size();
        ids.put(id, k);
        idList.add(id);
        alternates.add(alternate);
      }
      if (size == idOf.length) {
        int cap = size * 2;
        idOf = Arrays.copyOf(idOf, cap);
        seconds = Arrays.copyOf(seconds, cap);
        results = Arrays.copyOf(results, cap);
        times = Arrays.copyOf(times, cap);
      }
      idOf[size] = k;
      seconds[size] = secs;
      results[size] = (byte) result.ordinal();
      times[size] = time;
      size++;
    }

    /** A record that carried no result (an unfinished build). */
    void skip() {
      skipped++;
    }

    History build(String source) {
      int n = idList.size();
      int[] offsets = new int[n + 1];
      for (int i = 0; i < size; i++) {
        offsets[idOf[i] + 1]++;
      }
      for (int k = 0; k < n; k++) {
        offsets[k + 1] += offsets[k];
      }
      // Counting sort by id keeps file order within an id; then a stable sort by time per id.
      int[] fill = Arrays.copyOf(offsets, n);
      int[] order = new int[size];
      for (int i = 0; i < size; i++) {
        order[fill[idOf[i]]++] = i;
      }
      for (int k = 0; k < n; k++) {
        sortByTime(order, offsets[k], offsets[k + 1]);
      }
      double[] s = new double[size];
      byte[] r = new byte[size];
      long[] t = new long[size];
      for (int p = 0; p < size; p++) {
        int i = order[p];
        s[p] = seconds[i];
        r[p] = results[i];
        t[p] = times[i];
      }
      String[] alt =
          alternates.stream().allMatch(java.util.Objects::isNull)
              ? null
              : alternates.toArray(String[]::new);
      return new History(source, idList.toArray(String[]::new), alt, offsets, s, r, t, skipped);
    }

    private void sortByTime(int[] order, int from, int to) {
      boolean sorted = true;
      for (int p = from + 1; p < to && sorted; p++) {
        sorted = times[order[p - 1]] <= times[order[p]];
      }
      if (sorted) {
        return;
      }
      Integer[] boxed = new Integer[to - from];
      for (int p = from; p < to; p++) {
        boxed[p - from] = order[p];
      }
      Arrays.sort(boxed, (a, b) -> Long.compare(times[a], times[b])); // stable (TimSort)
      for (int p = from; p < to; p++) {
        order[p] = boxed[p - from];
      }
    }
  }

  /** The status words a history file accepts, for help texts. */
  public static String statusWords() {
    StringBuilder sb = new StringBuilder();
    for (BuildResult b : BuildResult.values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(b.word().toLowerCase(Locale.ROOT));
    }
    return sb.toString();
  }

  /**
   * Writes {@code history} as a history CSV (header, then each id's entries oldest first;
   * finishedAt as ISO-8601 UTC), through a temporary file and a rename.
   */
  public static void write(History history, Path file) {
    dev.preflight.graph.io.AtomicFiles.writeStream(
        file,
        out -> {
          java.io.Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
          // An id starting with '#' is quoted: the reader skips lines starting with '#'.
          Csv csv = new Csv(w).quoteLeading('#');
          csv.row(COLUMNS);
          for (int k = 0; k < history.size(); k++) {
            String id = history.id(k);
            for (int p = history.entriesStart(k); p < history.entriesEnd(k); p++) {
              double s = history.seconds(p);
              csv.row(
                  id,
                  Double.isNaN(s)
                      ? ""
                      : s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s),
                  history.result(p).word(),
                  Instant.ofEpochSecond(history.finishedAt(p)).toString());
            }
          }
          w.flush();
        });
  }
}
