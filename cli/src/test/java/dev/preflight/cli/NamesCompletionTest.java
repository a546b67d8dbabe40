package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Completion of package names: the hidden {@code names} command and the bash script's wiring. */
final class NamesCompletionTest {
  @TempDir Path dir;

  @Test
  void names_listsTheGraphsNamesWithThePrefix_sortedAndDistinct() {
    Cli r = Cli.run("names", "--prefix", "zlib");
    assertEquals(0, r.exitCode, r.toString());
    List<String> names = r.out.lines().toList();
    assertTrue(names.contains("zlib"), r.out);
    assertTrue(names.stream().allMatch(n -> n.startsWith("zlib")), r.out);
    assertEquals(names.stream().sorted().distinct().toList(), names);
    assertEquals("", r.err);
  }

  @Test
  void names_withCommas_completesTheLastPart_andReadsTheGraphOfTheLine() throws Exception {
    Path g = dir.resolve("g.json");
    Files.writeString(
        g,
        "{\"schemaVersion\":1,\"nodes\":[{\"id\":\"1\",\"name\":\"openssl\"},"
            + "{\"id\":\"2\",\"name\":\"openssh\"},{\"id\":\"3\",\"name\":\"zlib\"},"
            + "{\"id\":\"4\",\"name\":\"openssl\"}],\"edges\":[]}");
    Cli r = Cli.run("names", "--graph", g.toString(), "--prefix", "zlib,opens");
    assertEquals(0, r.exitCode, r.toString());
    assertEquals("zlib,openssh\nzlib,openssl\n", r.out);
    Cli all = Cli.run("names", "--graph", g.toString());
    assertEquals("openssh\nopenssl\nzlib\n", all.out);
  }

  @Test
  void names_isHiddenFromHelp() {
    assertFalse(Cli.run("--help").out.contains("names"));
  }

  /**
   * The generated script in a real bash: TAB after {@code --change zli} (and after {@code --pin})
   * runs {@code <the program> names --prefix zli --graph <the line's graph>} and offers its lines.
   * The program is a stub that records its arguments, so the test needs no built jar.
   */
  @Test
  void bashScript_completesChangeAndPinFromTheNamesCommand() throws Exception {
    Path bash = Path.of("/bin/bash");
    if (!Files.isExecutable(bash)) {
      throw new AssertionError("bash is needed to test the completion script: " + bash);
    }
    Path script = dir.resolve("preflight_completion.sh");
    Files.writeString(script, Cli.run("generate-completion").out);
    Path stub = dir.resolve("preflight");
    Path args = dir.resolve("args");
    Files.writeString(
        stub, "#!/bin/sh\necho \"$@\" >> '" + args + "'\nprintf 'zlib\\nzlib-ng\\n'\n");
    stub.toFile().setExecutable(true);
    String test =
        String.join(
            "\n",
            "source '" + script + "'",
            "compopt() { :; }", // only valid inside a real completion
            "COMP_WORDS=('" + stub + "' impact --graph g.arrow --change zli)",
            "COMP_CWORD=5",
            "_complete_preflight",
            "echo \"change:${COMPREPLY[*]}\"",
            "COMP_WORDS=('" + stub + "' cost --pin zl)",
            "COMP_CWORD=3",
            "_complete_preflight",
            "echo \"pin:${COMPREPLY[*]}\"",
            "");
    Process p = new ProcessBuilder(bash.toString(), "-c", test).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), out);
    assertEquals(0, p.exitValue(), out);
    assertEquals("change:zlib zlib-ng\npin:zlib zlib-ng\n", out);
    assertEquals("names --prefix zli --graph g.arrow\nnames --prefix zl\n", Files.readString(args));
  }
}
