package dev.preflight.cli;

import dev.preflight.impact.Changes;
import java.io.PrintWriter;
import java.util.Map;

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
}
