package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The malformed-input corpus (issue 17): each folder under {@code src/test/resources/malformed/} is
 * one case, run in-process on a fresh copy of its files.
 *
 * <ul>
 *   <li>{@code args}: the command line, one argument per line; {@code $DIR} is the case's working
 *       copy, {@code $SAMPLE} the bundled sample graph.
 *   <li>{@code expect}: line 1 the exit code, line 2 the first line of stderr (with {@code $DIR}).
 *   <li>any other file: an input, copied to {@code $DIR}; a name ending in {@code .tmpl} is copied
 *       without that suffix and with {@code {repeat:TEXT:N}} expanded (big inputs are not stored).
 * </ul>
 *
 * Every case also checks that the run created, changed or deleted no file in {@code $DIR} and
 * printed no stack trace. {@code MALFORMED_CASE=name} runs one case; {@code MALFORMED_RECORD=1}
 * rewrites the {@code expect} files from what the runs do (review the diff before committing).
 */
final class MalformedInputCorpusTest {
  private static final Path CORPUS = Path.of("src/test/resources/malformed");
  private static final Pattern REPEAT = Pattern.compile("\\{repeat:(.*?):(\\d+)\\}");

  @TempDir Path root;

  @TestFactory
  Stream<DynamicTest> corpus() throws IOException {
    String only = System.getenv("MALFORMED_CASE");
    List<Path> cases;
    try (Stream<Path> s = Files.list(CORPUS)) {
      cases = s.filter(Files::isDirectory).sorted().toList();
    }
    assertTrue(cases.size() >= 20, "the corpus has " + cases.size() + " cases");
    return cases.stream()
        .filter(c -> only == null || c.getFileName().toString().equals(only))
        .map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> run(c)));
  }

  private void run(Path caseDir) throws IOException {
    Path dir = Files.createDirectories(root.resolve(caseDir.getFileName().toString()));
    try (Stream<Path> s = Files.list(caseDir)) {
      for (Path f : s.toList()) {
        String name = f.getFileName().toString();
        if (name.equals("args") || name.equals("expect")) {
          continue;
        }
        if (name.endsWith(".tmpl")) {
          Files.writeString(
              dir.resolve(name.substring(0, name.length() - 5)), expand(Files.readString(f)));
        } else {
          Files.copy(f, dir.resolve(name));
        }
      }
    }
    List<String> args = new ArrayList<>();
    for (String line : Files.readAllLines(caseDir.resolve("args"), StandardCharsets.UTF_8)) {
      if (!line.isEmpty()) {
        args.add(substitute(expand(line), dir));
      }
    }
    Map<String, byte[]> before = snapshot(dir);

    Cli r = Cli.run(args.toArray(new String[0]));

    if (System.getenv("MALFORMED_RECORD") != null) {
      Files.writeString(
          CORPUS.resolve(caseDir.getFileName()).resolve("expect"),
          r.exitCode
              + "\n"
              + r.err.lines().findFirst().orElse("").replace(dir.toString(), "$DIR")
              + "\n");
    }
    List<String> expect = Files.readAllLines(caseDir.resolve("expect"), StandardCharsets.UTF_8);

    assertEquals(Integer.parseInt(expect.get(0).strip()), r.exitCode, r.toString());
    String first = r.err.lines().findFirst().orElse("");
    assertEquals(substitute(expect.get(1), dir), first, r.toString());
    assertFalse(r.err.contains("\tat "), "stack trace: " + r.err);
    Map<String, byte[]> after = snapshot(dir);
    assertEquals(before.keySet(), after.keySet(), "files created or deleted");
    for (String k : before.keySet()) {
      assertTrue(Arrays.equals(before.get(k), after.get(k)), k + " changed");
    }
  }

  private static String expand(String text) {
    Matcher m = REPEAT.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          sb, Matcher.quoteReplacement(m.group(1).repeat(Integer.parseInt(m.group(2)))));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String substitute(String s, Path dir) {
    return s.replace("$DIR", dir.toString()).replace("$SAMPLE", Cli.SAMPLE);
  }

  private static Map<String, byte[]> snapshot(Path dir) throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(dir.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return m;
  }
}
