package dev.preflight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Every shell example of the README runs and prints what the README shows.
 *
 * <p><b>What counts as an example.</b> Every line of a fenced code block that starts with {@code $
 * } is a command (a trailing {@code \} continues it on the next line); the lines after it, up to
 * the next {@code $ } line or the end of the block, are its expected output. The commands of the
 * whole README run in order in one temporary folder, as a reader following along in one shell
 * would, so a file written by one example ({@code -o g.json}) is there for the next.
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
 *       DIR} and {@code cat FILE};
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
 * <p><b>Skipping.</b> Only by a visible marker on the line right before a block: {@code <!--
 * readme-test: skip (REASON) -->} skips its every command, {@code <!-- readme-test: skip $ PREFIX
 * (REASON) -->} the commands that start with PREFIX. A marker that skips nothing fails the test.
 * Marked examples are not turned into tests; the README names each one's reason.
 */
final class ReadmeExamplesTest {
  private static final Path REPO =
      Path.of(System.getProperty("preflight.repo", "..")).toAbsolutePath().normalize();
  private static final String ELLIPSIS = "…";
  private static final Pattern MARKER =
      Pattern.compile("<!-- readme-test: skip(?: \\$ (.+?))? \\((.+)\\) -->");
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
    List<Example> examples = parse(Files.readAllLines(REPO.resolve("README.md")));
    // A marked example is not run at all (it is no test), so the suite reports no skipped tests;
    // the markers themselves are checked while parsing.
    return examples.stream()
        .filter(e -> e.skip == null)
        .map(
            e ->
                DynamicTest.dynamicTest(
                    "README.md:" + e.line + ": $ " + abbreviate(e.command), () -> check(e)));
  }

  // ---------------------------------------------------------------- README parsing

  /** One {@code $ } command of the README, its expected output, and why it is skipped if it is. */
  record Example(
      int line, String command, List<String> heredoc, List<Expected> expected, String skip) {}

  /** One expected output line and its README line number. */
  record Expected(int line, String text) {}

  static List<Example> parse(List<String> lines) {
    List<Example> out = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      if (!lines.get(i).startsWith("```")) {
        i++;
        continue;
      }
      Matcher marker = i > 0 ? MARKER.matcher(lines.get(i - 1).strip()) : null;
      boolean marked = marker != null && marker.matches();
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).startsWith("```")) {
        end++;
      }
      int found = parseBlock(lines, i + 1, end, marked ? marker : null, out);
      if (marked && found == 0) {
        throw new IllegalStateException(
            "README.md:" + i + ": skip marker skips no command of the block below it");
      }
      i = end + 1;
    }
    for (int k = 0; k < lines.size(); k++) {
      if (lines.get(k).contains("<!-- readme-test")
          && !(MARKER.matcher(lines.get(k).strip()).matches()
              && k + 1 < lines.size()
              && lines.get(k + 1).startsWith("```"))) {
        throw new IllegalStateException(
            "README.md:"
                + (k + 1)
                + ": a readme-test marker must be '<!-- readme-test: skip [$ PREFIX] (REASON) -->'"
                + " on the line right before a code block");
      }
    }
    if (out.size() < 10) {
      throw new IllegalStateException("found only " + out.size() + " README examples");
    }
    return out;
  }

  /** Adds the examples of the block's lines [from, to); returns how many the marker skips. */
  private static int parseBlock(
      List<String> lines, int from, int to, Matcher marker, List<Example> out) {
    int skipped = 0;
    int i = from;
    while (i < to && !lines.get(i).startsWith("$ ")) {
      i++; // a block without commands, or text before the first one
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
      out.add(new Example(line, cmd.toString(), heredoc, expected, skip));
    }
    return skipped;
  }

  // ---------------------------------------------------------------- running

  private void check(Example e) throws IOException {
    String shown;
    try {
      shown = execute(e);
    } catch (Unsupported u) {
      throw new AssertionFailedError(
          "README.md:"
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
    if (!matches(expected, 0, actual, 0)) {
      throw new AssertionFailedError(
          report(e, expected, actual),
          String.join("\n", expected.stream().map(Expected::text).toList()),
          String.join("\n", actual));
    }
  }

  /** Runs the example's command line and returns what a terminal would show. */
  private String execute(Example e) throws IOException {
    List<List<Token>> sequence = split(tokenize(e.command), Token.SEMI);
    StringBuilder shown = new StringBuilder();
    lastOutputFile = null;
    for (List<Token> pipeline : sequence) {
      shown.append(runPipeline(pipeline, e));
    }
    Matcher bytes = BYTES_COMMENT.matcher(e.command);
    if (bytes.find()) {
      long want = Long.parseLong(bytes.group(1).replace(",", ""));
      if (lastOutputFile == null || !Files.isRegularFile(lastOutputFile)) {
        throw new AssertionFailedError(
            "README.md:" + e.line + ": a '# N bytes' comment but no -o file was written");
      }
      long got = Files.size(lastOutputFile);
      if (got != want) {
        throw new AssertionFailedError(
            "README.md:" + e.line + ": the -o file has " + got + " bytes, the comment says " + want,
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
    boolean mergeErr = false;
    List<Token> first = stages.get(0);
    for (int k = 0; k < first.size(); k++) {
      Token t = first.get(k);
      if (t == Token.GREATER) {
        if (k + 1 >= first.size() || first.get(k + 1).op) {
          throw new Unsupported("'>' without a file");
        }
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
        Files.writeString(outPath(redirect), stdout);
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

  /** What a command printed: stdout, stderr, and both in the order written. */
  record Result(int exit, String out, String err, String all) {}

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
      default:
        throw new Unsupported("command " + name);
    }
  }

  private static Result ok(String out) {
    return new Result(0, out, "", out);
  }

  private Result preflight(List<String> words) {
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
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    StringWriter all = new StringWriter();
    var cl = Main.commandLine(args);
    cl.setOut(new PrintWriter(new Tee(out, all), true));
    cl.setErr(new PrintWriter(new Tee(err, all), true));
    int exit = cl.execute(args);
    return new Result(exit, out.toString(), err.toString(), all.toString());
  }

  /** An output file: always in the temporary folder. */
  private Path outPath(String relative) {
    Path p = Path.of(relative);
    return p.isAbsolute() ? p : work.resolve(relative);
  }

  /** An argument: the temporary folder's file, else the repository's, else the word itself. */
  private String inPath(String word) {
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
              case '>' -> Token.GREATER;
              default -> throw new Unsupported("operator " + c);
            };
        out.add(t);
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
    sb.append("README.md:").append(e.line).append(": $ ").append(e.command).append('\n');
    if (i < exp.size()) {
      sb.append("  first difference at README.md:").append(exp.get(i).line).append('\n');
      sb.append("    README: ").append(exp.get(i).text).append('\n');
      sb.append("    actual: ")
          .append(j < act.size() ? act.get(j) : "(end of output)")
          .append('\n');
    } else {
      sb.append("  the README's output ends at line ")
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
