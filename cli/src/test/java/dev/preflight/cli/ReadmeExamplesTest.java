package dev.preflight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.graph.testing.RealData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * Every shell example of the README and of {@code docs/*.md} runs, prints what the text shows and
 * exits with the code the text shows.
 *
 * <p><b>What counts as an example.</b> Every line of a fenced code block that starts with {@code $
 * } is a command (a trailing {@code \} continues it on the next line); the lines after it, up to
 * the next {@code $ } line or the end of the block, are its expected output. A block without a
 * language (or {@code sh}, {@code bash}, {@code shell}, {@code console}) is a command block, and
 * its first line must be a {@code $ } command: a command without its prompt would never run, so it
 * fails the test. A block that shows no command says so with its language ({@code ```text}, {@code
 * ```json}). The commands of each document run in order in one temporary folder, as a reader
 * following along in one shell would, so a file written by one example ({@code -o g.json}) is there
 * for the next.
 *
 * <p><b>Exit codes.</b> {@code CMD; echo "exit $?"} shows the code, and the echoed line is
 * compared. Otherwise a command must exit 2 when the text shows a {@code preflight: error:} line
 * (the README's convention: one such line, exit 2 for bad usage or input) and 0 when it does not. A
 * block marked {@code <!-- readme-test: exit code only (REASON) -->} checks the exit code alone,
 * for a command whose output the text does not show.
 *
 * <p><b>How a command runs.</b> {@code ./preflight ARGS} runs in-process through {@link
 * Main#commandLine(String...)} with captured streams. The shell around it is a small, fixed subset,
 * exactly what the README uses; anything else fails as unsupported:
 *
 * <ul>
 *   <li>quoting with {@code '...'} and {@code "..."}, {@code \} escapes, {@code # comments} (a
 *       comment {@code # N bytes} after a command with {@code -o FILE} is checked: FILE has N
 *       bytes);
 *   <li>{@code CMD; echo "exit $?"} (the exit code of the command before);
 *   <li>{@code > FILE}, {@code > /dev/null}, {@code 2>&1}, {@code cat > FILE <<'EOF'} (a here
 *       document: the lines up to {@code EOF} are its body, not output);
 *   <li>pipes into {@code head}, {@code head -N}, {@code grep PATTERN} (a Java regular expression,
 *       which for the README's patterns means what grep's means) and {@code jq FILTER} (a subset of
 *       jq: {@code .a}, {@code .a[]}, {@code .a[M:N]}, {@code [E]}, {@code {a, b: E}}, {@code E |
 *       E}, printed as jq prints, two-space indent);
 *   <li>the commands {@code printf 'FORMAT'} (backslash escapes and {@code %%}), {@code mkdir -p
 *       DIR}, {@code cat FILE}, {@code head -c N FILE}, {@code cmp FILE FILE} and {@code java -cp
 *       cli/target/preflight.jar CLASS ARGS} (CLASS's {@code main} in-process, from the test class
 *       path);
 *   <li>{@code >> FILE} (append), and {@code ~/} as a home folder inside the temporary folder, so
 *       no example writes into the user's home;
 *   <li>a leading {@code COLUMNS=N} is dropped: it only matters when stdout is a terminal, which a
 *       captured stream is not (so tables are never cut; README lines cut with {@code …} match
 *       them).
 * </ul>
 *
 * <p><b>Paths.</b> The working folder is the repository root overlaid by the temporary folder: a
 * relative argument names the temporary folder's file when it exists there, else the repository's
 * when it exists there ({@code fixtures/...}). The file arguments of {@code -o}, {@code --output}
 * and {@code --html} always name the temporary folder, so no example writes into the repository.
 * Both folders' absolute paths are turned back into relative ones in the output. The default graph
 * is the bundled Debian graph, found as {@code ./preflight} finds it.
 *
 * <p><b>What the terminal shows.</b> Without redirection, stdout and stderr interleaved in the
 * order the command wrote them. With {@code > /dev/null} (or {@code > FILE}), stderr only. Into a
 * pipe, the filtered stdout (stdout and stderr with {@code 2>&1}), then stderr.
 *
 * <p><b>Comparing.</b> Trailing whitespace and trailing empty lines are ignored. A README line that
 * is only {@code …} matches any number of lines (none too); a README line containing {@code …}
 * matches a line that starts with its text before the first {@code …}, ends with its text after the
 * last one and contains the pieces between in order (so {@code …} at the end cuts a long line). A
 * failure names the README line of the command and of the first line that differs, and carries the
 * whole expected and actual outputs for an IDE's diff.
 *
 * <p><b>Not run.</b> The README's test command ({@code ./mvnw ...}) would run this test: it is
 * checked to be exactly a command of {@code .ci/run} instead. The examples of a block that reads
 * {@code ../shared/data/} run when that data is there; when it is absent they are skipped with a
 * line on stderr, or fail under {@code -Dpreflight.requireRealData=true} (CI; {@link RealData}).
 * One line on stderr counts the commands run, checked and skipped, with each skip's reason.
 *
 * <p><b>Skipping.</b> Only by a visible marker on the line right before a block: {@code <!--
 * readme-test: skip (REASON) -->} skips its every command, {@code <!-- readme-test: skip $ PREFIX
 * (REASON) -->} the commands that start with PREFIX. A marker that skips nothing fails the test.
 * Marked examples are not turned into tests; the README names each one's reason. Reasons the README
 * accepts: a browser, Spark, a file over 100 MB.
 */
final class ReadmeExamplesTest {
  private static final Path REPO =
      Path.of(System.getProperty("preflight.repo", "..")).toAbsolutePath().normalize();
  private static final String ELLIPSIS = "…";
  private static final Pattern MARKER =
      Pattern.compile("<!-- readme-test: skip(?: \\$ (.+?))? \\((.+)\\) -->");
  private static final Pattern EXIT_ONLY =
      Pattern.compile("<!-- readme-test: exit code only \\((.+)\\) -->");
  private static final String SHARED_DATA = "../shared/data/";
  private static final Pattern BYTES_COMMENT = Pattern.compile("\\s#\\s*([\\d,]+) bytes\\s*$");
  private static final Set<String> OUTPUT_OPTIONS = Set.of("-o", "--output", "--html");

  @TempDir Path work;

  /** The status of the last command, for {@code echo "exit $?"}. */
  private int lastStatus;

  /**
   * The {@code -o} file of the last {@code ./preflight} command, for a {@code # N bytes} comment.
   */
  private Path lastOutputFile;

  @TestFactory
  Stream<DynamicTest> readme_examplesPrintWhatTheReadmeShows() throws IOException {
    List<Example> examples = new ArrayList<>();
    for (Path doc : documents()) {
      String name = REPO.relativize(doc).toString().replace('\\', '/');
      examples.addAll(parse(name, Files.readAllLines(doc)));
    }
    if (examples.stream().filter(e -> e.file.equals("README.md")).count() < 10) {
      throw new IllegalStateException("found only " + examples.size() + " README examples");
    }
    System.err.println(summary(examples));
    // A marked example is not run at all (it is no test); the summary above names each skip and
    // its reason, and the markers themselves are checked while parsing.
    return examples.stream()
        .filter(e -> e.skip == null)
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.file + ":" + e.line + ": $ " + abbreviate(e.command), () -> check(e)));
  }

  @org.junit.jupiter.api.Test
  void parse_commandBlockWithoutPrompt_fails_textBlockIsNoCommand() {
    IllegalStateException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class,
            () -> parse("doc.md", List.of("```", "./preflight stats", "```")));
    org.junit.jupiter.api.Assertions.assertTrue(
        e.getMessage().startsWith("doc.md:2: a command block whose first line has no '$ '"),
        e.getMessage());
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of(), parse("doc.md", List.of("```text", "preflight cost [--graph G]", "```")));
  }

  @org.junit.jupiter.api.Test
  void expectedExit_twoOnlyWhenTheTextShowsAnError() {
    List<Example> ex =
        parse(
            "doc.md",
            List.of(
                "```",
                "$ ./preflight statz",
                "preflight: error: unknown command 'statz'",
                "$ ./preflight stats",
                "nodes 3",
                "```"));
    org.junit.jupiter.api.Assertions.assertEquals(2, ex.size());
    org.junit.jupiter.api.Assertions.assertEquals(2, expectedExit(ex.get(0)));
    org.junit.jupiter.api.Assertions.assertEquals(0, expectedExit(ex.get(1)));
  }

  /** README.md, then docs/*.md in name order. */
  static List<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(REPO.resolve("README.md")));
    Path dir = REPO.resolve("docs");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        files.filter(f -> f.getFileName().toString().endsWith(".md")).sorted().forEach(docs::add);
      }
    }
    return docs;
  }

  /** One line: how many commands run, need the shared data, are checked only, are skipped, why. */
  static String summary(List<Example> examples) {
    long skipped = examples.stream().filter(e -> e.skip != null).count();
    long data = examples.stream().filter(e -> e.skip == null && e.needsData).count();
    long ci = examples.stream().filter(e -> e.skip == null && isTestCommand(e.command)).count();
    Map<String, Long> reasons = new java.util.TreeMap<>();
    examples.stream()
        .filter(e -> e.skip != null)
        .forEach(e -> reasons.merge(e.skip, 1L, Long::sum));
    StringBuilder sb = new StringBuilder("ReadmeExamplesTest: ");
    sb.append(examples.size())
        .append(" commands in README.md and docs/*.md: ")
        .append(examples.size() - skipped - ci)
        .append(" run (")
        .append(data)
        .append(" of them on ../shared/data, ")
        .append(RealData.findDebianBookworm(REPO).isPresent() ? "present" : "ABSENT: skipped")
        .append("), ")
        .append(ci)
        .append(" checked equal to .ci/run, ")
        .append(skipped)
        .append(" skipped");
    reasons.forEach((why, n) -> sb.append("; ").append(n).append(" ").append(why));
    return sb.toString();
  }

  // ---------------------------------------------------------------- README parsing

  /**
   * One {@code $ } command of a document, its expected output, why it is skipped if it is, whether
   * its block reads the shared data beside the repository, and whether only its exit code is
   * checked.
   */
  record Example(
      String file,
      int line,
      String command,
      List<String> heredoc,
      List<Expected> expected,
      String skip,
      boolean needsData,
      boolean exitOnly) {}

  /** One expected output line and its line number. */
  record Expected(int line, String text) {}

  /** Info strings of fenced blocks that hold commands; any other language is not a command. */
  private static final Set<String> SHELL_BLOCKS = Set.of("", "sh", "bash", "shell", "console");

  static List<Example> parse(List<String> lines) {
    return parse("README.md", lines);
  }

  static List<Example> parse(String file, List<String> lines) {
    List<Example> out = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      if (!lines.get(i).startsWith("```")) {
        i++;
        continue;
      }
      String info = lines.get(i).substring(3).strip();
      Matcher marker = i > 0 ? MARKER.matcher(lines.get(i - 1).strip()) : null;
      boolean marked = marker != null && marker.matches();
      boolean exitOnly = i > 0 && EXIT_ONLY.matcher(lines.get(i - 1).strip()).matches();
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).startsWith("```")) {
        end++;
      }
      if (!SHELL_BLOCKS.contains(info)) {
        if (marked || exitOnly) {
          throw new IllegalStateException(
              file + ":" + i + ": a readme-test marker above a ```" + info + " block");
        }
        i = end + 1;
        continue;
      }
      int first = i + 1;
      while (first < end && lines.get(first).isBlank()) {
        first++;
      }
      if (first < end && !lines.get(first).startsWith("$ ")) {
        throw new IllegalStateException(
            file
                + ":"
                + (first + 1)
                + ": a command block whose first line has no '$ ' prompt: '"
                + lines.get(first)
                + "' (prompt each command with '$ ', or mark the block ```text if it shows no"
                + " command)");
      }
      int before = out.size();
      int found = parseBlock(file, lines, i + 1, end, marked ? marker : null, exitOnly, out);
      if (marked && found == 0) {
        throw new IllegalStateException(
            file + ":" + i + ": skip marker skips no command of the block below it");
      }
      boolean needsData =
          out.subList(before, out.size()).stream().anyMatch(e -> e.command.contains(SHARED_DATA));
      if (needsData) {
        for (int k = before; k < out.size(); k++) {
          Example e = out.get(k);
          out.set(
              k,
              new Example(
                  e.file, e.line, e.command, e.heredoc, e.expected, e.skip, true, e.exitOnly));
        }
      }
      i = end + 1;
    }
    for (int k = 0; k < lines.size(); k++) {
      String l = lines.get(k).strip();
      if (l.contains("<!-- readme-test")
          && !((MARKER.matcher(l).matches() || EXIT_ONLY.matcher(l).matches())
              && k + 1 < lines.size()
              && lines.get(k + 1).startsWith("```"))) {
        throw new IllegalStateException(
            file
                + ":"
                + (k + 1)
                + ": a readme-test marker must be '<!-- readme-test: skip [$ PREFIX] (REASON) -->'"
                + " or '<!-- readme-test: exit code only (REASON) -->' on the line right before a"
                + " code block");
      }
    }
    return out;
  }

  /** Adds the examples of the block's lines [from, to); returns how many the marker skips. */
  private static int parseBlock(
      String file,
      List<String> lines,
      int from,
      int to,
      Matcher marker,
      boolean exitOnly,
      List<Example> out) {
    int skipped = 0;
    int i = from;
    while (i < to && !lines.get(i).startsWith("$ ")) {
      i++; // blank lines before the first command
    }
    while (i < to) {
      int line = i + 1;
      StringBuilder cmd = new StringBuilder(lines.get(i).substring(2));
      i++;
      while (cmd.toString().endsWith("\\") && i < to) {
        cmd.setLength(cmd.length() - 1);
        cmd.append(' ').append(lines.get(i).strip());
        i++;
      }
      List<String> heredoc = null;
      Matcher h = Pattern.compile("<<\\s*'?(\\w+)'?").matcher(cmd);
      if (h.find()) {
        heredoc = new ArrayList<>();
        while (i < to && !lines.get(i).equals(h.group(1))) {
          heredoc.add(lines.get(i));
          i++;
        }
        i++; // the terminator
      }
      List<Expected> expected = new ArrayList<>();
      while (i < to && !lines.get(i).startsWith("$ ")) {
        expected.add(new Expected(i + 1, lines.get(i)));
        i++;
      }
      String skip = null;
      if (marker != null
          && (marker.group(1) == null || cmd.toString().startsWith(marker.group(1)))) {
        skip = marker.group(2);
        skipped++;
      }
      out.add(new Example(file, line, cmd.toString(), heredoc, expected, skip, false, exitOnly));
    }
    return skipped;
  }

  // ---------------------------------------------------------------- running

  private void check(Example e) throws IOException {
    if (isTestCommand(e.command)) {
      checkTestCommand(e);
      return;
    }
    if (e.needsData && RealData.findDebianBookworm(REPO).isEmpty()) {
      RealData.missing("ReadmeExamplesTest " + e.file + ":" + e.line, RealData.debianWhere(REPO));
    }
    String shown;
    exitMismatch = null;
    try {
      shown = execute(e);
    } catch (Unsupported u) {
      throw new AssertionFailedError(
          e.file
              + ":"
              + e.line
              + ": $ "
              + e.command
              + "\n  cannot be run here: "
              + u.getMessage()
              + "\n  (support it in ReadmeExamplesTest, or mark the block with"
              + " <!-- readme-test: skip (REASON) -->)");
    }
    List<String> actual = trimmed(shown.lines().map(this::relative).toList());
    List<Expected> expected = trimmedExpected(e.expected);
    if (!e.exitOnly && !matches(expected, 0, actual, 0)) {
      throw new AssertionFailedError(
          report(e, expected, actual),
          String.join("\n", expected.stream().map(Expected::text).toList()),
          String.join("\n", actual));
    }
    if (exitMismatch != null) {
      throw new AssertionFailedError(exitMismatch + "\n--- output\n" + String.join("\n", actual));
    }
  }

  /** Whether the command is the README's test command, which the tests cannot run inside. */
  static boolean isTestCommand(String command) {
    return command.startsWith("./mvnw ");
  }

  /** The test command is not run (it runs this test); it must be exactly what .ci/run runs. */
  private static void checkTestCommand(Example e) throws IOException {
    List<String> ci =
        Files.readAllLines(REPO.resolve(".ci/run")).stream()
            .map(String::strip)
            .filter(l -> l.startsWith("./mvnw "))
            .toList();
    if (!ci.contains(e.command.strip())) {
      throw new AssertionFailedError(
          e.file + ":" + e.line + ": the test command is not one .ci/run runs",
          String.join("\n", ci),
          e.command);
    }
  }

  /**
   * The exit code an example expects when no {@code echo "exit $?"} shows it: 2 when its output
   * shows a {@code preflight: error:} line (the README's convention: an error is one such line,
   * exit 2 for bad usage or input), else 0.
   */
  static int expectedExit(Example e) {
    return e.expected.stream().anyMatch(x -> x.text.startsWith("preflight: error:")) ? 2 : 0;
  }

  /** Set by {@link #execute} when a command's exit code is not the one the text shows. */
  private String exitMismatch;

  /** Runs the example's command line and returns what a terminal would show. */
  private String execute(Example e) throws IOException {
    List<List<Token>> sequence = split(tokenize(e.command), Token.SEMI);
    StringBuilder shown = new StringBuilder();
    lastOutputFile = null;
    for (int k = 0; k < sequence.size(); k++) {
      shown.append(runPipeline(sequence.get(k), e));
      // With a following 'echo "exit $?"' the printed code is compared with the text; otherwise the
      // code must be the one the text implies.
      boolean echo = sequence.get(k).stream().anyMatch(t -> t.text.contains(Token.STATUS));
      boolean echoed =
          k + 1 < sequence.size()
              && sequence.get(k + 1).stream().anyMatch(t -> t.text.contains(Token.STATUS));
      int want = expectedExit(e);
      if (!echo && !echoed && lastStatus != want && exitMismatch == null) {
        exitMismatch =
            e.file
                + ":"
                + e.line
                + ": $ "
                + e.command
                + "\n  exited "
                + lastStatus
                + ", expected "
                + want
                + (want == 0
                    ? " (no 'preflight: error:' line or 'echo \"exit $?\"' in the text shows"
                        + " another code)"
                    : " (the text shows a 'preflight: error:' line)");
      }
    }
    Matcher bytes = BYTES_COMMENT.matcher(e.command);
    if (bytes.find()) {
      long want = Long.parseLong(bytes.group(1).replace(",", ""));
      if (lastOutputFile == null || !Files.isRegularFile(lastOutputFile)) {
        throw new AssertionFailedError(
            e.file + ":" + e.line + ": a '# N bytes' comment but no -o file was written");
      }
      long got = Files.size(lastOutputFile);
      if (got != want) {
        throw new AssertionFailedError(
            e.file + ":" + e.line + ": the -o file has " + got + " bytes, the comment says " + want,
            want,
            got);
      }
    }
    return shown.toString();
  }

  private String runPipeline(List<Token> tokens, Example e) throws IOException {
    List<List<Token>> stages = split(tokens, Token.PIPE);
    List<String> words = new ArrayList<>();
    String redirect = null;
    boolean append = false;
    boolean mergeErr = false;
    List<Token> first = stages.get(0);
    for (int k = 0; k < first.size(); k++) {
      Token t = first.get(k);
      if (t == Token.GREATER || t == Token.APPEND) {
        if (k + 1 >= first.size() || first.get(k + 1).op) {
          throw new Unsupported("'" + t.text + "' without a file");
        }
        append = t == Token.APPEND;
        redirect = first.get(++k).text;
      } else if (t == Token.ERR_TO_OUT) {
        mergeErr = true;
      } else if (t.op && t.text.startsWith("<<")) {
        if (e.heredoc == null) {
          throw new Unsupported("here document without a body");
        }
      } else if (t.op) {
        throw new Unsupported("operator " + t.text);
      } else {
        words.add(t.text);
      }
    }
    while (!words.isEmpty() && words.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
      if (!words.get(0).startsWith("COLUMNS=")) {
        throw new Unsupported("environment assignment " + words.get(0));
      }
      words.remove(0);
    }
    if (words.isEmpty()) {
      throw new Unsupported("empty command");
    }
    Result r = runCommand(words, e);
    lastStatus = r.exit;
    String stdout = mergeErr ? r.all : r.out;
    String stderr = mergeErr ? "" : r.err;
    boolean piped = stages.size() > 1;
    if (redirect != null) {
      if (!redirect.equals("/dev/null")) {
        Path to = outPath(redirect);
        Files.createDirectories(to.toAbsolutePath().getParent());
        byte[] bytes = r.raw != null ? r.raw : stdout.getBytes(StandardCharsets.UTF_8);
        if (append) {
          Files.write(
              to,
              bytes,
              java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.APPEND);
        } else {
          Files.write(to, bytes);
        }
      }
      if (piped) {
        throw new Unsupported("'>' and '|' together");
      }
      return stderr;
    }
    if (!piped) {
      return r.all;
    }
    String text = stdout;
    for (List<Token> stage : stages.subList(1, stages.size())) {
      text = filter(stage, text);
    }
    return text + stderr;
  }

  /** What a command printed: stdout, stderr, and both in the order written; raw stdout bytes. */
  record Result(int exit, String out, String err, String all, byte[] raw) {
    Result(int exit, String out, String err, String all) {
      this(exit, out, err, all, null);
    }
  }

  private Result runCommand(List<String> words, Example e) throws IOException {
    String name = words.get(0);
    List<String> args = words.subList(1, words.size());
    switch (name) {
      case "./preflight":
        return preflight(args);
      case "echo":
        return ok(
            String.join(" ", args).replace(Token.STATUS, Integer.toString(lastStatus)) + "\n");
      case "printf":
        if (args.size() != 1) {
          throw new Unsupported("printf with arguments after the format");
        }
        return ok(printf(args.get(0)));
      case "java":
        return java(args);
      case "head":
        if (args.size() != 3 || !args.get(0).equals("-c") || !args.get(1).matches("\\d+")) {
          throw new Unsupported("head as a command other than head -c N FILE");
        }
        byte[] all = Files.readAllBytes(Path.of(inPath(args.get(2))));
        byte[] cut = Arrays.copyOf(all, (int) Math.min(all.length, Long.parseLong(args.get(1))));
        return new Result(0, "", "", "", cut);
      case "cmp":
        if (args.size() != 2) {
          throw new Unsupported("cmp with options");
        }
        byte[] a = Files.readAllBytes(Path.of(inPath(args.get(0))));
        byte[] b = Files.readAllBytes(Path.of(inPath(args.get(1))));
        if (Arrays.equals(a, b)) {
          return ok("");
        }
        String differ = args.get(0) + " " + args.get(1) + " differ\n";
        return new Result(1, differ, "", differ);
      case "mkdir":
        if (args.size() != 2 || !args.get(0).equals("-p")) {
          throw new Unsupported("mkdir without -p DIR");
        }
        Files.createDirectories(outPath(args.get(1)));
        return ok("");
      case "cat":
        if (e.heredoc != null && args.isEmpty()) {
          StringBuilder body = new StringBuilder();
          e.heredoc.forEach(l -> body.append(l).append('\n'));
          return ok(body.toString());
        }
        if (args.size() != 1) {
          throw new Unsupported("cat of more or less than one file");
        }
        return ok(Files.readString(Path.of(inPath(args.get(0))), StandardCharsets.UTF_8));
      case "python3":
        return python(args);
      case "curl":
        return curl(args);
      default:
        throw new Unsupported("command " + name);
    }
  }

  /**
   * {@code python3 scripts/NAME.py ARGS}: a script of the repository's {@code scripts/} (standard
   * library only), run as a process with file arguments found as for the other commands.
   */
  private Result python(List<String> args) throws IOException {
    if (args.isEmpty() || !args.get(0).startsWith("scripts/") || !args.get(0).endsWith(".py")) {
      throw new Unsupported("python3 other than a scripts/*.py of the repository");
    }
    List<String> cmd = new ArrayList<>(List.of("python3", REPO.resolve(args.get(0)).toString()));
    for (String a : args.subList(1, args.size())) {
      cmd.add(inPath(a));
    }
    Process p;
    try {
      p = new ProcessBuilder(cmd).directory(work.toFile()).start();
    } catch (IOException ex) {
      throw new Unsupported("python3 is not installed here (" + ex.getMessage() + ")");
    }
    try {
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("python3 " + args + " did not finish in 60 s");
      }
      String o = new String(out, StandardCharsets.UTF_8);
      String e = new String(err, StandardCharsets.UTF_8);
      return new Result(p.exitValue(), o, e, o + e);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IOException(ex);
    }
  }

  /** The server the documents' curl examples ask, started on the first one (see {@link #curl}). */
  private static dev.preflight.server.PreflightServer server;

  /** Where the documents say the server listens; rewritten to the test server's port. */
  private static final String DOC_SERVER = "http://127.0.0.1:8080";

  /**
   * {@code curl [-s] [-X METHOD] [-H 'NAME: VALUE'] [-F name=@FILE]... URL} against the server that
   * docs/serve.md starts: {@code preflight serve --graph
   * default=fixtures/debian-bookworm-amd64.arrow --graph
   * sample=fixtures/sample/nixpkgs-sample.json}, run here in-process on a free port (the URL's
   * {@code 127.0.0.1:8080} is rewritten). Prints the body as curl does; a status of 400 or more is
   * exit 22 as with {@code curl --fail}, only when {@code -f} is given.
   */
  private Result curl(List<String> args) throws IOException {
    String method = "GET";
    String url = null;
    boolean fail = false;
    java.net.http.HttpRequest.Builder b = null;
    List<String[]> headers = new ArrayList<>();
    List<String[]> parts = new ArrayList<>();
    for (int k = 0; k < args.size(); k++) {
      String a = args.get(k);
      switch (a) {
        case "-s", "--silent" -> {}
        case "-f", "--fail" -> fail = true;
        case "-X" -> method = args.get(++k);
        case "-H" -> headers.add(args.get(++k).split(":\\s*", 2));
        case "-F" -> parts.add(args.get(++k).split("=@", 2));
        default -> {
          if (a.startsWith("-") || url != null) {
            throw new Unsupported("curl option or argument " + a);
          }
          url = a;
        }
      }
    }
    if (url == null || !url.startsWith(DOC_SERVER + "/")) {
      throw new Unsupported("curl of a URL other than " + DOC_SERVER + "/...");
    }
    java.net.URI uri =
        java.net.URI.create(
            "http://127.0.0.1:" + server().port() + url.substring(DOC_SERVER.length()));
    b = java.net.http.HttpRequest.newBuilder(uri);
    if (!parts.isEmpty()) {
      String boundary = "readme-test-boundary";
      StringBuilder body = new StringBuilder();
      for (String[] part : parts) {
        body.append("--")
            .append(boundary)
            .append("\r\nContent-Disposition: form-data; name=\"")
            .append(part[0])
            .append("\"; filename=\"")
            .append(Path.of(part[1]).getFileName())
            .append("\"\r\n\r\n")
            .append(Files.readString(Path.of(inPath(part[1])), StandardCharsets.UTF_8))
            .append("\r\n");
      }
      body.append("--").append(boundary).append("--\r\n");
      b.header("Content-Type", "multipart/form-data; boundary=" + boundary);
      b.method(
          "POST".equals(method) || method.equals("GET") ? "POST" : method,
          java.net.http.HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      b.method(method, java.net.http.HttpRequest.BodyPublishers.noBody());
    }
    for (String[] h : headers) {
      b.header(h[0], h[1]);
    }
    try {
      java.net.http.HttpResponse<String> r =
          java.net.http.HttpClient.newHttpClient()
              .send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      int exit = fail && r.statusCode() >= 400 ? 22 : 0;
      return new Result(exit, r.body(), "", r.body());
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IOException(ex);
    }
  }

  private static synchronized dev.preflight.server.PreflightServer server() {
    if (server == null) {
      server =
          dev.preflight.server.PreflightServer.start(
              new dev.preflight.server.ServerConfig(
                  "127.0.0.1",
                  0,
                  null,
                  null,
                  List.of(
                      new dev.preflight.server.GraphSource(
                          "default", REPO.resolve(DefaultGraph.FILE), null),
                      new dev.preflight.server.GraphSource(
                          "sample", REPO.resolve("fixtures/sample/nixpkgs-sample.json"), null)),
                  dev.preflight.settings.Settings.defaults(),
                  Runtime.getRuntime().availableProcessors(),
                  16,
                  120_000,
                  64 << 20,
                  0,
                  1_000,
                  0,
                  new java.io.PrintStream(
                      java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)));
    }
    return server;
  }

  @org.junit.jupiter.api.AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  private static Result ok(String out) {
    return new Result(0, out, "", out);
  }

  /** Arguments with their file names mapped: outputs to the temporary folder, inputs found. */
  private String[] mapArgs(List<String> words) {
    String[] args = new String[words.size()];
    for (int k = 0; k < args.length; k++) {
      String w = words.get(k);
      int eq = w.indexOf('=');
      if (k > 0 && OUTPUT_OPTIONS.contains(words.get(k - 1))) {
        args[k] = outPath(w).toString();
        if (!words.get(k - 1).equals("--html")) {
          lastOutputFile = outPath(w);
        }
      } else if (w.startsWith("--") && eq > 0 && OUTPUT_OPTIONS.contains(w.substring(0, eq))) {
        args[k] = w.substring(0, eq + 1) + outPath(w.substring(eq + 1));
      } else if (!w.startsWith("-")) {
        args[k] = inPath(w);
      } else {
        args[k] = w;
      }
    }
    return args;
  }

  private Result preflight(List<String> words) {
    String[] args = mapArgs(words);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    StringWriter all = new StringWriter();
    var cl = Main.commandLine(args);
    cl.setOut(new PrintWriter(new Tee(out, all), true));
    cl.setErr(new PrintWriter(new Tee(err, all), true));
    int exit = cl.execute(args);
    return new Result(exit, out.toString(), err.toString(), all.toString());
  }

  /**
   * {@code java -cp cli/target/preflight.jar CLASS ARGS}: CLASS's {@code main} in-process (the
   * classes are on the test class path, the jar need not exist yet), with {@code System.out} and
   * {@code System.err} captured and file arguments mapped as for {@code ./preflight}.
   */
  private Result java(List<String> words) throws IOException {
    if (words.size() < 3
        || !words.get(0).equals("-cp")
        || !words.get(1).equals("cli/target/preflight.jar")) {
      throw new Unsupported("java other than java -cp cli/target/preflight.jar CLASS ARGS");
    }
    String[] args = mapArgs(words.subList(3, words.size()));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    java.io.PrintStream oldOut = System.out;
    java.io.PrintStream oldErr = System.err;
    synchronized (ReadmeExamplesTest.class) {
      try {
        System.setOut(
            new java.io.PrintStream(new TeeStream(out, all), true, StandardCharsets.UTF_8));
        System.setErr(
            new java.io.PrintStream(new TeeStream(err, all), true, StandardCharsets.UTF_8));
        Class.forName(words.get(2)).getMethod("main", String[].class).invoke(null, (Object) args);
      } catch (ReflectiveOperationException ex) {
        throw new AssertionFailedError("java " + words.get(2) + ": " + ex, ex);
      } finally {
        System.out.flush();
        System.err.flush();
        System.setOut(oldOut);
        System.setErr(oldErr);
      }
    }
    return new Result(
        0,
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8),
        all.toString(StandardCharsets.UTF_8));
  }

  /** Writes to two byte streams. */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }

  /** An output file: always in the temporary folder ({@code ~/} is a home folder inside it). */
  private Path outPath(String relative) {
    if (relative.startsWith("~/")) {
      return work.resolve("home").resolve(relative.substring(2));
    }
    Path p = Path.of(relative);
    return p.isAbsolute() ? p : work.resolve(relative);
  }

  /** An argument: the temporary folder's file, else the repository's, else the word itself. */
  private String inPath(String word) {
    if (word.startsWith("~/")) {
      return outPath(word).toString();
    }
    if (word.isEmpty() || Path.of(word).isAbsolute()) {
      return word;
    }
    try {
      if (Files.exists(work.resolve(word))) {
        return work.resolve(word).toString();
      }
      if (Files.exists(REPO.resolve(word))) {
        return REPO.resolve(word).toString();
      }
    } catch (java.nio.file.InvalidPathException ignored) {
      // not a path: a package name with odd characters
    }
    return word;
  }

  private String relative(String line) {
    return line.replace(work + "/", "").replace(REPO + "/", "");
  }

  private static String filter(List<Token> stage, String text) throws IOException {
    List<String> w = new ArrayList<>();
    for (Token t : stage) {
      if (t.op) {
        throw new Unsupported("operator " + t.text + " after a pipe");
      }
      w.add(t.text);
    }
    List<String> lines = text.lines().toList();
    switch (w.get(0)) {
      case "head":
        int n = 10;
        if (w.size() == 2 && w.get(1).matches("-\\d+")) {
          n = Integer.parseInt(w.get(1).substring(1));
        } else if (w.size() == 3 && w.get(1).equals("-n")) {
          n = Integer.parseInt(w.get(2));
        } else if (w.size() != 1) {
          throw new Unsupported("head " + String.join(" ", w.subList(1, w.size())));
        }
        return join(lines.subList(0, Math.min(n, lines.size())));
      case "grep":
        if (w.size() != 2) {
          throw new Unsupported("grep with options or files");
        }
        Pattern p = Pattern.compile(w.get(1));
        return join(lines.stream().filter(l -> p.matcher(l).find()).toList());
      case "jq":
        if (w.size() != 2) {
          throw new Unsupported("jq with options");
        }
        return Jq.run(w.get(1), text);
      default:
        throw new Unsupported("filter " + w.get(0));
    }
  }

  private static String join(List<String> lines) {
    StringBuilder sb = new StringBuilder();
    lines.forEach(l -> sb.append(l).append('\n'));
    return sb.toString();
  }

  private static String printf(String format) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < format.length(); k++) {
      char c = format.charAt(k);
      if (c == '%') {
        if (k + 1 < format.length() && format.charAt(k + 1) == '%') {
          sb.append('%');
          k++;
          continue;
        }
        throw new Unsupported("printf directive in " + format);
      }
      if (c != '\\' || k + 1 == format.length()) {
        sb.append(c);
        continue;
      }
      char n = format.charAt(++k);
      switch (n) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case '\\' -> sb.append('\\');
        default -> throw new Unsupported("printf escape \\" + n);
      }
    }
    return sb.toString();
  }

  /** Writes to two writers: one stream alone, and both streams in the order written. */
  private static final class Tee extends Writer {
    private final Writer a;
    private final Writer b;

    Tee(Writer a, Writer b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  // ---------------------------------------------------------------- shell words

  /** A shell word, or an operator ({@code op}) such as {@code |}. */
  record Token(String text, boolean op) {
    static final Token PIPE = new Token("|", true);
    static final Token SEMI = new Token(";", true);
    static final Token GREATER = new Token(">", true);
    static final Token APPEND = new Token(">>", true);
    static final Token ERR_TO_OUT = new Token("2>&1", true);

    /** Stands for {@code $?} inside a word until the command runs. */
    static final String STATUS = "\u0001";
  }

  static List<Token> tokenize(String line) {
    List<Token> out = new ArrayList<>();
    StringBuilder w = null;
    int k = 0;
    while (k < line.length()) {
      char c = line.charAt(k);
      if (Character.isWhitespace(c)) {
        if (w != null) {
          out.add(new Token(w.toString(), false));
          w = null;
        }
        k++;
      } else if (w == null && c == '#') {
        break; // a comment
      } else if (w == null && line.startsWith("2>&1", k)) {
        out.add(Token.ERR_TO_OUT);
        k += 4;
      } else if (w == null && line.startsWith("<<", k)) {
        Matcher m = Pattern.compile("<<\\s*'?(\\w+)'?").matcher(line).region(k, line.length());
        if (!m.lookingAt()) {
          throw new Unsupported("here document syntax");
        }
        out.add(new Token("<<" + m.group(1), true));
        k = m.end();
      } else if (c == '|' || c == ';' || c == '>' || c == '<' || c == '&') {
        if (w != null) {
          out.add(new Token(w.toString(), false));
          w = null;
        }
        Token t =
            switch (c) {
              case '|' -> Token.PIPE;
              case ';' -> Token.SEMI;
              case '>' -> line.startsWith(">>", k) ? Token.APPEND : Token.GREATER;
              default -> throw new Unsupported("operator " + c);
            };
        out.add(t);
        k += t.text.length() - 1;
        k++;
      } else {
        if (w == null) {
          w = new StringBuilder();
        }
        if (c == '\'') {
          int close = line.indexOf('\'', k + 1);
          if (close < 0) {
            throw new Unsupported("unclosed '");
          }
          w.append(line, k + 1, close);
          k = close + 1;
        } else if (c == '"') {
          k++;
          while (k < line.length() && line.charAt(k) != '"') {
            char d = line.charAt(k);
            if (d == '\\' && k + 1 < line.length() && "\"\\$`".indexOf(line.charAt(k + 1)) >= 0) {
              w.append(line.charAt(k + 1));
              k += 2;
            } else if (line.startsWith("$?", k)) {
              w.append(Token.STATUS);
              k += 2;
            } else if (d == '$' || d == '`') {
              throw new Unsupported("expansion inside \"...\"");
            } else {
              w.append(d);
              k++;
            }
          }
          if (k >= line.length()) {
            throw new Unsupported("unclosed \"");
          }
          k++;
        } else if (c == '\\' && k + 1 < line.length()) {
          w.append(line.charAt(k + 1));
          k += 2;
        } else if (line.startsWith("$?", k)) {
          w.append(Token.STATUS);
          k += 2;
        } else if (c == '$' || c == '`' || c == '*' || c == '?') {
          throw new Unsupported("expansion or glob " + c);
        } else {
          w.append(c);
          k++;
        }
      }
    }
    if (w != null) {
      out.add(new Token(w.toString(), false));
    }
    return out;
  }

  private static List<List<Token>> split(List<Token> tokens, Token by) {
    List<List<Token>> out = new ArrayList<>();
    List<Token> cur = new ArrayList<>();
    for (Token t : tokens) {
      if (t.equals(by)) {
        out.add(cur);
        cur = new ArrayList<>();
      } else {
        cur.add(t);
      }
    }
    out.add(cur);
    for (List<Token> part : out) {
      if (part.isEmpty()) {
        throw new Unsupported("empty command around " + by.text);
      }
    }
    return out;
  }

  /** A shell construct this test does not run. */
  static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported(String what) {
      super(what);
    }
  }

  // ---------------------------------------------------------------- comparing

  private static List<String> trimmed(List<String> lines) {
    List<String> out = new ArrayList<>(lines.stream().map(String::stripTrailing).toList());
    while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  private static List<Expected> trimmedExpected(List<Expected> lines) {
    List<Expected> out =
        new ArrayList<>(
            lines.stream().map(x -> new Expected(x.line, x.text.stripTrailing())).toList());
    while (!out.isEmpty() && out.get(out.size() - 1).text.isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  private static boolean isSkipLine(Expected x) {
    return x.text.strip().equals(ELLIPSIS);
  }

  /** Whether one README line matches one actual line (the {@code …} rules). */
  static boolean lineMatches(String expected, String actual) {
    if (!expected.contains(ELLIPSIS)) {
      return expected.equals(actual);
    }
    String[] parts = expected.split(ELLIPSIS, -1);
    String head = parts[0];
    String tail = parts[parts.length - 1];
    if (!actual.startsWith(head) || actual.length() < head.length() + tail.length()) {
      return false;
    }
    if (!actual.endsWith(tail)) {
      return false;
    }
    int at = head.length();
    int limit = actual.length() - tail.length();
    for (String mid : Arrays.asList(parts).subList(1, parts.length - 1)) {
      int found = actual.indexOf(mid, at);
      if (found < 0 || found + mid.length() > limit) {
        return false;
      }
      at = found + mid.length();
    }
    return true;
  }

  private static boolean matches(List<Expected> exp, int i, List<String> act, int j) {
    if (i == exp.size()) {
      return j == act.size();
    }
    if (isSkipLine(exp.get(i))) {
      for (int k = j; k <= act.size(); k++) {
        if (matches(exp, i + 1, act, k)) {
          return true;
        }
      }
      return false;
    }
    return j < act.size()
        && lineMatches(exp.get(i).text, act.get(j))
        && matches(exp, i + 1, act, j + 1);
  }

  /** The failure message: the command, the first differing line (greedy), both outputs. */
  private static String report(Example e, List<Expected> exp, List<String> act) {
    int i = 0;
    int j = 0;
    while (i < exp.size()) {
      if (isSkipLine(exp.get(i))) {
        int next = i + 1;
        if (next == exp.size()) {
          j = act.size();
          i = next;
          break;
        }
        int k = j;
        while (k < act.size() && !lineMatches(exp.get(next).text, act.get(k))) {
          k++;
        }
        if (k == act.size()) {
          i = next;
          break;
        }
        j = k;
        i = next;
      } else if (j < act.size() && lineMatches(exp.get(i).text, act.get(j))) {
        i++;
        j++;
      } else {
        break;
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append(e.file).append(':').append(e.line).append(": $ ").append(e.command).append('\n');
    if (i < exp.size()) {
      sb.append("  first difference at ")
          .append(e.file)
          .append(':')
          .append(exp.get(i).line)
          .append('\n');
      sb.append("    README: ").append(exp.get(i).text).append('\n');
      sb.append("    actual: ")
          .append(j < act.size() ? act.get(j) : "(end of output)")
          .append('\n');
    } else {
      sb.append("  the text's output ends at line ")
          .append(exp.isEmpty() ? e.line : exp.get(exp.size() - 1).line)
          .append(", the actual output goes on with: ")
          .append(j < act.size() ? act.get(j) : "(nothing)")
          .append('\n');
    }
    sb.append("--- README (lines ")
        .append(exp.isEmpty() ? "none" : exp.get(0).line + "-" + exp.get(exp.size() - 1).line)
        .append(")\n");
    exp.forEach(x -> sb.append(x.text).append('\n'));
    sb.append("--- actual\n");
    act.forEach(l -> sb.append(l).append('\n'));
    return sb.toString();
  }

  private static String abbreviate(String command) {
    return command.length() <= 100 ? command : command.substring(0, 99) + ELLIPSIS;
  }

  // ---------------------------------------------------------------- jq

  /**
   * The part of jq the README uses: paths ({@code .a}, {@code .a.b}, {@code .a[]}, {@code .a[M:N]},
   * {@code .a[N]}), array and object construction ({@code {a, b: E}}), and pipes; printed as jq
   * prints (two-space indent, one element per line, {@code []} and {@code {}} when empty).
   */
  static final class Jq {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final String src;
    private int pos;

    private Jq(String src) {
      this.src = src;
    }

    static String run(String filter, String input) throws IOException {
      StringBuilder sb = new StringBuilder();
      try (MappingIterator<JsonNode> docs = MAPPER.readerFor(JsonNode.class).readValues(input)) {
        while (docs.hasNext()) {
          JsonNode doc = docs.next();
          Jq p = new Jq(filter);
          Expr e = p.pipe();
          p.space();
          if (p.pos != p.src.length()) {
            throw new Unsupported("jq filter at '" + filter.substring(p.pos) + "'");
          }
          for (JsonNode v : e.eval(doc)) {
            print(v, 0, sb);
            sb.append('\n');
          }
        }
      }
      return sb.toString();
    }

    interface Expr {
      List<JsonNode> eval(JsonNode in);
    }

    private Expr pipe() {
      Expr left = term();
      space();
      while (peek('|')) {
        pos++;
        Expr l = left;
        Expr r = term();
        left = in -> l.eval(in).stream().flatMap(v -> r.eval(v).stream()).toList();
        space();
      }
      return left;
    }

    private Expr term() {
      space();
      if (peek('{')) {
        pos++;
        List<Map.Entry<String, Expr>> entries = new ArrayList<>();
        space();
        while (!peek('}')) {
          String key = ident();
          space();
          Expr value;
          if (peek(':')) {
            pos++;
            value = pipe(); // stops at the object's ',' or '}'
          } else {
            value = in -> List.of(field(in, key));
          }
          entries.add(Map.entry(key, value));
          space();
          if (peek(',')) {
            pos++;
            space();
          } else if (!peek('}')) {
            throw new Unsupported("jq object at '" + src.substring(pos) + "'");
          }
        }
        pos++;
        return in -> {
          ObjectNode o = JsonNodeFactory.instance.objectNode();
          for (var en : entries) {
            List<JsonNode> v = en.getValue().eval(in);
            if (v.size() != 1) {
              throw new Unsupported("jq object value with " + v.size() + " results");
            }
            o.set(en.getKey(), v.get(0));
          }
          return List.of(o);
        };
      }
      if (peek('[')) {
        pos++;
        Expr inner = pipe();
        expect(']');
        return in -> {
          ArrayNode a = JsonNodeFactory.instance.arrayNode();
          inner.eval(in).forEach(a::add);
          return List.of(a);
        };
      }
      if (peek('.')) {
        return path();
      }
      throw new Unsupported("jq term at '" + src.substring(pos) + "'");
    }

    private Expr path() {
      Expr cur = List::of;
      pos++; // the leading '.'
      if (pos < src.length() && Character.isLetter(src.charAt(pos))) {
        String key = ident();
        Expr c = cur;
        cur = in -> c.eval(in).stream().map(v -> field(v, key)).toList();
      }
      while (pos < src.length()) {
        if (peek('.') && pos + 1 < src.length() && Character.isLetter(src.charAt(pos + 1))) {
          pos++;
          String key = ident();
          Expr c = cur;
          cur = in -> c.eval(in).stream().map(v -> field(v, key)).toList();
        } else if (peek('[')) {
          pos++;
          int close = src.indexOf(']', pos);
          if (close < 0) {
            throw new Unsupported("jq: unclosed [");
          }
          String idx = src.substring(pos, close).strip();
          pos = close + 1;
          Expr c = cur;
          cur = in -> c.eval(in).stream().flatMap(v -> index(v, idx).stream()).toList();
        } else {
          break;
        }
      }
      return cur;
    }

    private static JsonNode field(JsonNode v, String key) {
      if (v.isNull()) {
        return NullNode.getInstance();
      }
      if (!v.isObject()) {
        throw new Unsupported("jq: ." + key + " of a non-object");
      }
      JsonNode f = v.get(key);
      return f == null ? NullNode.getInstance() : f;
    }

    private static List<JsonNode> index(JsonNode v, String idx) {
      if (idx.isEmpty()) {
        List<JsonNode> out = new ArrayList<>();
        v.elements().forEachRemaining(out::add);
        return out;
      }
      if (!v.isArray()) {
        throw new Unsupported("jq: [" + idx + "] of a non-array");
      }
      int colon = idx.indexOf(':');
      if (colon < 0) {
        int n = Integer.parseInt(idx);
        JsonNode e = v.get(n < 0 ? v.size() + n : n);
        return List.of(e == null ? NullNode.getInstance() : e);
      }
      String a = idx.substring(0, colon).strip();
      String b = idx.substring(colon + 1).strip();
      int from = a.isEmpty() ? 0 : Math.min(v.size(), Integer.parseInt(a));
      int to = b.isEmpty() ? v.size() : Math.min(v.size(), Integer.parseInt(b));
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (int k = from; k < to; k++) {
        out.add(v.get(k));
      }
      return List.of(out);
    }

    private String ident() {
      int start = pos;
      while (pos < src.length()
          && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
        pos++;
      }
      if (start == pos) {
        throw new Unsupported("jq: a name expected at '" + src.substring(pos) + "'");
      }
      return src.substring(start, pos);
    }

    private boolean peek(char c) {
      return pos < src.length() && src.charAt(pos) == c;
    }

    private void expect(char c) {
      space();
      if (!peek(c)) {
        throw new Unsupported("jq: '" + c + "' expected at '" + src.substring(pos) + "'");
      }
      pos++;
    }

    private void space() {
      while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
        pos++;
      }
    }

    private static void print(JsonNode v, int indent, StringBuilder sb) {
      if (v.isObject() || v.isArray()) {
        if (v.isEmpty()) {
          sb.append(v.isObject() ? "{}" : "[]");
          return;
        }
        sb.append(v.isObject() ? "{\n" : "[\n");
        var fields = v.isObject() ? v.properties().iterator() : null;
        var elements = v.elements();
        boolean firstItem = true;
        while (fields != null ? fields.hasNext() : elements.hasNext()) {
          if (!firstItem) {
            sb.append(",\n");
          }
          firstItem = false;
          sb.append("  ".repeat(indent + 1));
          JsonNode item;
          if (fields != null) {
            var f = fields.next();
            string(f.getKey(), sb);
            sb.append(": ");
            item = f.getValue();
          } else {
            item = elements.next();
          }
          print(item, indent + 1, sb);
        }
        sb.append('\n').append("  ".repeat(indent)).append(v.isObject() ? '}' : ']');
      } else if (v.isTextual()) {
        string(v.textValue(), sb);
      } else if (v.isIntegralNumber()) {
        sb.append(v.bigIntegerValue());
      } else if (v.isNumber()) {
        double d = v.doubleValue();
        String s = Double.toString(d);
        sb.append(
            d == Math.rint(d) && Math.abs(d) < 1e17
                ? Long.toString((long) d)
                : s.contains("E") ? new java.math.BigDecimal(s).toPlainString() : s);
      } else {
        sb.append(v.asText()); // true, false, null
      }
    }

    private static void string(String s, StringBuilder sb) {
      sb.append('"');
      for (int k = 0; k < s.length(); k++) {
        char c = s.charAt(k);
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          case '\n' -> sb.append("\\n");
          case '\t' -> sb.append("\\t");
          case '\r' -> sb.append("\\r");
          case '\b' -> sb.append("\\b");
          case '\f' -> sb.append("\\f");
          default -> {
            if (c < 0x20 || c == 0x7f) {
              sb.append(String.format("\\u%04x", (int) c));
            } else {
              sb.append(c);
            }
          }
        }
      }
      sb.append('"');
    }
  }
}
