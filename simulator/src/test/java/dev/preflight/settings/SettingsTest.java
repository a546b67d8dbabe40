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
    assertEquals(6, s.impact().labelBuckets().size());
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

  @Test
  void defaults_bindToWhatJacksonDatabindBinds() throws Exception {
    // Jackson's ObjectMapper is the oracle for the hand-rolled binder.
    com.fasterxml.jackson.databind.ObjectMapper mapper =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_COMMENTS);
    try (var in = Settings.class.getResourceAsStream("defaults.json")) {
      assertEquals(mapper.readValue(in, Settings.class), Settings.defaults());
    }
  }

  @Test
  void wholeNumberSetting_givenAFraction_isRejectedNotTruncated() {
    InputException e =
        assertThrows(
            InputException.class,
            () -> Settings.withOverrides("{\"impact\": {\"cutoffSamples\": 1.5}}"));
    assertTrue(
        e.getMessage().contains("impact.cutoffSamples must be a whole number, got 1.5"),
        e.getMessage());
    assertEquals(
        7,
        Settings.withOverrides("{\"impact\": {\"cutoffSamples\": 7.0}}").impact().cutoffSamples());
  }

  @Test
  void wrongTypes_andNulls_nameTheKeyPath() {
    String[][] cases = {
      {"{\"cost\": {\"slots\": \"4\"}}", "cost.slots must be a whole number, got the string \"4\""},
      {"{\"cost\": {\"scheduler\": 3}}", "cost.scheduler must be a string, got 3"},
      {"{\"impact\": {\"seed\": null}}", "impact.seed must not be null"},
      {"{\"impact\": {\"labelBuckets\": [\"0\", 1]}}", "impact.labelBuckets[1] must be a string"},
      {"{\"impact\": 3}", "impact must be a JSON object, got 3"},
      {"{\"cost\": {\"builders\": 3000000000}}", "cost.builders is out of range"},
    };
    for (String[] c : cases) {
      InputException e = assertThrows(InputException.class, () -> Settings.withOverrides(c[0]));
      assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
    }
  }

  @Test
  void load_unknownNestedKey_listsTheKnownOnes() throws Exception {
    Path f = dir.resolve("s.json");
    Files.writeString(f, "// mine\n{\"impact\": {\"seeed\": 3}}");
    InputException e = assertThrows(InputException.class, () -> Settings.load(f));
    assertTrue(e.getMessage().contains("unknown key 'impact.seeed' (known: "), e.getMessage());
    assertTrue(e.getMessage().contains("cutoffSamples, seed,"), e.getMessage());
  }

  @Test
  void load_missingFileOrDirectory_saysSoInWords() {
    // Regression: a missing file read "x.json: cannot read settings: x.json".
    Path missing = dir.resolve("x.json");
    InputException e = assertThrows(InputException.class, () -> Settings.load(missing));
    assertEquals(missing + ": no such file", e.getMessage());
    InputException d = assertThrows(InputException.class, () -> Settings.load(dir));
    assertEquals(dir + ": is a directory, not a file", d.getMessage());
  }

  @Test
  void load_malformedJson_namesTheLine() throws Exception {
    Path f = dir.resolve("s.json");
    Files.writeString(f, "{\n  \"impact\": {\n    \"seed\": 3,,\n  }\n}");
    InputException e = assertThrows(InputException.class, () -> Settings.load(f));
    assertTrue(
        e.getMessage().startsWith(f + ": invalid settings: malformed JSON at line 3"),
        e.getMessage());
  }

  @Test
  void load_duplicateKey_isRejected() throws Exception {
    Path f = dir.resolve("s.json");
    Files.writeString(f, "{\"impact\": {\"seed\": 3, \"seed\": 4}}");
    InputException e = assertThrows(InputException.class, () -> Settings.load(f));
    assertTrue(e.getMessage().contains("duplicate key 'seed'"), e.getMessage());
  }
}
