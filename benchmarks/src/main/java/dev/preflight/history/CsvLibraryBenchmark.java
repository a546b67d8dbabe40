package dev.preflight.history;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.preflight.bench.Forked;
import dev.preflight.graph.io.Csv;
import dev.preflight.graph.io.CsvReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 15 item 6: Preflight's CSV reading ({@link CsvReader}, the history and batch-input reader)
 * and writing ({@link Csv}, every CSV output) against jackson-dataformat-csv. Input: 200,000 rows
 * of {@code id,seconds,status,finishedAt}, one id in eight quoted (it holds a comma), generated in
 * {@code @Setup} with a fixed seed. Both readers return the fields of every row as strings; both
 * writers produce the same text (checked in setup). Decision and numbers: docs/benchmarks.md.
 *
 * <p>Run (from the repository root):
 *
 * <pre>
 * ./mvnw -B -q -o -pl benchmarks -am package -DskipTests &amp;&amp; java -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' org.openjdk.jmh.Main CsvLibraryBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CsvLibraryBenchmark extends Forked {
  static final int ROWS = 200_000;
  static final long SEED = 20261206L;

  String text;
  List<String[]> rows;
  CsvMapper mapper;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    SplittableRandom r = new SplittableRandom(SEED);
    rows = new ArrayList<>(ROWS);
    String[] status = {"succeeded", "failed", "dependency-failed", "timeout"};
    for (int i = 0; i < ROWS; i++) {
      String id = "python3.11-pkg" + r.nextInt(40_000) + (i % 8 == 0 ? ",x86_64" : "");
      rows.add(
          new String[] {
            id,
            Integer.toString(r.nextInt(20_000)),
            status[r.nextInt(status.length)],
            "2026-11-" + (10 + r.nextInt(18)) + "T10:15:00Z"
          });
    }
    mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    text = handwrittenWrite();
    if (!text.equals(jacksonWrite())) {
      throw new IllegalStateException("the two writers disagree");
    }
  }

  @Benchmark
  public int handwrittenRead() {
    CsvReader in = new CsvReader(new StringReader(text), "bench");
    int fields = 0;
    List<String> record;
    while ((record = in.next()) != null) {
      fields += record.size();
    }
    return fields;
  }

  @Benchmark
  public int jacksonRead() throws IOException {
    int fields = 0;
    try (MappingIterator<String[]> it =
        mapper.readerFor(String[].class).readValues(new StringReader(text))) {
      while (it.hasNext()) {
        fields += it.next().length;
      }
    }
    return fields;
  }

  @Benchmark
  public String handwrittenWrite() {
    Csv csv = new Csv();
    for (String[] row : rows) {
      csv.row((Object[]) row);
    }
    return csv.toString();
  }

  @Benchmark
  public String jacksonWrite() throws IOException {
    StringWriter out = new StringWriter();
    try (SequenceWriter w =
        mapper.writer().with(CsvSchema.emptySchema().withLineSeparator("\n")).writeValues(out)) {
      for (String[] row : rows) {
        w.write(row);
      }
    }
    return out.toString();
  }
}
