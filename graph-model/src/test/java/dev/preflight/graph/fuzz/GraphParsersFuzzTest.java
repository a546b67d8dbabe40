package dev.preflight.graph.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.preflight.graph.InputException;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import dev.preflight.graph.io.debian.ControlFileReader;
import dev.preflight.graph.io.debian.DebianArch;
import dev.preflight.graph.io.debian.DebianVersion;
import dev.preflight.graph.io.debian.RelationParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fuzz targets for every graph-model parser (issue 17). The property: a parser given any bytes
 * either succeeds or throws an {@link InputException} (the string-level Debian parsers: their
 * documented {@link IllegalArgumentException} with a message); anything else (a runtime exception,
 * an error, a hang) is a bug. {@code ./mvnw verify} replays the seeds and every crash found, under
 * {@code src/test/resources/dev/preflight/graph/fuzz/GraphParsersFuzzTestInputs/<method>/}; {@code
 * scripts/fuzz.sh} fuzzes one target for real ({@code JAZZER_FUZZ=1}).
 */
final class GraphParsersFuzzTest {
  /** One scratch folder per JVM: a fuzzing run calls a target millions of times. */
  private static final Path DIR = scratch();

  private static Path scratch() {
    try {
      Path d = Files.createTempDirectory("preflight-fuzz");
      d.toFile().deleteOnExit();
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path file(String name, byte[] data) {
    try {
      return Files.write(DIR.resolve(name), data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code parse}; an {@link InputException} is the clean refusal the property allows. */
  private static void clean(Runnable parse) {
    try {
      parse.run();
    } catch (InputException expected) {
      // Bad input, said in words: fine.
    }
  }

  /**
   * For the string-level parsers, whose documented refusal is an {@link IllegalArgumentException}
   * with a message (their callers add the file and line and turn it into an {@link
   * InputException}).
   */
  private static void cleanOrIllegalArgument(Runnable parse) {
    try {
      parse.run();
    } catch (InputException expected) {
      // Fine.
    } catch (IllegalArgumentException expected) {
      if (expected.getMessage() == null || expected.getMessage().isBlank()) {
        throw new AssertionError("refused without saying why", expected);
      }
    }
  }

  private static void graph(String format, String name, byte[] data) {
    Path f = file(name, data);
    clean(() -> GraphFormat.load(f, format, Progress.NONE));
  }

  @FuzzTest(maxDuration = "60s")
  void tsvGraph(byte[] data) {
    graph("tsv", "g.edges.tsv", data);
  }

  @FuzzTest(maxDuration = "60s")
  void jsonGraph(byte[] data) {
    graph("json", "g.json", data);
  }

  @FuzzTest(maxDuration = "60s")
  void arrowGraph(byte[] data) {
    graph("arrow", "g.arrow", data);
  }

  @FuzzTest(maxDuration = "60s")
  void nixDerivations(byte[] data) {
    graph("nix-derivations", "d.drv.json", data);
  }

  @FuzzTest(maxDuration = "60s")
  void nixDot(byte[] data) {
    graph("nix-dot", "g.dot", data);
  }

  @FuzzTest(maxDuration = "60s")
  void nixEvalJobs(byte[] data) {
    graph("nix-eval-jobs", "jobs.jsonl", data);
  }

  @FuzzTest(maxDuration = "60s")
  void controlStanzas(byte[] data) {
    Path f = file("Sources", data);
    clean(() -> ControlFileReader.readAll(f, ControlFileReader.Comments.FORBIDDEN));
    clean(() -> ControlFileReader.readAll(f, ControlFileReader.Comments.ALLOWED));
  }

  @FuzzTest(maxDuration = "60s")
  void relations(byte[] data) {
    String s = new String(data, StandardCharsets.UTF_8);
    cleanOrIllegalArgument(() -> RelationParser.parse(s));
  }

  @FuzzTest(maxDuration = "60s")
  void debianVersions(byte[] data) {
    String s = new String(data, StandardCharsets.UTF_8);
    int cut = s.indexOf('\n');
    String a = cut < 0 ? s : s.substring(0, cut);
    String b = cut < 0 ? "1.0" : s.substring(cut + 1);
    cleanOrIllegalArgument(() -> DebianVersion.parse(a));
    cleanOrIllegalArgument(
        () -> {
          int ab = DebianVersion.compare(a, b);
          int ba = DebianVersion.compare(b, a);
          if (Integer.signum(ab) != -Integer.signum(ba)) {
            throw new AssertionError("compare is not antisymmetric on '" + a + "', '" + b + "'");
          }
        });
  }

  @FuzzTest(maxDuration = "60s")
  void debianArchWildcards(byte[] data) {
    String s = new String(data, StandardCharsets.UTF_8);
    int cut = s.indexOf('\n');
    String arch = cut < 0 ? s : s.substring(0, cut);
    String pattern = cut < 0 ? "any" : s.substring(cut + 1);
    cleanOrIllegalArgument(() -> DebianArch.of(arch).is(pattern));
    cleanOrIllegalArgument(() -> DebianArch.AMD64.is(pattern));
    cleanOrIllegalArgument(() -> DebianArch.AMD64.isConcerned(List.of(pattern.split(" ", -1))));
  }
}
