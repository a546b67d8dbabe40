package dev.preflight.server;

/** Inputs the tests derive from the repository's fixtures. */
final class Fixtures {
  private Fixtures() {}

  /**
   * A nix-eval-jobs output with one derivation changed: the first job's drvPath gets another hash,
   * as a new version of the package would give it.
   */
  static String changedEvalJobs(String before) {
    int at = before.indexOf("\"drvPath\":\"/nix/store/") + "\"drvPath\":\"/nix/store/".length();
    return before.substring(0, at) + "0000000000" + before.substring(at + 10);
  }
}
