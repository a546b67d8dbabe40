package dev.preflight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the command line in-process with captured streams. */
final class Cli {
  final int exitCode;
  final String out;
  final String err;

  private Cli(int exitCode, String out, String err) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  /** The small hand-made sample graph (two systems), for tests that name its packages. */
  static final String SAMPLE =
      java.nio.file.Path.of(System.getProperty("preflight.repo", "."))
          .resolve("fixtures/sample/nixpkgs-sample.json")
          .toString();

  /**
   * Runs {@code args} on the {@link #SAMPLE} graph: inserts {@code --graph SAMPLE} after the
   * subcommand unless the arguments name a graph ({@code --graph}, {@code --before}) themselves.
   */
  static Cli runSample(String... args) {
    for (String a : args) {
      if (a.equals("--graph") || a.equals("-g") || a.equals("--before") || a.equals("--after")) {
        return run(args);
      }
    }
    String[] withGraph = new String[args.length + 2];
    withGraph[0] = args[0];
    withGraph[1] = "--graph";
    withGraph[2] = SAMPLE;
    System.arraycopy(args, 1, withGraph, 3, args.length - 1);
    return run(withGraph);
  }

  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine(args); // as Main.run builds it: only the named subcommand
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Cli(code, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }

  /** The field names of a JSON object, in document order. */
  static List<String> keys(JsonNode j) {
    List<String> keys = new ArrayList<>();
    j.fieldNames().forEachRemaining(keys::add);
    return keys;
  }
}
