package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a Spark {@code batch}, in a real child JVM: the job stops
 * cleanly with one line on stderr, no stack trace, exit 130 or 143, no output and no temporary
 * files left (issue 17).
 */
@EnabledOnOs(OS.LINUX)
final class BatchInterruptTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"INT, 130", "TERM, 143"})
  void signalDuringSparkBatch_oneLineExitCodeNoOutputNoTemp(String signal, int code)
      throws Exception {
    Path changes = dir.resolve("changes.jsonl");
    StringBuilder rows = new StringBuilder();
    // Transitive zlib on the bundled Debian graph rebuilds ~34,000 sources: minutes of work.
    for (int i = 0; i < 4_000; i++) {
      rows.append("{\"id\": \"r")
          .append(i)
          .append("\", \"changes\": [\"zlib\"], \"policy\": \"transitive\"}\n");
    }
    Files.writeString(changes, rows);
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path out = dir.resolve("out.csv");
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")
          || a.startsWith("--sun-misc")
          || a.startsWith("--enable-native")
          || a.startsWith("-Dio.netty")) {
        cmd.add(a);
      }
    }
    cmd.addAll(
        List.of(
            "-Djava.io.tmpdir=" + tmp,
            "-cp",
            System.getProperty("java.class.path"),
            "dev.preflight.cli.Main",
            "batch",
            "--changes",
            changes.toString(),
            "--master",
            "local[2]",
            "-o",
            out.toString()));
    Path err = dir.resolve("stderr.txt");
    Process p =
        new ProcessBuilder(cmd)
            .redirectError(err.toFile())
            .redirectOutput(dir.resolve("stdout.txt").toFile())
            .start();
    try {
      // Spark is up when its block manager made its folder under our private temp folder.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
      while (!sparkStarted(tmp)) {
        assertTrue(p.isAlive(), "batch ended before Spark started: " + Files.readString(err));
        assertTrue(System.nanoTime() < deadline, "Spark did not start in 240 s");
        Thread.sleep(200);
      }
      Thread.sleep(2_000); // into the job
      assertTrue(p.isAlive(), "the batch must still run: " + Files.readString(err));
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
      assertEquals(0, kill.waitFor());
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "batch did not stop after SIG" + signal);
    } finally {
      p.destroyForcibly();
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertEquals(code, p.exitValue(), stderr);
    List<String> lines = stderr.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
    assertFalse(stderr.contains("Exception"), stderr);
    assertTrue(lines.stream().noneMatch(l -> l.strip().startsWith("at ")), stderr);
    String message =
        "preflight: interrupted (SIG"
            + signal
            + "): Spark jobs cancelled, session stopped, nothing written";
    assertEquals(message, lines.get(lines.size() - 1), stderr);
    assertEquals(1, lines.stream().filter(l -> l.contains("interrupted")).count(), stderr);
    assertFalse(Files.exists(out), "no output");
    assertEquals(List.of(), list(tmp), "temporary files removed");
    assertEquals(
        List.of("changes.jsonl", "stderr.txt", "stdout.txt", "tmp"),
        list(dir).stream().map(x -> x.getFileName().toString()).sorted().toList(),
        "no temporary output files");
  }

  private static boolean sparkStarted(Path tmp) throws IOException {
    try (Stream<Path> s = Files.walk(tmp, 3)) {
      return s.anyMatch(x -> x.getFileName().toString().startsWith("blockmgr-"));
    } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
      return false; // a folder vanished while walking
    }
  }

  private static List<Path> list(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.toList();
    }
  }
}
