package dev.preflight.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SettingsTest {
  @TempDir Path dir;

  @Test
  void defaults_bindFromTheCommentedResource() {
    Settings s = Settings.defaults();
    assertEquals(0.9, s.impact().defaultUnchangedProbability());
    assertEquals(5, s.impact().labelBuckets().size());
    assertEquals("hydra", s.cost().scheduler());
    assertEquals(0.96, s.cost().sizeSigma());
  }

  @Test
  void costOverrides_areValidated() {
    Settings s = Settings.withOverrides("{\"cost\": {\"slots\": 16}}");
    assertEquals(16, s.cost().slots());
    InputException e =
        assertThrows(
            InputException.class,
            () -> Settings.withOverrides("{\"cost\": {\"kneeImprovement\": 2}}"));
    assertTrue(e.getMessage().contains("cost.kneeImprovement"), e.getMessage());
  }

  @Test
  void riskDefaults_bind_andInvalidRiskValuesAreRejected() {
    RiskSettings r = Settings.defaults().risk();
    assertEquals(0.95, r.defaultConfidence());
    assertEquals(0.05, r.defaultMargin());
    assertTrue(r.simulationTrials() >= r.minSimulationTrials());
    InputException e =
        assertThrows(
            InputException.class,
            () -> Settings.withOverrides("{\"risk\": {\"distanceDecay\": 0}}"));
    assertTrue(e.getMessage().contains("risk.distanceDecay"), e.getMessage());
  }

  @Test
  void overrides_replaceOnlyTheNamedKeys() {
    Settings s = Settings.withOverrides("{\"impact\": {\"cutoffSamples\": 10}}");
    assertEquals(10, s.impact().cutoffSamples());
    assertEquals(0.9, s.impact().defaultUnchangedProbability());
  }

  @Test
  void load_invalidValue_namesFileAndProblem() throws Exception {
    Path f = dir.resolve("s.json");
    Files.writeString(f, "{\"impact\": {\"defaultUnchangedProbability\": 1.5}}");
    InputException e = assertThrows(InputException.class, () -> Settings.load(f));
    assertTrue(e.getMessage().startsWith(f + ": invalid settings"), e.getMessage());
    assertTrue(e.getMessage().contains("defaultUnchangedProbability"), e.getMessage());
  }

  @Test
  void load_unknownKey_isRejected() throws Exception {
    Path f = dir.resolve("s.json");
    Files.writeString(f, "{\"impact\": {\"cutofSamples\": 3}}");
    InputException e = assertThrows(InputException.class, () -> Settings.load(f));
    assertTrue(e.getMessage().contains("cutofSamples"), e.getMessage());
  }
}
