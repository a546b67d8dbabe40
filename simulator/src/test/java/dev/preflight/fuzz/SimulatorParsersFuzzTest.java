package dev.preflight.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.preflight.batch.BatchGraphs;
import dev.preflight.batch.ChangesInput;
import dev.preflight.cost.ClusterFormat;
import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.history.HistoryFile;
import dev.preflight.impact.ChangeResolver;
import dev.preflight.settings.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz targets for the simulator's input readers (issue 17): cluster files (JSON, YAML, Nix
 * machines), settings, history CSV, batch inputs (JSON lines, CSV) and change names. The property:
 * success or an {@link InputException}, nothing else. Seeds and crashes under {@code
 * src/test/resources/dev/preflight/fuzz/SimulatorParsersFuzzTestInputs/<method>/}, replayed by
 * {@code ./mvnw verify}; {@code scripts/fuzz.sh} fuzzes one target.
 */
final class SimulatorParsersFuzzTest {
  private static final Path DIR = scratch();
  private static final PackageGraph GRAPH = sample();

  private static Path scratch() {
    try {
      Path d = Files.createTempDirectory("preflight-fuzz");
      d.toFile().deleteOnExit();
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The hand-made sample graph (zlib, openssl, curl, ... on two systems). */
  private static PackageGraph sample() {
    return dev.preflight.graph.io.GraphFormat.load(
        Path.of("../fixtures/sample/nixpkgs-sample.json"), null, dev.preflight.graph.Progress.NONE);
  }

  private static Path file(String name, byte[] data) {
    try {
      return Files.write(DIR.resolve(name), data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void clean(Runnable parse) {
    try {
      parse.run();
    } catch (InputException expected) {
      // Bad input, said in words: fine.
    }
  }

  @FuzzTest(maxDuration = "60s")
  void clusterJson(byte[] data) {
    Path f = file("c.json", data);
    clean(() -> ClusterFormat.load(f, null, Settings.defaults().cost()));
  }

  @FuzzTest(maxDuration = "60s")
  void clusterYaml(byte[] data) {
    Path f = file("c.yaml", data);
    clean(() -> ClusterFormat.load(f, null, Settings.defaults().cost()));
  }

  @FuzzTest(maxDuration = "60s")
  void clusterMachines(byte[] data) {
    Path f = file("machines", data);
    clean(() -> ClusterFormat.load(f, null, Settings.defaults().cost()));
  }

  @FuzzTest(maxDuration = "60s")
  void settings(byte[] data) {
    Path f = file("settings.json", data);
    clean(() -> Settings.load(f));
  }

  @FuzzTest(maxDuration = "60s")
  void historyCsv(byte[] data) {
    Path f = file("history.csv", data);
    clean(() -> HistoryFile.read(f));
  }

  @FuzzTest(maxDuration = "60s")
  void batchJsonLines(byte[] data) {
    Path f = file("rows.jsonl", data);
    clean(() -> ChangesInput.read(f, BatchGraphs.of("g", GRAPH), "transitive", p -> p));
  }

  @FuzzTest(maxDuration = "60s")
  void batchCsv(byte[] data) {
    Path f = file("rows.csv", data);
    clean(() -> ChangesInput.read(f, BatchGraphs.of("g", GRAPH), "transitive", p -> p));
  }

  @FuzzTest(maxDuration = "60s")
  void changeNames(byte[] data) {
    String s = new String(data, StandardCharsets.UTF_8);
    clean(() -> new ChangeResolver(GRAPH).resolveSpec(s));
  }
}
