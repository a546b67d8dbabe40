package dev.preflight.graph;

import java.util.Locale;

/** The result of a node's previous build, as DESIGN.md §1 defines it. */
public enum NodeStatus {
  /** The previous build succeeded. */
  GREEN,
  /**
   * The previous build failed (its own failure, a dependency's, a time-out or a cached failure).
   */
  RED,
  /** No previous result is known. */
  UNKNOWN;

  private static final NodeStatus[] VALUES = values();

  /** The status with this ordinal; used by columnar storage. */
  public static NodeStatus ofOrdinal(int ordinal) {
    return VALUES[ordinal];
  }

  /**
   * Parses a status word: {@code GREEN}/{@code RED}/{@code UNKNOWN} in any case, and the Hydra
   * build results {@code success}, {@code failed}, {@code dependency-failed}, {@code timeout},
   * {@code cached-failure} (and their underscore spellings), mapped as Hydra's status page does;
   * and Debian wanna-build states (https://release.debian.org/wanna-build.txt, "package states"):
   * {@code Installed}, {@code Uploaded} and {@code Built} are green (the build succeeded), {@code
   * Build-Attempted}, {@code Maybe-Failed} and {@code Failed} red (it was built and failed), and
   * {@code Needs-Build}, {@code Building}, {@code Dep-Wait}, {@code BD-Uninstallable}, {@code
   * Not-For-Us} and {@code Auto-Not-For-Us} unknown (no result of its own: waiting, or its
   * build-dependencies cannot be installed).
   *
   * @throws IllegalArgumentException naming the word and the accepted ones
   */
  public static NodeStatus parse(String word) {
    String w = word.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    switch (w) {
      case "green":
      case "success":
      case "succeeded":
      case "ok":
      case "installed":
      case "uploaded":
      case "built":
        return GREEN;
      case "red":
      case "failed":
      case "failure":
      case "dependency-failed":
      case "dep-failed":
      case "timeout":
      case "timed-out":
      case "cached-failure":
      case "aborted":
      case "build-attempted":
      case "maybe-failed":
        return RED;
      case "unknown":
      case "":
      case "-":
      case "needs-build":
      case "building":
      case "dep-wait":
      case "bd-uninstallable":
      case "not-for-us":
      case "auto-not-for-us":
        return UNKNOWN;
      default:
        throw new IllegalArgumentException(
            "unknown status '"
                + word
                + "' (expected GREEN, RED, UNKNOWN, a Hydra result: success, failed,"
                + " dependency-failed, timeout, cached-failure, or a wanna-build state: Installed,"
                + " Uploaded, Built, Build-Attempted, Maybe-Failed, Failed, Needs-Build, Building,"
                + " Dep-Wait, BD-Uninstallable, Not-For-Us)");
    }
  }
}
