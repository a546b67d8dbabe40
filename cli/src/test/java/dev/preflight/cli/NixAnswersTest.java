package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Nix answers as ofborg, nixpkgs CI and Hydra give them (issue 14), on the fixtures in {@code
 * fixtures/nix/} and {@code fixtures/history/}.
 */
final class NixAnswersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REPO = Path.of(System.getProperty("preflight.repo", ".."));

  @TempDir Path dir;

  private static String fixture(String path) {
    return REPO.resolve(path).toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"fod-old.drv.json", "fod-newer.drv.json", "fod-newest.drv.json"})
  void changeCurl_rebuildsNothingThroughTheFixedOutputSource(String file) throws Exception {
    Cli r =
        Cli.run(
            "impact",
            "--graph",
            fixture("fixtures/nix/" + file),
            "--change",
            "curl",
            "--list",
            "--format",
            "json");
    assertEquals(0, r.exitCode, r.toString());
    JsonNode j = JSON.readTree(r.out);
    // Nix: curl and git (links libcurl); not the source fetched with curl, nor hello built from it.
    assertEquals("[\"curl.x86_64-linux\",\"git.x86_64-linux\"]", j.get("rebuilds").toString());
  }

  private String importJobs() {
    Path g = dir.resolve("jobs.arrow");
    Cli imp =
        Cli.run(
            "import",
            "nix",
            "--derivations",
            fixture("fixtures/nix/derivations-newer.drv.json"),
            "--eval-jobs",
            fixture("fixtures/nix/release-jobs.jsonl"),
            "-o",
            g.toString());
    assertEquals(0, imp.exitCode, imp.toString());
    return g.toString();
  }

  @Test
  void changeGlibc_countsJobsAsTheBotDoes() throws Exception {
    Cli r = Cli.run("impact", "--graph", importJobs(), "--change", "glibc", "--format", "json");
    assertEquals(0, r.exitCode, r.toString());
    JsonNode j = JSON.readTree(r.out);
    // 13 derivations, bootstrap stages included; 7 attribute paths (stdenv, zlib, perl, openssl,
    // openssl_3, curl, hello): the bot's count.
    assertEquals(13, j.get("rebuildCount").asInt());
    assertEquals(7, j.get("attrCount").get("linux").asInt());
    assertEquals(
        "[\"10.rebuild-darwin: 0\",\"10.rebuild-linux: 1-10\",\"10.rebuild-linux-stdenv\"]",
        j.get("labels").toString());
  }

  @Test
  void helloOnTheSample_isTheBotsOneLabel() {
    Cli r = Cli.runSample("impact", "--change", "hello", "--labels");
    assertTrue(r.out.contains("10.rebuild-linux: 1\n"), r.out);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"fixtures/history/nix-jobs.csv", "fixtures/history/hydra-eval-builds.json"})
  void risk_onAnEvalJobsGraph_splitsNewlyAtRiskFromAlreadyBroken(String history) throws Exception {
    Cli r =
        Cli.run(
            "risk",
            "--graph",
            fixture("fixtures/nix/release-jobs.jsonl"),
            "--change",
            "zlib",
            "--history",
            fixture(history),
            "--format",
            "json");
    assertEquals(0, r.exitCode, r.toString());
    JsonNode j = JSON.readTree(r.out);
    assertEquals(4, j.get("newlyAtRisk").asInt());
    assertEquals(2, j.get("alreadyBroken").asInt());
    assertEquals(1, j.get("model").get("historyIdsNotInGraph").asInt());
    assertTrue(
        j.get("model").get("historyUnmatched").asText().contains("'python3.x86_64-linux'"), r.out);
  }

  @Test
  void risk_badHydraRecord_isOneLineNamingFileAndRecord_exit2() throws Exception {
    Path bad = dir.resolve("builds.json");
    Files.writeString(
        bad,
        "[{\"job\": \"zlib.x86_64-linux\", \"system\": \"x86_64-linux\", \"finished\": 1,"
            + " \"buildstatus\": 0, \"starttime\": 10, \"stoptime\": 20},"
            + " {\"job\": \"curl.x86_64-linux\", \"system\": \"x86_64-linux\", \"finished\": 1,"
            + " \"buildstatus\": 5, \"starttime\": 10, \"stoptime\": 20}]");
    Cli r =
        Cli.run(
            "risk",
            "--graph",
            fixture("fixtures/nix/release-jobs.jsonl"),
            "--change",
            "zlib",
            "--history",
            bad.toString());
    assertEquals(2, r.exitCode, r.toString());
    assertEquals(1, r.err.lines().count(), r.err);
    assertTrue(
        r.err.startsWith("preflight: error: " + bad + ":record 1: unknown buildstatus 5"), r.err);
  }

  @Test
  void markdown_impactAndPlan_areAPullRequestComment() {
    Cli impact = Cli.runSample("impact", "--change", "zlib", "--format", "markdown");
    assertEquals(0, impact.exitCode, impact.toString());
    assertTrue(impact.out.contains("`10.rebuild-linux: 11-100`"), impact.out);
    assertTrue(impact.out.contains("<summary>x86_64-linux: 12 attribute paths</summary>"));
    Cli plan =
        Cli.run(
            "plan",
            "--graph",
            fixture("fixtures/nix/release-jobs.jsonl"),
            "--change",
            "zlib",
            "--history",
            fixture("fixtures/history/hydra-eval-builds.json"),
            "--format",
            "markdown");
    assertEquals(0, plan.exitCode, plan.toString());
    assertTrue(plan.out.contains("| 4 | 2 | 0 |"), plan.out);
    assertTrue(plan.out.contains("### Cost"), plan.out);
  }

  @Test
  void plan_failAbove_exits1AboveTheGate() {
    Cli over = Cli.runSample("plan", "--change", "zlib", "--fail-above", "21", "--labels");
    assertEquals(1, over.exitCode, over.toString());
    assertTrue(over.err.contains("rebuild count 22 is above --fail-above 21"), over.err);
    assertEquals(0, Cli.runSample("plan", "--change", "zlib", "--fail-above", "22").exitCode);
  }
}
