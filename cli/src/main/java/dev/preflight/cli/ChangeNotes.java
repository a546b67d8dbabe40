package dev.preflight.cli;

import dev.preflight.graph.Progress;
import dev.preflight.impact.Changes;
import dev.preflight.report.question.Env;
import dev.preflight.settings.Settings;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine.Model.CommandSpec;

/** What a command says on stderr about how it read the change (data stays on stdout). */
final class ChangeNotes {
  private ChangeNotes() {}

  /**
   * One line per Debian binary package name that resolved to its source ({@code libssl3 is a binary
   * of openssl: rebuilding source openssl}), so the answer says which source it is about.
   */
  static Changes report(Changes changes, PrintWriter err) {
    for (Map.Entry<String, String> e : changes.viaBinary().entrySet()) {
      err.println(
          "preflight: "
              + e.getKey()
              + " is a binary package of source "
              + e.getValue()
              + "; the change is to "
              + e.getValue());
    }
    err.flush();
    return changes;
  }

  /**
   * The environment a shared question runs in on the command line: the change notes above go to the
   * command's stderr (the server answers the same questions without them).
   */
  static Env env(
      Settings settings,
      ExecutorService executor,
      int threads,
      Progress progress,
      CommandSpec spec) {
    PrintWriter err = spec.commandLine().getErr();
    return new Env(settings, executor, threads, progress, c -> report(c, err));
  }
}
