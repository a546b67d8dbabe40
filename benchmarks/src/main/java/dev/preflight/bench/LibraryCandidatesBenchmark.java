package dev.preflight.bench;

import dev.preflight.report.render.TextTable;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.apache.commons.text.similarity.DamerauLevenshteinDistance;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;
import picocli.CommandLine;

/**
 * Issue 15 item 6, the small pieces: each hand-written piece (as it was before the decision)
 * against its library candidate, on inputs generated in {@code @Setup} with a fixed seed.
 *
 * <ul>
 *   <li>{@code decompress*}: an 8 MB deb822 index, compressed with {@code codec}; magic-byte check
 *       plus {@link GZIPInputStream} / {@link XZInputStream} (the old {@code CompressedInput})
 *       against commons-compress's {@code detect} plus {@code createCompressorInputStream}.
 *   <li>{@code distance*}: the closest of 2,000 names to 200 slips; the old optimal string
 *       alignment matrix against commons-text's {@link DamerauLevenshteinDistance} with the same
 *       threshold (a third of the longer word).
 *   <li>{@code table*}: a 200-row, 5-column table; Preflight's {@link TextTable} against picocli's
 *       {@code CommandLine.Help.TextTable} given the same widths.
 * </ul>
 *
 * Decision and numbers: docs/benchmarks.md. Run (from the repository root):
 *
 * <pre>
 * ./mvnw -B -q -o -pl benchmarks -am package -DskipTests &amp;&amp; java -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' org.openjdk.jmh.Main LibraryCandidatesBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LibraryCandidatesBenchmark extends Forked {
  static final long SEED = 20261206L;

  @Param({"gzip", "xz"})
  public String codec;

  byte[] compressed;
  String[] names;
  String[] slips;
  String[][] table;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    SplittableRandom r = new SplittableRandom(SEED);
    StringBuilder deb822 = new StringBuilder();
    for (int i = 0; deb822.length() < 8 << 20; i++) {
      deb822
          .append("Package: pkg")
          .append(i)
          .append("\nVersion: 1.")
          .append(r.nextInt(40))
          .append("-")
          .append(r.nextInt(9))
          .append("\nBuild-Depends: debhelper-compat (= 13), libssl-dev, zlib1g-dev (>= 1:1.2.")
          .append(r.nextInt(13))
          .append("), pkg")
          .append(r.nextInt(i + 1))
          .append("-dev\nArchitecture: any\n\n");
    }
    byte[] plain = deb822.toString().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out =
        codec.equals("gzip")
            ? new GZIPOutputStream(bytes)
            : new XZOutputStream(bytes, new LZMA2Options(6))) {
      out.write(plain);
    }
    compressed = bytes.toByteArray();

    names = new String[2_000];
    for (int i = 0; i < names.length; i++) {
      names[i] = randomWord(r, 4 + r.nextInt(16));
    }
    slips = new String[200];
    for (int i = 0; i < slips.length; i++) {
      char[] w = names[r.nextInt(names.length)].toCharArray();
      int p = r.nextInt(w.length - 1);
      char t = w[p];
      w[p] = w[p + 1];
      w[p + 1] = t;
      slips[i] = new String(w);
    }
    table = new String[200][];
    for (int i = 0; i < table.length; i++) {
      table[i] =
          new String[] {
            randomWord(r, 6 + r.nextInt(20)),
            Integer.toString(r.nextInt(100_000)),
            String.format(java.util.Locale.ROOT, "%.1f", r.nextDouble() * 1000),
            randomWord(r, 8),
            Integer.toString(r.nextInt(100))
          };
    }
  }

  private static String randomWord(SplittableRandom r, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append((char) ('a' + r.nextInt(26)));
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- decompression

  @Benchmark
  public long decompressHandwritten() throws IOException {
    BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(compressed), 1 << 16);
    in.mark(6);
    byte[] m = in.readNBytes(6);
    in.reset();
    InputStream data =
        (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b
            ? new GZIPInputStream(in, 1 << 16)
            : new XZInputStream(in);
    return data.transferTo(OutputStream.nullOutputStream());
  }

  @Benchmark
  public long decompressCommons() throws IOException, CompressorException {
    BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(compressed), 1 << 16);
    String name = CompressorStreamFactory.detect(in);
    InputStream data = new CompressorStreamFactory().createCompressorInputStream(name, in, true);
    return data.transferTo(OutputStream.nullOutputStream());
  }

  // ---------------------------------------------------------------- edit distance

  @Benchmark
  public int distanceHandwritten() {
    int found = 0;
    for (String s : slips) {
      for (String n : names) {
        int limit = Math.max(1, Math.max(s.length(), n.length()) / 3);
        if (Math.abs(s.length() - n.length()) <= limit && osa(s, n) <= limit) {
          found++;
        }
      }
    }
    return found;
  }

  @Benchmark
  public int distanceCommonsText() {
    int found = 0;
    for (String s : slips) {
      for (String n : names) {
        int limit = Math.max(1, Math.max(s.length(), n.length()) / 3);
        if (Math.abs(s.length() - n.length()) <= limit
            && new DamerauLevenshteinDistance(limit).apply(s, n) >= 0) {
          found++;
        }
      }
    }
    return found;
  }

  /** The optimal string alignment distance as Names.distance computed it before commons-text. */
  static int osa(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }

  // ---------------------------------------------------------------- tables

  @Benchmark
  public String tableHandwritten() {
    TextTable t = new TextTable("name", "count>", "hours>", "pool", "share>");
    for (String[] row : table) {
      t.row((Object[]) row);
    }
    return t.render(0);
  }

  @Benchmark
  public String tablePicocli() {
    int[] width = {4, 5, 5, 4, 5};
    for (String[] row : table) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    CommandLine.Help.Column[] columns = new CommandLine.Help.Column[width.length];
    for (int i = 0; i < width.length; i++) {
      columns[i] =
          new CommandLine.Help.Column(width[i] + 2, 0, CommandLine.Help.Column.Overflow.TRUNCATE);
    }
    CommandLine.Help.TextTable t =
        CommandLine.Help.TextTable.forColumns(
            CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF), columns);
    t.addRowValues("name", "count", "hours", "pool", "share");
    for (String[] row : table) {
      t.addRowValues(row);
    }
    return t.toString();
  }
}
