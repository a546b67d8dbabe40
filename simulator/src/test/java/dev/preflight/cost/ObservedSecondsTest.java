package dev.preflight.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.history.BuildResult;
import dev.preflight.history.History;
import dev.preflight.history.HistoryFile;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The cost model's robust average over a build history ({@link DurationModel#observedSeconds}). */
final class ObservedSecondsTest {
  private static History csv(String text) {
    return HistoryFile.parse(new StringReader(text), "history.csv");
  }

  private static double observed(History h, String id, int window) {
    int k = h.indexOf(id);
    return k < 0 ? Double.NaN : DurationModel.observedSeconds(h, k, window);
  }

  @Test
  void observedSeconds_takesTheMedianOfTheLatestSuccessfulBuilds() {
    History h =
        csv(
            "id,seconds,status,finishedAt\n"
                + "a,1000,success,2026-01-01T00:00:00Z\n" // oldest: outside a window of 3
                + "a,10,success,2026-01-02T00:00:00Z\n"
                + "a,30,success,2026-01-03T00:00:00Z\n"
                + "a,9999,failed,2026-01-04T00:00:00Z\n" // failures are ignored
                + "a,20,success,2026-01-05T00:00:00Z\n"
                + "b,7,GREEN,1767225600\n"
                + "b,9,GREEN,2025-12-31\n" // older than the epoch-seconds row above
                + "c,5,dependency-failed,2026-01-01\n");
    assertEquals(20, observed(h, "a", 3)); // median of 10, 30, 20
    assertEquals(8, observed(h, "b", 3)); // window holds both: (9 + 7) / 2
    assertTrue(Double.isNaN(observed(h, "c", 3)));
    assertTrue(Double.isNaN(observed(h, "zzz", 3)));
    int withObservation = 0;
    int successful = 0;
    for (int k = 0; k < h.size(); k++) {
      withObservation += Double.isNaN(DurationModel.observedSeconds(h, k, 3)) ? 0 : 1;
      for (int p = h.entriesStart(k); p < h.entriesEnd(k); p++) {
        successful += h.result(p) == BuildResult.SUCCESS ? 1 : 0;
      }
    }
    assertEquals(2, withObservation);
    assertEquals(8, h.entryCount());
    assertEquals(6, successful);
  }

  @Test
  void observedSeconds_acceptsAnyColumnOrderQuotesAndExtraColumns() {
    History h =
        csv("status,machine,ID,finishedAt,seconds\n\"success\",x,\"a,b\",2026-01-01T10:00,12.5\n");
    assertEquals(12.5, observed(h, "a,b", 5));
  }

  @Test
  void observedSeconds_latestWindowOfOne_isTheLatestBuild() {
    History h = csv("id,seconds,status,finishedAt\na,10,success,200\na,50,success,100\n");
    assertEquals(10, observed(h, "a", 1));
  }

  @Test
  void observedSeconds_sameFinishedAt_laterLineIsLater() {
    History h = csv("id,seconds,status,finishedAt\na,10,success,100\na,50,success,100\n");
    assertEquals(50, observed(h, "a", 1));
  }

  @Test
  void observedSeconds_successWithoutSeconds_isNoObservation() {
    History h =
        csv("id,seconds,status,finishedAt\na,10,success,100\na,,success,200\nb,,success,100\n");
    assertEquals(10, observed(h, "a", 1)); // the newest build recorded no seconds
    assertTrue(Double.isNaN(observed(h, "b", 5)));
  }

  @Test
  void observedSeconds_windowBelowOne_isRejected() {
    History h = csv("id,seconds,status,finishedAt\na,10,success,100\n");
    assertThrows(IllegalArgumentException.class, () -> DurationModel.observedSeconds(h, 0, 0));
  }
}
