package dev.preflight.cost;

import dev.preflight.graph.InputException;
import dev.preflight.graph.NodeStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Observed build durations from a history CSV ({@code id,seconds,status,finishedAt}, DESIGN.md §5).
 *
 * <p>Format: a header naming the four columns (any order, any case; further columns are ignored),
 * then one build per line. {@code id} is a node id; {@code seconds} a finite number {@code >= 0};
 * {@code status} a word {@link NodeStatus#parse} accepts ({@code success}, {@code failed}, {@code
 * GREEN}...); {@code finishedAt} an ISO-8601 instant ({@code 2026-11-01T12:00:00Z}), a local
 * date-time or date (read as UTC), epoch seconds, or empty. Fields may be quoted as in RFC 4180.
 * Blank lines are skipped. Any other problem is an {@link InputException} naming the file and line.
 *
 * <p>Robust average: per id, the <b>median of the {@code window} latest successful builds</b>
 * (latest by {@code finishedAt}, rows without a time counting as older than any timed row, then by
 * line). Failed builds are ignored (a failure stops early and says little about a full build); an
 * id with only failures has no observation. The median of the latest few, rather than the latest
 * alone, keeps one slow run on a loaded builder from setting the estimate, and the window lets the
 * estimate follow a package whose build got longer.
 *
 * <p>Immutable after reading; thread-safe.
 */
public final class History {
  private final Map<String, Double> observed;
  private final int rows;
  private final int successfulRows;

  private History(Map<String, Double> observed, int rows, int successfulRows) {
    this.observed = observed;
    this.rows = rows;
    this.successfulRows = successfulRows;
  }

  /** An empty history. */
  public static History empty() {
    return new History(Map.of(), 0, 0);
  }

  /**
   * Reads a history file.
   *
   * @param window how many latest successful builds the median is taken over ({@code >= 1})
   * @throws InputException for a missing file, a bad header or a bad row (file and line)
   */
  public static History read(Path file, int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1");
    }
    String name = file.toString();
    Map<String, List<double[]>> byId = new HashMap<>();
    int rows = 0;
    int successful = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      int lineNo = 1;
      while (header != null && header.isBlank()) {
        header = in.readLine();
        lineNo++;
      }
      if (header == null) {
        throw new InputException(name, null, "empty history file (expected a header)");
      }
      if (header.startsWith("\uFEFF")) {
        header = header.substring(1);
      }
      int[] col = columns(splitCsv(header, name, lineNo), name, lineNo);
      int width = Arrays.stream(col).max().orElse(0) + 1;
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        List<String> f = splitCsv(line, name, lineNo);
        if (f.size() < width) {
          throw new InputException(
              name,
              "line " + lineNo,
              "expected " + width + " fields (id,seconds,status,finishedAt), found " + f.size());
        }
        String id = f.get(col[0]).strip();
        if (id.isEmpty()) {
          throw new InputException(name, "line " + lineNo, "empty id");
        }
        double seconds = seconds(f.get(col[1]), name, lineNo);
        NodeStatus status;
        try {
          status = NodeStatus.parse(f.get(col[2]));
        } catch (IllegalArgumentException e) {
          throw new InputException(name, "line " + lineNo, e.getMessage());
        }
        double finished = finishedAt(f.get(col[3]), name, lineNo);
        rows++;
        if (status == NodeStatus.GREEN) {
          successful++;
          byId.computeIfAbsent(id, k -> new ArrayList<>())
              .add(new double[] {finished, lineNo, seconds});
        }
      }
    } catch (NoSuchFileException e) {
      throw new InputException(name, null, "no such file");
    } catch (IOException e) {
      throw new InputException(name, null, "cannot read history: " + e.getMessage());
    }
    Map<String, Double> observed = new HashMap<>();
    for (Map.Entry<String, List<double[]>> e : byId.entrySet()) {
      observed.put(e.getKey(), robustSeconds(e.getValue(), window));
    }
    return new History(Collections.unmodifiableMap(observed), rows, successful);
  }

  /** Median of the latest {@code window} rows {finishedAt, line, seconds}. */
  static double robustSeconds(List<double[]> builds, int window) {
    builds.sort(
        (a, b) -> {
          int c = Double.compare(a[0], b[0]);
          return c != 0 ? c : Double.compare(a[1], b[1]);
        });
    int from = Math.max(0, builds.size() - window);
    double[] latest = new double[builds.size() - from];
    for (int i = from; i < builds.size(); i++) {
      latest[i - from] = builds.get(i)[2];
    }
    Arrays.sort(latest);
    int k = latest.length;
    return k % 2 == 1 ? latest[k / 2] : (latest[k / 2 - 1] + latest[k / 2]) / 2;
  }

  /** The robust observed seconds of node id {@code id}, or {@code NaN} if none. */
  public double observedSeconds(String id) {
    Double s = observed.get(id);
    return s == null ? Double.NaN : s;
  }

  /** Number of ids with an observation. */
  public int size() {
    return observed.size();
  }

  /** Number of build rows read. */
  public int rows() {
    return rows;
  }

  /** Number of successful build rows read. */
  public int successfulRows() {
    return successfulRows;
  }

  private static int[] columns(List<String> header, String file, int lineNo) {
    String[] wanted = {"id", "seconds", "status", "finishedat"};
    int[] col = {-1, -1, -1, -1};
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i).strip().toLowerCase(Locale.ROOT);
      for (int w = 0; w < wanted.length; w++) {
        if (h.equals(wanted[w])) {
          if (col[w] >= 0) {
            throw new InputException(file, "line " + lineNo, "column '" + h + "' appears twice");
          }
          col[w] = i;
        }
      }
    }
    for (int w = 0; w < wanted.length; w++) {
      if (col[w] < 0) {
        throw new InputException(
            file,
            "line " + lineNo,
            "header must name the columns id,seconds,status,finishedAt (missing "
                + (w == 3 ? "finishedAt" : wanted[w])
                + ")");
      }
    }
    return col;
  }

  private static double seconds(String raw, String file, int lineNo) {
    String s = raw.strip();
    double v;
    try {
      v = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new InputException(file, "line " + lineNo, "seconds '" + s + "' is not a number");
    }
    if (!Double.isFinite(v) || v < 0) {
      throw new InputException(file, "line " + lineNo, "seconds must be >= 0, got " + s);
    }
    return v;
  }

  private static double finishedAt(String raw, String file, int lineNo) {
    String s = raw.strip();
    if (s.isEmpty()) {
      return Double.NEGATIVE_INFINITY;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException notEpoch) {
      // fall through to the date forms
    }
    try {
      return Instant.parse(s).getEpochSecond();
    } catch (DateTimeParseException e1) {
      try {
        return OffsetDateTime.parse(s).toEpochSecond();
      } catch (DateTimeParseException e2) {
        try {
          return LocalDateTime.parse(s).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e3) {
          try {
            return LocalDate.parse(s).toEpochDay() * 86400L;
          } catch (DateTimeParseException e4) {
            throw new InputException(
                file,
                "line " + lineNo,
                "finishedAt '" + s + "' is not an ISO-8601 time or epoch seconds");
          }
        }
      }
    }
  }

  /** Splits one CSV record (RFC 4180 quotes; no embedded newlines). */
  static List<String> splitCsv(String line, String file, int lineNo) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(c);
        }
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
        wasQuoted = false;
      } else if (c == '"' && cur.toString().isBlank() && !wasQuoted) {
        cur.setLength(0);
        quoted = true;
        wasQuoted = true;
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new InputException(file, "line " + lineNo, "unterminated quoted field");
    }
    out.add(cur.toString());
    return out;
  }
}
