package dev.preflight.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hydra's API builds JSON as a history (fields and codes of Hydra's Builds.pm / models.rs). */
final class HydraBuildsTest {
  private static String build(String job, String system, String status, String start, String stop) {
    return "{\"id\": 1, \"job\": \""
        + job
        + "\", \"system\": \""
        + system
        + "\", \"finished\": 1, \"buildstatus\": "
        + status
        + ", \"starttime\": "
        + start
        + ", \"stoptime\": "
        + stop
        + ", \"drvpath\": \"/nix/store/0c5rb2wzjxlzc9b57yjmzcwfyvpnhmhl-"
        + job
        + ".drv\"}";
  }

  private static History parse(String... records) {
    return HydraBuilds.parse(new StringReader("[" + String.join(",", records) + "]"), "h.json");
  }

  @ParameterizedTest(name = "status {0}")
  @CsvSource({
    "0, SUCCESS, 300",
    "1, FAILED, 300",
    "2, DEPENDENCY_FAILED, NaN",
    "3, ABORTED, NaN",
    "4, ABORTED, NaN",
    "6, FAILED, 300",
    "7, TIMEOUT, 300",
    "8, CACHED_FAILURE, NaN",
    "9, ABORTED, NaN",
    "10, FAILED, 300",
    "11, FAILED, 300",
    "12, FAILED, 300"
  })
  void statusCodes_mapToResultsAndDurations(int code, BuildResult result, double seconds) {
    History h = parse(build("curl.x86_64-linux", "x86_64-linux", "" + code, "1000", "1300"));
    assertEquals(List.of(new History.Entry(seconds, result, 1300)), h.entries("curl.x86_64-linux"));
  }

  @Test
  void jobWithoutSystem_getsIt_unfinishedAndBusyAreSkipped() {
    History h =
        parse(
            build("curl", "aarch64-darwin", "0", "10", "10"),
            build("zlib", "x86_64-linux", "100", "10", "20"),
            "{\"job\": \"hello\", \"system\": \"x86_64-linux\", \"finished\": 0,"
                + " \"buildstatus\": null, \"starttime\": null, \"stoptime\": null}");
    assertEquals(1, h.size());
    // No time taken: the output came from a cache, so no duration.
    assertTrue(Double.isNaN(h.entries("curl.aarch64-darwin").get(0).seconds()));
    assertEquals(2, h.skippedRecords());
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "5 | unknown buildstatus 5",
        "42 | unknown buildstatus 42",
      })
  void unknownStatus_isAnErrorNamingTheRecord(String code, String message) {
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                parse(
                    build("a", "x86_64-linux", "0", "1", "2"),
                    build("b", "x86_64-linux", code, "1", "2")));
    assertEquals("h.json", e.source());
    assertEquals("record 1", e.location());
    assertTrue(e.problem().startsWith(message), e.problem());
  }

  @Test
  void badRecords_areErrorsNamingTheRecord() {
    assertProblem("missing 'job'", "{\"system\": \"x86_64-linux\", \"finished\": 1}");
    assertProblem(
        "missing 'buildstatus'",
        "{\"job\": \"a\", \"system\": \"s\", \"finished\": 1, \"starttime\": 1,"
            + " \"stoptime\": 2}");
    assertProblem(
        "missing 'stoptime'",
        "{\"job\": \"a\", \"system\": \"s\", \"finished\": 1,"
            + " \"buildstatus\": 0, \"starttime\": 1}");
    assertProblem("negative", build("a", "s", "0", "-5", "2"));
    assertProblem("stoptime 1 is before starttime 2", build("a", "s", "0", "2", "1"));
    assertProblem("'finished' must be 0 or 1", "{\"job\": \"a\", \"system\": \"s\"}");
    assertProblem("expected a build object", "3");
    InputException e =
        assertThrows(
            InputException.class,
            () -> HydraBuilds.parse(new StringReader("{\"builds\": []}"), "h.json"));
    assertTrue(e.problem().startsWith("expected a JSON array of Hydra builds"), e.problem());
  }

  private static void assertProblem(String start, String record) {
    InputException e = assertThrows(InputException.class, () -> parse(record));
    assertEquals("record 0", e.location(), e.getMessage());
    assertTrue(e.problem().startsWith(start), e.problem());
  }
}
